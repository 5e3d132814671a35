// Domain data for function and page tests, made through the typed client the way users and the platform
// make it: news by secretaries, wishes by residents, org-life sessions, a settled month with its bulletins.
import type {
  ActionInput,
  Reply,
  SessionType,
  SettlementSummary,
  TodoSection,
} from '../../typings/index'
import type { NewsDoc } from '../../cloudfunctions/_shared/news'
import type { SessionDoc } from '../../cloudfunctions/orglife/src/store'
import type { WishDoc } from '../../cloudfunctions/wish/src/store'
import { type TestCloud, dataOf } from './cloud'
import { until } from './until'

/** A study item's quiz of one single-choice question, answered right by [[0]]. */
export const ONE_QUESTION_QUIZ = {
  passMark: 60,
  questions: [
    {
      text: '党的根本宗旨是什么？',
      options: ['全心全意为人民服务', '发展经济'],
      multiple: false,
      answer: [0],
    },
  ],
}

export const ADMIN_XINHUA = 'demo-community-admin-1'
export const ADMIN_JIANGSU = 'demo-community-admin-2'
/** demo-resident-1 lives in community-xinhua. */
export const RESIDENT = 'demo-resident-1'
export const RESIDENT_PHONE = '15800000701'

let titles = 0
let drafts = 0

/** A fresh draft id: one per post, comment or 留言 (sending the same draft again is a retry). */
export const draft = () => `draft-${process.pid}-${++drafts}`

type NewsFields = Partial<ActionInput<'interact', 'postNews'>>

/** Posts branch news as `openid` at `now` (a title and body unless given); answers the reply. */
export const postNews = (cloud: TestCloud, openid: string, fields: NewsFields = {}, now?: string) =>
  cloud.as(openid, { now }).interact.postNews({
    draftId: draft(),
    title: '支部动态标题',
    body: '正文内容',
    visibility: 'branch',
    ...fields,
  })

/** Branch news read back: a post's data, a reader's feed (a page of it), the stored document. */
export function news(cloud: TestCloud) {
  const feed = async (openid: string, cursor?: string) =>
    dataOf(await cloud.as(openid).interact.listNews({ cursor }))
  return {
    posted: async (openid: string, fields?: NewsFields, now?: string) =>
      dataOf(await postNews(cloud, openid, fields, now)).news,
    feed,
    feedIds: async (openid: string) => (await feed(openid)).items.map((n) => n.id),
    stored: async (id: string) => (await cloud.doc<NewsDoc>('news', id))!,
  }
}

/**
 * Opens `month` (the openMonth trigger on its first day) and settles it as the district admin an hour into
 * the next: each branch with active members gets its bulletin, `bulletin_<month>_<branchId>`.
 */
export async function settledMonth(cloud: TestCloud, month: string): Promise<SettlementSummary> {
  const [y, m] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  dataOf(await cloud.trigger<Reply<unknown>>('stats', 'openMonth', `${month}-01T02:00:00+08:00`))
  const settledAt = `${next}-01T01:00:00+08:00`
  // Pressed again while slices are left, as the district admin would (each call drives them for its budget).
  for (let press = 0; press < 10; press++) {
    const { summary } = dataOf(
      await cloud.as('demo-district-admin', { now: settledAt }).stats.settle({ month }),
    )
    if (summary) return summary
  }
  throw new Error(`${month} not settled after 10 presses`)
}

/** Wishes by a resident: `submitted` waits for review, `published` is on the wall. */
export function wishes(cloud: TestCloud) {
  const submitted = async (
    resident = RESIDENT,
    extra: Partial<ActionInput<'wish', 'submit'>> = {},
  ) => {
    titles += 1
    const { wish } = dataOf(
      await cloud.as(resident).wish.submit({
        title: `帮忙修理收音机${titles}`,
        description: '家里的老收音机不响了，想请人帮忙看看',
        category: '服务',
        address: '新华路 211 弄 3 号 502 室',
        ...extra,
      }),
    )
    return wish.id
  }
  return {
    submitted,
    async published(
      resident = RESIDENT,
      admin = ADMIN_XINHUA,
      extra: Partial<ActionInput<'wish', 'submit'>> = {},
    ) {
      const wishId = await submitted(resident, extra)
      dataOf(await cloud.as(admin).wish.review({ wishId, decision: 'publish' }))
      return wishId
    },
    stored: (wishId: string) => cloud.doc<WishDoc>('wishes', wishId) as Promise<WishDoc>,
    /** The wish as `openid` sees it. */
    detail: async (openid: string, wishId: string) =>
      dataOf(await cloud.as(openid).wish.detail({ wishId })).wish,
  }
}

/** A session payload opening and closing at the given Shanghai times. */
export const sessionInput = (
  type: SessionType,
  topic: string,
  opensAt: string,
  closesAt: string,
): ActionInput<'orglife', 'createSession'> => ({
  type,
  topic,
  materials: { text: '学习材料：《中国共产党支部工作条例（试行）》第三章', links: [], images: [] },
  opensAt,
  closesAt,
})

let sessionDays = 0

/** Org-life sessions of branch-1 that its secretary plans at `plannedAt`, read back at that time. */
export function sessions(cloud: TestCloud, plannedAt: string) {
  return {
    /** A session with these images in its materials, on a later day of June 2026 each time: its id, a
     * time while it is open and one after it closed. */
    async withImages(images: string[]) {
      const day = String(10 + ++sessionDays).padStart(2, '0')
      const input = sessionInput(
        'partyLecture',
        '学习新修订的党章',
        `2026-06-${day}T09:00:00+08:00`,
        `2026-06-${day}T21:00:00+08:00`,
      )
      const materials = { ...input.materials, images }
      const { session } = dataOf(
        await cloud
          .as('demo-secretary-1', { now: plannedAt })
          .orglife.createSession({ ...input, materials }),
      )
      return {
        id: session.id,
        during: `2026-06-${day}T10:00:00+08:00`,
        closesAt: `2026-06-${day}T22:00:00+08:00`,
      }
    },
    detail: async (openid: string, sessionId: string) =>
      dataOf(await cloud.as(openid, { now: plannedAt }).orglife.sessionDetail({ sessionId }))
        .session,
    media: async (id: string) => (await cloud.doc<SessionDoc>('orglife_sessions', id))!.media,
  }
}

/** Runs org-life's timer trigger at `now`: it closes sessions past closes-at and sends the due messages. */
export const orglifeTick = (cloud: TestCloud, now: string) =>
  cloud.trigger<Reply<{ closed: number; sent: number }>>('orglife', 'tick', now)

/** One section of a 待办: a secretary's (`secretary`) or a community admin's (`community`). */
export async function todoSection(
  cloud: TestCloud,
  openid: string,
  scope: 'secretary' | 'community',
  kind: TodoSection['kind'],
  now?: string,
) {
  const todo = await cloud.as(openid, { now }).todo[scope]({})
  return dataOf<{ sections: TodoSection[] }>(todo).sections.find((s) => s.kind === kind)!
}

/** The refs of the items a 待办 section lists. */
export const todoRefs = async (...args: Parameters<typeof todoSection>) =>
  (await todoSection(...args)).items.map((i) => i.ref)

/**
 * Waits until WeChat's 'review' for the images in `field` of a stored item has arrived (the images now wait
 * for a person), and checks that is all it did; answers the id.
 */
export async function awaitingPerson(
  cloud: TestCloud,
  collection: string,
  id: string,
  field = 'media',
) {
  type Media = { status: string; needsReview?: boolean } | undefined
  const media = async () => (await cloud.doc<Record<string, Media>>(collection, id))?.[field]
  await until(async () => !!(await media())?.needsReview, 'WeChat’s review')
  expect(await media()).toMatchObject({ status: 'pending', needsReview: true })
  return id
}
