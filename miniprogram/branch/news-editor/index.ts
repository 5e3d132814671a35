// 编辑支部动态: the secretary or 信息员 writes a post (or edits one, `?id=`) and chooses who may read it.
import type { NewsVisibilityOption } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded } from '../../behaviors/load'
import { type DraftIdData, freshDraft } from '../../behaviors/draft'
import type { ElderData } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { definePage } from '../../utils/define'
import { visibilityLabels } from '../../utils/interact'
import { loadInto, runAction, showFailure } from '../../utils/page'

export type Data = ElderData &
  DraftIdData &
  LoadData & {
    newsId: string
    title: string
    body: string
    images: string[]
    uploading: boolean
    visibility: NewsVisibilityOption
    options: { value: NewsVisibilityOption; label: string }[]
    saving: boolean
  }

definePage<Data>()({
  behaviors: [loaded, freshDraft],
  data: {
    status: 'ready',
    newsId: '',
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

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (!query.id) return
      this.setData({ newsId: query.id, status: 'loading' })
      wx.setNavigationBarTitle({ title: '修改支部动态' })
      this.load()
    },

    load(): Promise<void> {
      return loadInto(
        this,
        () => api.interact.newsDetail({ newsId: this.data.newsId }),
        ({ news }) => ({
          title: news.title,
          body: news.body,
          images: news.images,
          visibility: news.visibility,
        }),
      )
    },

    onTitle(e: WechatMiniprogram.Input) {
      this.setData({ title: e.detail.value })
    },

    onBody(e: WechatMiniprogram.Input) {
      this.setData({ body: e.detail.value })
    },

    onVisibility(e: WechatMiniprogram.TouchEvent<object, object, { value: NewsVisibilityOption }>) {
      this.setData({ visibility: e.currentTarget.dataset.value })
    },

    onPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>) {
      this.setData({ images: e.detail.ids, uploading: e.detail.uploading })
    },

    async onSubmit(): Promise<void> {
      const { newsId, draftId, title, body, images, visibility, uploading } = this.data
      if (uploading) return
      const fields = { title, body, images, visibility }
      await runAction(this, {
        busyKey: 'saving',
        work: () =>
          newsId
            ? api.interact.editNews({ newsId, ...fields })
            : api.interact.postNews({ draftId, ...fields }),
        done: newsId ? '已保存' : '已发布',
        after: ({ news }) => void wx.redirectTo({ url: `/pages/news-detail/index?id=${news.id}` }),
        failed: (err) => void showFailure(err, '未能发布'),
      })
    },
  },
})
