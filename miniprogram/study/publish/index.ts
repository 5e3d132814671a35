// 发布学习内容: a secretary (for their branch) or the district admin (for every branch, or one it picks) picks a
// 专题 or starts one with its due month, writes the item (图文 with images, or a video / audio link, and the estimated minutes)
// and may add a quiz; a secretary also sets the branch's monthly study minimum here.
import type { QuizInput, StudyKind } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, opened } from '../../behaviors/load'
import { type DraftIdData, freshDraft } from '../../behaviors/draft'
import type { ElderData } from '../../behaviors/elder'
import type { PhotosChange } from '../../components/photo-picker/index'
import { periodLabel, thisMonthKey } from '../../utils/date'
import { type Patch, definePage } from '../../utils/define'
import {
  OFFICERS_GO,
  finalRefusal,
  forbidden,
  loadInto,
  runAction,
  setRow,
  showFailure,
} from '../../utils/page'

/** One question as typed: options one per line, the right ones as letters (`A` or `AC`). */
type QuestionDraft = { key: string; text: string; options: string; answer: string }

export type Data = ElderData &
  DraftIdData &
  LoadData & {
    publishAs: 'district' | 'secretary' | ''
    topicNames: string[]
    topicIds: string[]
    topicIndex: number
    newTopic: string
    /** The district's new topic: for every branch (index 0) or one. */
    targetNames: string[]
    targetIds: string[]
    targetIndex: number
    dueMonth: string
    /** The picked month as people read it. */
    dueMonthText: string
    title: string
    kind: StudyKind
    kinds: { value: StudyKind; label: string }[]
    body: string
    link: string
    minutes: string
    images: string[]
    uploading: boolean
    questions: QuestionDraft[]
    passMark: string
    minimum: string
    saving: boolean
  }

type Input = WechatMiniprogram.Input
type KeyTap = WechatMiniprogram.TouchEvent<object, object, { key: string }>
type Field = 'newTopic' | 'title' | 'body' | 'link' | 'minutes' | 'passMark' | 'minimum'

const NEW_TOPIC = '新建专题'
const FOR_PUBLISHERS = '这里是支部书记和区委组织部发布网上党校学习内容的页面。' + OFFICERS_GO
const LETTERS = 'ABCDEF'

/** The quiz as the contract wants it, or a message saying what to fix. */
export function quizOf(drafts: QuestionDraft[], passMark: string): QuizInput | string | null {
  if (!drafts.length) return null
  const questions = []
  for (const [i, q] of drafts.entries()) {
    const options = q.options
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean)
    const letters = [...new Set(q.answer.toUpperCase().replace(/[^A-F]/g, ''))]
    const answer = letters.map((l) => LETTERS.indexOf(l))
    if (answer.some((a) => a >= options.length))
      return `第 ${i + 1} 题的正确答案不在选项中（共 ${options.length} 个选项）`
    questions.push({ text: q.text.trim(), options, multiple: answer.length > 1, answer })
  }
  return { questions, passMark: Number(passMark) }
}

definePage<Data>()({
  behaviors: [loaded, freshDraft, opened],
  data: {
    publishAs: '',
    topicNames: [],
    topicIds: [],
    topicIndex: 0,
    newTopic: '',
    targetNames: [],
    targetIds: [],
    targetIndex: 0,
    dueMonth: thisMonthKey(),
    dueMonthText: periodLabel(thisMonthKey()),
    title: '',
    kind: 'article',
    kinds: [
      { value: 'article', label: '图文' },
      { value: 'video', label: '视频链接' },
      { value: 'audio', label: '音频链接' },
    ],
    body: '',
    link: '',
    minutes: '5',
    images: [],
    uploading: false,
    questions: [],
    passMark: '60',
    minimum: '',
    saving: false,
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        async () => {
          const list = await api.study.list({})
          const settings = list.publishAs === 'secretary' ? await api.checkin.settings({}) : null
          const tree = list.publishAs === 'district' ? await api.org.tree() : null
          return { list, settings, tree }
        },
        ({ list, settings, tree }) => {
          const branches = (tree?.root.children ?? []).flatMap((c) =>
            c.children.map((b) => ({ id: b.id, name: `${c.name} · ${b.name}` })),
          )
          if (!list.publishAs) return forbidden(FOR_PUBLISHERS)
          const topics = list.topics.filter((t) => t.mayPublish)
          return {
            publishAs: list.publishAs,
            topicNames: [
              NEW_TOPIC,
              ...topics.map((t) => `${t.title}（${periodLabel(t.dueMonth)}）`),
            ],
            topicIds: ['', ...topics.map((t) => t.id)],
            minimum: settings ? String(settings.minimums.study) : '',
            targetNames: ['全区各支部', ...branches.map((b) => b.name)],
            targetIds: ['', ...branches.map((b) => b.id)],
          }
        },
        { failed: (err) => finalRefusal(err, FOR_PUBLISHERS) },
      )
    },

    onField(e: WechatMiniprogram.TouchEvent<{ value: string }, object, { field: Field }>) {
      const patch: Patch<Data> = {}
      patch[e.currentTarget.dataset.field] = e.detail.value
      this.setData(patch)
    },

    onTopic(e: Input) {
      this.setData({ topicIndex: Number(e.detail.value) })
    },

    onTarget(e: Input) {
      this.setData({ targetIndex: Number(e.detail.value) })
    },

    onDueMonth(e: Input) {
      this.setData({ dueMonth: e.detail.value, dueMonthText: periodLabel(e.detail.value) })
    },

    onKind(e: WechatMiniprogram.TouchEvent<object, object, { value: StudyKind }>) {
      this.setData({ kind: e.currentTarget.dataset.value })
    },

    onPhotos(e: WechatMiniprogram.CustomEvent<PhotosChange>) {
      this.setData({ images: e.detail.ids, uploading: e.detail.uploading })
    },

    onAddQuestion() {
      const key = `q${Date.now().toString(36)}${this.data.questions.length}`
      this.setData({
        questions: [...this.data.questions, { key, text: '', options: '', answer: '' }],
      })
    },

    onRemoveQuestion(e: KeyTap) {
      this.setData({
        questions: this.data.questions.filter((q) => q.key !== e.currentTarget.dataset.key),
      })
    },

    onQuestion(
      e: WechatMiniprogram.TouchEvent<
        { value: string },
        object,
        { key: string; part: 'text' | 'options' | 'answer' }
      >,
    ) {
      const { key, part } = e.currentTarget.dataset
      const index = this.data.questions.findIndex((q) => q.key === key)
      if (index >= 0)
        setRow(this, 'questions', index, { ...this.data.questions[index], [part]: e.detail.value })
    },

    async onSubmit(): Promise<void> {
      const d = this.data
      if (d.uploading) return
      const quiz = quizOf(d.questions, d.passMark)
      if (typeof quiz === 'string') {
        wx.showToast({ title: quiz, icon: 'none' })
        return
      }
      const topicId = d.topicIds[d.topicIndex]
      await runAction(this, {
        busyKey: 'saving',
        work: async () => {
          const id =
            topicId ||
            (
              await api.study.createTopic({
                draftId: `${d.draftId}t`,
                title: d.newTopic,
                dueMonth: d.dueMonth,
                ...(d.targetIndex > 0 ? { branchId: d.targetIds[d.targetIndex] } : {}),
              })
            ).topic.id
          return api.study.publish({
            draftId: d.draftId,
            topicId: id,
            title: d.title,
            kind: d.kind,
            body: d.body,
            images: d.kind === 'article' ? d.images : [],
            ...(d.kind === 'article' ? {} : { link: d.link.trim() }),
            minutes: Number(d.minutes),
            ...(quiz ? { quiz } : {}),
          })
        },
        done: '已发布',
        after: ({ item }) => void wx.redirectTo({ url: `/study/item/index?id=${item.id}` }),
        failed: (err) => void showFailure(err, '未能发布'),
      })
    },

    async onSaveMinimum(): Promise<void> {
      await runAction(this, {
        busyKey: 'saving',
        work: async () => {
          const { minimums } = await api.checkin.settings({})
          return api.checkin.updateSettings({
            minimums: {
              checkin: minimums.checkin,
              comment: minimums.comment,
              study: Number(this.data.minimum),
            },
          })
        },
        done: '已保存',
      })
    },
  },
})
