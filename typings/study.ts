// 网上党校: study items (an article with images, or a video / audio link, with an optional quiz) grouped in
// 专题 with a due month; the district pushes topics to every branch, a secretary to theirs. Completing an item
// is one ledger action per member and item (rule `study`).
import { z } from 'zod'
import { FileId, Id, MonthString, text } from './common'
import type { MediaStatus } from './common'

export const STUDY_KINDS = ['article', 'video', 'audio'] as const
export type StudyKind = (typeof STUDY_KINDS)[number]
export const STUDY_KIND_LABELS: Record<StudyKind, string> = {
  article: '图文',
  video: '视频',
  audio: '音频',
}

/** The page's id for one draft, so a retried publish stores it once. */
const DraftId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, '草稿编号有误，请返回重新填写')

const Question = z
  .object({
    text: text({ label: '题目', min: 2, max: 200 }),
    options: z
      .array(text({ label: '选项', min: 1, max: 100 }))
      .min(2, '每题至少 2 个选项')
      .max(6, '每题最多 6 个选项'),
    multiple: z.boolean(),
    /** Indices of the right options; never sent to a reader's page. */
    answer: z.array(z.number().int().min(0).max(5)).min(1, '请设置正确答案').max(6),
  })
  .strict()
  .refine((q) => q.answer.every((i) => i < q.options.length), '正确答案须是已有的选项')
  .refine((q) => new Set(q.answer).size === q.answer.length, '正确答案不能重复')
  .refine((q) => q.multiple || q.answer.length === 1, '单选题只能有一个正确答案')

export const Quiz = z
  .object({
    questions: z.array(Question).min(1, '测验至少 1 题').max(20, '测验最多 20 题'),
    /** The share of questions to answer right, in percent. */
    passMark: z.number().int().min(1, '及格线至少 1%').max(100, '及格线最多 100%'),
  })
  .strict()
export type QuizInput = z.output<typeof Quiz>

const Link = z
  .string()
  .max(500, '链接过长')
  .regex(/^https:\/\/\S+$/, '请填写以 https:// 开头的链接')

export const studyInputs = {
  /** Without branchId: a secretary's topic is their branch's, a district admin's every branch's. */
  createTopic: z
    .object({
      draftId: DraftId,
      title: text({ label: '专题名称', min: 2, max: 40 }),
      dueMonth: MonthString,
      branchId: Id.optional(),
    })
    .strict(),
  publish: z
    .object({
      draftId: DraftId,
      topicId: Id,
      title: text({ label: '标题', min: 2, max: 50 }),
      kind: z.enum(STUDY_KINDS, '请选择内容形式'),
      body: text({ label: '正文', max: 10000 }),
      images: z.array(FileId).max(9, '最多 9 张图片').default([]),
      link: Link.optional(),
      minutes: z
        .number()
        .int()
        .min(1, '预计学习时间至少 1 分钟')
        .max(120, '预计学习时间最多 120 分钟'),
      quiz: Quiz.optional(),
    })
    .strict()
    .refine((p) => p.kind === 'article' || !!p.link, {
      message: '视频或音频请填写链接',
      path: ['link'],
    })
    .refine((p) => p.kind !== 'article' || p.body.length > 0, {
      message: '请填写正文',
      path: ['body'],
    }),
  /**
   * Its publisher's level (the branch's secretary, a district admin) edits an item before anyone completed it;
   * the topic only for one with the same readers. `quiz` given (null removes it) replaces the quiz, only while
   * no one has attempted it; omitted, it stays.
   */
  editItem: z
    .object({
      itemId: Id,
      topicId: Id,
      title: text({ label: '标题', min: 2, max: 50 }),
      body: text({ label: '正文', max: 10000 }),
      minutes: z
        .number()
        .int()
        .min(1, '预计学习时间至少 1 分钟')
        .max(120, '预计学习时间最多 120 分钟'),
      quiz: Quiz.nullable().optional(),
    })
    .strict(),
  /** Hidden from members from now on and no longer due; kept, with the completions already earned. */
  withdrawItem: z.object({ itemId: Id }).strict(),
  list: z.object({}).strict(),
  detail: z.object({ itemId: Id }).strict(),
  /** The page reports reading: seconds on the page since its last report, and whether it reached the end. */
  progress: z
    .object({
      itemId: Id,
      seconds: z.number().int().min(0).max(3600),
      reachedEnd: z.boolean(),
    })
    .strict(),
  /** One list of chosen option indices per question, in order. */
  submitQuiz: z
    .object({
      itemId: Id,
      answers: z.array(z.array(z.number().int().min(0).max(5)).max(6)).max(20),
    })
    .strict(),
  byBranch: z.object({ month: MonthString.optional() }).strict(),
  /** A branch's members and their completions of the month's due items (the caller's branch by default). */
  members: z.object({ branchId: Id.optional(), month: MonthString.optional() }).strict(),
}

/** What a reader has done with an item. */
export type StudyProgress = {
  seconds: number
  reachedEnd: boolean
  quizPassed: boolean
  /** The best quiz result so far, in percent (null before any attempt). */
  bestPercent: number | null
  completed: boolean
}

export type StudyItemSummary = {
  id: string
  title: string
  kind: StudyKind
  minutes: number
  hasQuiz: boolean
  completed: boolean
}

export type StudyTopic = {
  id: string
  title: string
  dueMonth: string
  /** 区委推送 (every branch) or the branch's own. */
  fromDistrict: boolean
  /** The caller may publish in it: the district admin in any, a secretary in their branch's. */
  mayPublish: boolean
  items: StudyItemSummary[]
  done: number
}

export type StudyItemView = {
  id: string
  topicId: string
  topicTitle: string
  dueMonth: string
  title: string
  kind: StudyKind
  body: string
  /** Only those that passed the image check (their uploader also sees them while pending). */
  images: string[]
  mediaStatus: MediaStatus
  /** WeChat was unsure of the images and the caller may decide them (interact.reviewMedia, 'study'). */
  awaitingReview: boolean
  /** The caller's level published it (study.editItem / withdrawItem). */
  mayManage: boolean
  link: string | null
  minutes: number
  /** The questions without their answers. */
  quiz: {
    passMark: number
    questions: { text: string; options: string[]; multiple: boolean }[]
  } | null
  /** Reading needed without a quiz: the end reached and this many seconds on the page. */
  requiredSeconds: number
  progress: StudyProgress
}

export type StudyOutputs = {
  createTopic: { topic: { id: string; title: string; dueMonth: string; branchId: string | null } }
  publish: { item: StudyItemView }
  editItem: { item: StudyItemView }
  withdrawItem: { itemId: string; withdrawnAt: string }
  list: {
    month: string
    topics: StudyTopic[]
    /** The caller may publish (a secretary or a district admin), and as whom. */
    canPublish: boolean
    publishAs: 'district' | 'secretary' | null
    /** The branch's monthly study minimum (0: none), and the items completed this month. */
    minimum: number
    doneThisMonth: number
  }
  detail: { item: StudyItemView }
  progress: { progress: StudyProgress; counted: boolean }
  submitQuiz: {
    correct: number
    total: number
    percent: number
    passed: boolean
    progress: StudyProgress
    /** This call's completion moved the month's counts (false when it had counted before). */
    counted: boolean
  }
  members: {
    branchId: string
    branchName: string
    month: string
    /** Items due this month that apply to the branch. */
    items: number
    /** Most missing first. */
    members: { id: string; name: string; done: number; missing: number }[]
  }
  byBranch: {
    month: string
    /** Items due this month that apply to every branch. */
    districtItems: number
    branches: {
      branchId: string
      branchName: string
      members: number
      /** Items due this month that apply to the branch. */
      items: number
      /** Completions of those items by the branch's members. */
      completions: number
      /** completions / (members × items), in percent; null when nothing is due. */
      percent: number | null
    }[]
  }
}
