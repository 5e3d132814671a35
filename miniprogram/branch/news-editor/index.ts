// 编辑支部动态: the secretary or 信息员 writes a post (or edits one, `?id=`) and chooses who may read it.
import type { NewsVisibilityOption } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded } from '../../behaviors/load'
import { type DraftIdData, freshDraft } from '../../behaviors/draft'
import type { ElderData } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { definePage } from '../../utils/define'
import { visibilityLabels } from '../../utils/interact'
import { forRole, forbidden, loadInto, runAction, showFailure } from '../../utils/page'
import { holds } from '../../utils/viewer'

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
    /** Why 发布 is disabled ('' when it is not). */
    why: string
  }

const whyDisabled = (d: Pick<Data, 'title' | 'body' | 'uploading'>) =>
  !d.title.trim()
    ? '请先填写标题'
    : !d.body.trim()
      ? '请先填写正文'
      : d.uploading
        ? '图片正在上传，请稍候'
        : ''

const FOR_POSTERS = '支部动态由支部书记和信息员在这里发布。您可以在「互动」中阅读本支部的动态。'

definePage<Data>()({
  behaviors: [loaded, freshDraft],
  data: {
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
    why: whyDisabled({ title: '', body: '', uploading: false }),
  },

  observers: {
    'title, body, uploading'() {
      this.setData({ why: whyDisabled(this.data) })
    },
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.id) {
        this.setData({ newsId: query.id })
        wx.setNavigationBarTitle({ title: '修改支部动态' })
      }
      this.load()
    },

    /** The form for the branch's secretary and 信息员 (with the post to edit); anyone else is told whose it is. */
    load(): Promise<void> {
      const { newsId } = this.data
      return loadInto(
        this,
        () =>
          forRole(
            (me) => holds(me, 'secretary', 'infoOfficer'),
            () => (newsId ? api.interact.newsDetail({ newsId }) : Promise.resolve(null)),
          ),
        (allowed) => {
          if (!allowed) return forbidden(FOR_POSTERS)
          const news = allowed.data?.news
          return news
            ? {
                title: news.title,
                body: news.body,
                images: news.images,
                visibility: news.visibility,
              }
            : {}
        },
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
      const { newsId, draftId, title, body, images, visibility, why } = this.data
      if (why) return
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
