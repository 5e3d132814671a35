// 编辑支部动态: the secretary or 信息员 writes a post (or edits one, `?id=`) and chooses who may read it.
import type { NewsVisibilityOption } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { newDraftId, visibilityLabels } from '../../utils/interact'
import { pageStyle } from '../../utils/elder'
import type { PhotosChange } from '../../components/photo-picker/index'

type Data = {
  status: 'loading' | 'ready' | 'error'
  errorMessage: string
  newsId: string
  draftId: string
  title: string
  body: string
  images: string[]
  uploading: boolean
  visibility: NewsVisibilityOption
  options: { value: NewsVisibilityOption; label: string }[]
  saving: boolean
}

type Custom = {
  onRetry(): void
  load(): Promise<void>
  onTitle(e: WechatMiniprogram.Input): void
  onBody(e: WechatMiniprogram.Input): void
  onVisibility(
    e: WechatMiniprogram.TouchEvent<object, object, { value: NewsVisibilityOption }>,
  ): void
  onPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>): void
  onSubmit(): Promise<void>
}

Page<Data, Custom>({
  data: {
    status: 'ready',
    errorMessage: '',
    newsId: '',
    draftId: newDraftId(),
    title: '',
    body: '',
    images: [],
    uploading: false,
    visibility: 'branch',
    options: (Object.keys(visibilityLabels) as NewsVisibilityOption[]).map((value) => ({
      value,
      label: visibilityLabels[value],
    })),
    saving: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ pageStyle: pageStyle() })
    if (query.id) {
      this.setData({ newsId: query.id, status: 'loading' })
      wx.setNavigationBarTitle({ title: '修改支部动态' })
      this.load()
    }
  },

  async load() {
    try {
      const { news } = await api.interact.newsDetail({ newsId: this.data.newsId })
      this.setData({
        status: 'ready',
        title: news.title,
        body: news.body,
        images: news.images,
        visibility: news.visibility,
      })
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  onRetry() {
    this.load()
  },

  onTitle(e) {
    this.setData({ title: e.detail.value })
  },

  onBody(e) {
    this.setData({ body: e.detail.value })
  },

  onVisibility(e) {
    this.setData({ visibility: e.currentTarget.dataset.value })
  },

  onPhotos(e) {
    this.setData({ images: e.detail.ids, uploading: e.detail.uploading })
  },

  async onSubmit() {
    const { newsId, draftId, title, body, images, visibility, saving, uploading } = this.data
    if (saving || uploading) return
    this.setData({ saving: true })
    try {
      const fields = { title, body, images, visibility }
      const { news } = newsId
        ? await api.interact.editNews({ newsId, ...fields })
        : await api.interact.postNews({ draftId, ...fields })
      wx.showToast({ title: newsId ? '已保存' : '已发布', icon: 'success' })
      wx.redirectTo({ url: `/pages/news-detail/index?id=${news.id}` })
    } catch (err) {
      wx.showModal({ title: '未能发布', content: errorMessage(err), showCancel: false })
    } finally {
      this.setData({ saving: false })
    }
  },
})
