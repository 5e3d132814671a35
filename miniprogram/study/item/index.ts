// 学习内容: reading an item records time on the page and reaching its end (one small call when the end is
// reached and when the page is left; the server credits time by its own clock), and the quiz, graded on the
// server: the page never holds the answers. A reviewer (the branch's community admin, a district admin) decides
// images WeChat's check was unsure of here; until then the page is theirs to review, not to study.
import type { StudyItemView, StudyProgress } from '../../../typings/index'
import { api } from '../../services/api'
import { type ReviewData, decidedSince, mediaReview } from '../../behaviors/media-review'
import type { ElderData } from '../../behaviors/elder'
import { type ByIdData, byId } from '../../behaviors/scoped'
import { definePage } from '../../utils/define'
import { photoSrc } from '../../utils/upload'
import { OFFICERS_GO, finalRefusal, loadInto, runAction, setRow } from '../../utils/page'

type Option = { index: number; label: string; text: string; chosen: boolean }
type Question = { key: string; text: string; multiple: boolean; options: Option[] }

export type Data = ElderData &
  ByIdData &
  ReviewData & {
    title: string
    meta: string
    body: string
    images: string[]
    link: string
    mediaNote: string
    /** The images' file ids while they await the caller's decision, else empty. */
    reviewImages: string[]
    questions: Question[]
    passMark: number
    state: string
    completed: boolean
    result: string
    busy: boolean
    /** The caller's level published it: 修改 (title, body, minutes) and 撤回. */
    mayManage: boolean
    topicId: string
    minutes: number
    editing: boolean
    editTitle: string
    editBody: string
    editMinutes: string
  }

const LETTERS = 'ABCDEF'

/** What the reader still has to do, or that it is done. */
function stateOf(item: Pick<StudyItemView, 'quiz' | 'requiredSeconds'>, p: StudyProgress): string {
  if (p.completed) return '已学完，本项已记入本月参与'
  if (item.quiz)
    return p.bestPercent === null
      ? `读完后完成测验（${item.quiz.passMark}% 及格）即算学完`
      : `测验最好成绩 ${p.bestPercent}%，及格线 ${item.quiz.passMark}%，可以再试`
  const minutes = Math.ceil(item.requiredSeconds / 60)
  return `阅读到最后并学习满 ${minutes} 分钟即算学完（已学 ${Math.floor(p.seconds / 60)} 分钟）`
}

/** When the page last reported reading, by the page's clock (the server caps it by its own). */
let lastReport = 0

definePage<Data>()({
  behaviors: [byId('这条学习内容'), mediaReview],
  data: {
    title: '',
    meta: '',
    body: '',
    images: [],
    link: '',
    mediaNote: '',
    reviewImages: [],
    questions: [],
    passMark: 0,
    state: '',
    completed: false,
    result: '',
    busy: false,
    mayManage: false,
    topicId: '',
    minutes: 0,
    editing: false,
    editTitle: '',
    editBody: '',
    editMinutes: '',
  },

  methods: {
    onHide() {
      this.report(false)
    },

    onUnload() {
      this.report(false)
    },

    onReachBottom() {
      this.report(true)
    },

    loadItem(itemId: string): Promise<void> {
      return loadInto(
        this,
        () => api.study.detail({ itemId }),
        ({ item }) => {
          lastReport = Date.now()
          return {
            title: item.title,
            meta: `${item.topicTitle} · 约 ${item.minutes} 分钟`,
            body: item.body,
            images: item.images.map(photoSrc),
            link: item.link ?? '',
            mediaNote:
              item.mediaStatus === 'pending' && !item.awaitingReview
                ? '图片审核中，通过后其他党员可见'
                : '',
            reviewImages: item.awaitingReview ? item.images : [],
            passMark: item.quiz?.passMark ?? 0,
            questions: (item.quiz?.questions ?? []).map((q, i) => ({
              key: `q${i}`,
              text: `${i + 1}. ${q.text}${q.multiple ? '（多选）' : '（单选）'}`,
              multiple: q.multiple,
              options: q.options.map((text, index) => ({
                index,
                label: LETTERS[index],
                text,
                chosen: false,
              })),
            })),
            state: stateOf(item, item.progress),
            completed: item.progress.completed,
            mayManage: item.mayManage,
            topicId: item.topicId,
            minutes: item.minutes,
            editing: false,
          }
        },
        {
          failed: (err) =>
            decidedSince(err, this.data.reviewImages.length > 0)
              ? { status: 'empty', message: '图片已审核完毕，这条学习内容不属于您的支部' }
              : finalRefusal(err, '这条学习内容不存在或不在您的支部。' + OFFICERS_GO),
        },
      )
    },

    /** One small call: seconds since the last report, and whether the end was reached. */
    async report(reachedEnd: boolean): Promise<void> {
      const { id, status, completed, reviewImages } = this.data
      // A reviewer's visit is no reading.
      if (!id || status !== 'ready' || reviewImages.length || (completed && !reachedEnd)) return
      const seconds = Math.min(3600, Math.max(0, Math.floor((Date.now() - lastReport) / 1000)))
      lastReport = Date.now()
      try {
        const r = await api.study.progress({ itemId: id, seconds, reachedEnd })
        if (r.progress.completed !== this.data.completed)
          this.setData({ completed: r.progress.completed })
        if (r.counted) wx.showToast({ title: '已学完 · 参与 +1', icon: 'success' })
      } catch {
        // Reading is reported again when the page is left or the end reached; nothing to show.
      }
    },

    onEdit() {
      const { title, body, minutes } = this.data
      this.setData({
        editing: true,
        editTitle: title,
        editBody: body,
        editMinutes: String(minutes),
      })
    },

    onEditField(
      e: WechatMiniprogram.Input & {
        currentTarget: { dataset: { field: 'editTitle' | 'editBody' | 'editMinutes' } }
      },
    ) {
      const { field } = e.currentTarget.dataset
      this.setData({ [field]: e.detail.value } as Pick<Data, typeof field>)
    },

    onCancelEdit() {
      this.setData({ editing: false })
    },

    async onSaveEdit(): Promise<void> {
      const { id, topicId, editTitle, editBody, editMinutes } = this.data
      await runAction(this, {
        busyKey: 'busy',
        work: () =>
          api.study.editItem({
            itemId: id,
            topicId,
            title: editTitle,
            body: editBody,
            minutes: Number(editMinutes),
          }),
        done: '已保存',
        after: () => this.load(),
      })
    },

    async onWithdraw(): Promise<void> {
      const answer = await wx.showModal({
        title: '撤回这条学习内容？',
        content: '撤回后党员看不到，也不再计入必学；已学完的记录保留',
      })
      if (!answer.confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: () => api.study.withdrawItem({ itemId: this.data.id }),
        done: '已撤回',
        after: () => this.setData({ status: 'empty', message: '这条学习内容已撤回' }),
      })
    },

    onFinished() {
      return this.report(true).then(() => this.load())
    },

    onChoose(e: WechatMiniprogram.TouchEvent<object, object, { q: number; o: number }>) {
      const { q, o } = e.currentTarget.dataset
      const question = this.data.questions[q]
      const options = question.options.map((opt) => ({
        ...opt,
        chosen: question.multiple ? (opt.index === o ? !opt.chosen : opt.chosen) : opt.index === o,
      }))
      setRow(this, 'questions', q, { ...question, options })
    },

    async onSubmitQuiz(): Promise<void> {
      const answers = this.data.questions.map((q) =>
        q.options.filter((o) => o.chosen).map((o) => o.index),
      )
      if (answers.some((a) => !a.length)) {
        wx.showToast({ title: '请回答全部题目', icon: 'none' })
        return
      }
      await runAction(this, {
        busyKey: 'busy',
        work: () => api.study.submitQuiz({ itemId: this.data.id, answers }),
        done: (r) => (r.counted ? '测验合格 · 参与 +1' : ''),
        after: (r) =>
          this.setData({
            result: `答对 ${r.correct}/${r.total} 题（${r.percent}%），${r.passed ? '合格' : `未达到 ${this.data.passMark}%，请再读一遍后重试`}`,
            completed: r.progress.completed,
            state: r.progress.completed ? '已学完，本项已记入本月参与' : this.data.state,
          }),
      })
    },
  },
})
