// 网上党校 through the real SDK: publishing and who sees what, reading and quizzes completing an item once
// (retries and concurrent submissions included), the counts in stats and the branch ranking, the study
// minimum, the secretary's 待办 and completion by branch.
import type { QuizInput } from '../../typings/study'
import type { TodoSection } from '../../typings/todo'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { memberMonthId } from '../../cloudfunctions/_shared/participation'
import { todoSection } from '../support/fixtures'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()

const NOW = '2026-11-10T09:00:00+08:00'
const at = (seconds: number) => new Date(Date.parse(NOW) + seconds * 1000).toISOString()
const SECRETARY = 'demo-secretary-1'
const DISTRICT = 'demo-district-admin'
/** Branch-1 members; demo-member-34 is in branch-3. */
const OUTSIDER = 'demo-member-34'

let drafts = 0
const draftId = () => `study-draft-${++drafts}`

const QUIZ: QuizInput = {
  passMark: 60,
  questions: [
    {
      text: '党的根本宗旨是什么？',
      options: ['全心全意为人民服务', '发展经济'],
      multiple: false,
      answer: [0],
    },
    {
      text: '三会一课包括哪些？',
      options: ['支部党员大会', '支委会', '党小组会', '茶话会'],
      multiple: true,
      answer: [0, 1, 2],
    },
  ],
}
const RIGHT = [[0], [2, 1, 0]]
const WRONG = [[1], [0, 1]]

async function topic(openid: string, extra: { branchId?: string } = {}, dueMonth = '2026-11') {
  const reply = await cloud.as(openid, { now: NOW }).study.createTopic({
    draftId: draftId(),
    title: '学习党的二十届四中全会精神',
    dueMonth,
    ...extra,
  })
  return dataOf(reply).topic
}

async function item(
  openid: string,
  topicId: string,
  extra: { quiz?: QuizInput; minutes?: number } = {},
) {
  const reply = await cloud.as(openid, { now: NOW }).study.publish({
    draftId: draftId(),
    topicId,
    title: '5分钟电子党课',
    kind: 'article',
    body: '全会审议通过了建议稿。',
    minutes: extra.minutes ?? 2,
    ...(extra.quiz ? { quiz: extra.quiz } : {}),
  })
  return dataOf(reply).item
}

const listed = async (openid: string) =>
  dataOf(await cloud.as(openid, { now: NOW }).study.list({})).topics.flatMap((t) =>
    t.items.map((i) => i.id),
  )

const ledgerOf = (openid: string, itemId: string) =>
  cloud.docs('participation_ledger', { rule: 'study', ref: itemId, memberId: memberIdOf(openid) })

describe('publishing and visibility', () => {
  test('a secretary’s item is their branch’s; the district’s reaches every branch', async () => {
    const own = await item(SECRETARY, (await topic(SECRETARY)).id)
    const pushed = await item(DISTRICT, (await topic(DISTRICT)).id)
    expect(await listed('demo-member-1')).toEqual(expect.arrayContaining([own.id, pushed.id]))
    const outside = await listed(OUTSIDER)
    expect(outside).toContain(pushed.id)
    expect(outside).not.toContain(own.id)
    // An outsider probing the id is answered as for a missing one.
    const probe = await cloud.as(OUTSIDER, { now: NOW }).study.detail({ itemId: own.id })
    const missing = await cloud.as(OUTSIDER, { now: NOW }).study.detail({ itemId: 'no-such-item' })
    expect(probe).toEqual(missing)
    expect(probe).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  test('another branch’s secretary cannot publish in a topic; members cannot publish at all', async () => {
    const t = await topic(SECRETARY)
    const other = await cloud.as('demo-secretary-3', { now: NOW }).study.publish({
      draftId: draftId(),
      topicId: t.id,
      title: '越权发布',
      kind: 'article',
      body: '正文',
      minutes: 3,
    })
    expect(other).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const member = await cloud
      .as('demo-member-1', { now: NOW })
      .study.createTopic({ draftId: draftId(), title: '普通党员的专题', dueMonth: '2026-11' })
    expect(member).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    const named = await cloud.as(SECRETARY, { now: NOW }).study.createTopic({
      draftId: draftId(),
      title: '别的支部',
      dueMonth: '2026-11',
      branchId: 'branch-3',
    })
    expect(named).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })
    expect(await cloud.docs('study_topics', { title: '别的支部' })).toEqual([])
  })

  test('text failing msgSecCheck and bad quizzes store nothing', async () => {
    const t = await topic(SECRETARY)
    const send = (fields: Record<string, unknown>) =>
      cloud.callAs(SECRETARY, 'study', 'publish', {
        draftId: draftId(),
        topicId: t.id,
        title: '违规内容',
        kind: 'article',
        body: '欢迎来赌博',
        minutes: 3,
        ...fields,
      })
    expect(await send({})).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' })
    const badAnswer = { ...QUIZ, questions: [{ ...QUIZ.questions[0], answer: [5] }] }
    expect(await send({ body: '正常正文', quiz: badAnswer })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
    const twoForSingle = { ...QUIZ, questions: [{ ...QUIZ.questions[0], answer: [0, 1] }] }
    expect(await send({ body: '正常正文', quiz: twoForSingle })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
    expect(await send({ body: '正常正文', kind: 'video' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('链接'),
    })
    expect(await cloud.docs('study_items', { title: '违规内容' })).toEqual([])
  })

  test('a retried publish stores one item; images wait for the media check', async () => {
    const t = await topic(SECRETARY)
    const input = {
      draftId: draftId(),
      topicId: t.id,
      title: '带图片的学习材料',
      kind: 'article' as const,
      body: '图文并茂',
      images: ['cloud://env/study/a.jpg'],
      minutes: 3,
    }
    const [a, b] = await Promise.all([
      cloud.as(SECRETARY, { now: NOW }).study.publish(input),
      cloud.as(SECRETARY, { now: NOW }).study.publish(input),
    ])
    expect(dataOf(a).item.id).toBe(dataOf(b).item.id)
    expect(await cloud.docs('study_items', { title: '带图片的学习材料' })).toHaveLength(1)
    expect(dataOf(a).item).toMatchObject({ mediaStatus: 'pending', images: input.images })
    // Readers other than the author see no image until the check passed.
    const read = async () =>
      dataOf(
        await cloud.as('demo-member-1', { now: NOW }).study.detail({ itemId: dataOf(a).item.id }),
      ).item
    expect(await read()).toMatchObject({ images: [], mediaStatus: 'pending' })
    const stored = await cloud.doc<{ media: { traceIds: string[] } }>(
      'study_items',
      dataOf(a).item.id,
    )
    await cloud.media.delivered(stored!.media.traceIds)
    expect(await read()).toMatchObject({ images: input.images, mediaStatus: 'pass' })
  })
})

describe('completion', () => {
  test('reading counts once the end is reached after half the estimated time; time is the server’s', async () => {
    const it = await item(SECRETARY, (await topic(SECRETARY)).id, { minutes: 2 })
    const reader = 'demo-member-3'
    const as = (s: number) => cloud.as(reader, { now: at(s) }).study
    expect(dataOf(await as(0).detail({ itemId: it.id })).item.requiredSeconds).toBe(60)
    // A page claiming an hour after 10 s is credited 10 s.
    const early = dataOf(await as(10).progress({ itemId: it.id, seconds: 3600, reachedEnd: true }))
    expect(early).toMatchObject({
      counted: false,
      progress: { seconds: 10, reachedEnd: true, completed: false },
    })
    const done = dataOf(await as(70).progress({ itemId: it.id, seconds: 60, reachedEnd: false }))
    expect(done).toMatchObject({ counted: true, progress: { seconds: 70, completed: true } })
    const again = dataOf(await as(130).progress({ itemId: it.id, seconds: 60, reachedEnd: true }))
    expect(again.counted).toBe(false)
    const entries = await ledgerOf(reader, it.id)
    expect(entries.map((e) => e._id)).toEqual([`study_${memberIdOf(reader)}_${it.id}`])
  })

  test('reports racing each other credit the time once', async () => {
    const it = await item(SECRETARY, (await topic(SECRETARY)).id, { minutes: 10 })
    const reader = 'demo-member-8'
    await cloud.as(reader, { now: at(0) }).study.detail({ itemId: it.id })
    await Promise.all(
      Array.from({ length: 5 }, () =>
        cloud
          .as(reader, { now: at(100) })
          .study.progress({ itemId: it.id, seconds: 100, reachedEnd: false }),
      ),
    )
    const [stored] = await cloud.docs<{ seconds: number }>('study_progress', { itemId: it.id })
    expect(stored.seconds).toBe(100)
  })

  test('a quiz is graded on the server, its answers never reach the page, and a pass counts once', async () => {
    const it = await item(SECRETARY, (await topic(SECRETARY)).id, { quiz: QUIZ })
    const reader = 'demo-member-4'
    const opened = await cloud.as(reader, { now: NOW }).study.detail({ itemId: it.id })
    expect(JSON.stringify(opened)).not.toContain('answer')
    expect(dataOf(opened).item.quiz?.questions).toHaveLength(2)

    const failed = dataOf(
      await cloud.as(reader, { now: NOW }).study.submitQuiz({ itemId: it.id, answers: WRONG }),
    )
    expect(failed).toMatchObject({
      correct: 0,
      passed: false,
      counted: false,
      progress: { completed: false },
    })
    // Ten submissions at once, all right: one completion, one ledger entry, one unit in the month.
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        cloud.as(reader, { now: NOW }).study.submitQuiz({ itemId: it.id, answers: RIGHT }),
      ),
    )
    const results = replies.map(dataOf)
    expect(results.every((r) => r.passed && r.percent === 100)).toBe(true)
    expect(results.filter((r) => r.counted)).toHaveLength(1)
    // A later failed retry takes nothing back.
    const retry = dataOf(
      await cloud.as(reader, { now: NOW }).study.submitQuiz({ itemId: it.id, answers: WRONG }),
    )
    expect(retry).toMatchObject({
      passed: false,
      counted: false,
      progress: { quizPassed: true, completed: true, bestPercent: 100 },
    })
    expect(await ledgerOf(reader, it.id)).toHaveLength(1)
    const counter = await cloud.doc<{ counts: Record<string, number> }>(
      'member_months',
      memberMonthId('2026-11', memberIdOf(reader)),
    )
    expect(counter?.counts.study).toBe(1)
    const progress = await cloud.docs('study_progress', { itemId: it.id })
    expect(progress).toHaveLength(1)
    expect(progress[0]).toMatchObject({ attempts: 12, completed: true })

    const mine = dataOf(await cloud.as(reader, { now: NOW }).stats.myMonth({}))
    expect(mine.counts.study).toBe(1)
    const ranking = dataOf(
      await cloud.as(DISTRICT, { now: NOW }).stats.branchRanking({ scope: 'district' }),
    )
    expect(
      ranking.branches.find((b) => b.branchId === 'branch-1')?.counts.study,
    ).toBeGreaterThanOrEqual(1)
  })

  test('a quiz answered with the wrong number of answers is refused and changes nothing', async () => {
    const it = await item(SECRETARY, (await topic(SECRETARY)).id, { quiz: QUIZ })
    const reply = await cloud
      .as('demo-member-5', { now: NOW })
      .study.submitQuiz({ itemId: it.id, answers: [[0]] })
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await cloud.docs('study_progress', { itemId: it.id })).toEqual([])
  })
})

describe('minimums, 待办 and completion by branch', () => {
  test('a branch’s study minimum shows in the member’s month, the 待办 and the district view', async () => {
    const month = '2026-12'
    const now = '2026-12-05T10:00:00+08:00'
    const set = (minimums: Record<string, number>) =>
      cloud.as(SECRETARY, { now }).checkin.updateSettings({ minimums: minimums as never })
    expect(dataOf(await set({ checkin: 4, comment: 10, study: 2 })).minimums.study).toBe(2)
    // A page that sets only 报到 and 留言 leaves the study minimum alone.
    expect(dataOf(await set({ checkin: 3, comment: 10 })).minimums).toEqual({
      checkin: 3,
      comment: 10,
      study: 2,
    })

    const t = await topic(SECRETARY, {}, month)
    const a = await item(SECRETARY, t.id, { quiz: QUIZ })
    const b = await item(DISTRICT, (await topic(DISTRICT, {}, month)).id, { quiz: QUIZ })
    const reader = 'demo-member-6'
    await cloud.as(reader, { now }).study.submitQuiz({ itemId: a.id, answers: RIGHT })

    const mine = dataOf(await cloud.as(reader, { now }).stats.myMonth({}))
    expect(mine).toMatchObject({
      counts: { study: 1 },
      minimums: { study: 2 },
      shortfall: { study: 1 },
    })
    const list = dataOf(await cloud.as(reader, { now }).study.list({}))
    expect(list).toMatchObject({ month, minimum: 2, doneThisMonth: 1 })

    // Every active member of branch-1 (30 and the secretary) is short; those missing most come first.
    const due = await todoSection(cloud, SECRETARY, 'secretary', 'studyDue', now)
    expect(due.count).toBe(31)
    expect(due.items[0].note).toBe('本月必学内容还差 2 项')
    expect(due.items.map((i) => i.id)).not.toContain(memberIdOf(reader))
    const branch = dataOf(await cloud.as(SECRETARY, { now }).checkin.branchMonth({ month }))
    expect(branch.members.find((m) => m.id === memberIdOf(reader))).toMatchObject({
      shortfall: { study: 1 },
      metAll: false,
    })

    await cloud.as(reader, { now }).study.submitQuiz({ itemId: b.id, answers: RIGHT })
    expect((await todoSection(cloud, SECRETARY, 'secretary', 'studyDue', now)).count).toBe(30)

    const view = dataOf(await cloud.as(DISTRICT, { now }).study.byBranch({ month }))
    expect(view.districtItems).toBe(1)
    const one = view.branches.find((r) => r.branchId === 'branch-1')!
    expect(one).toMatchObject({ items: 2, completions: 2 })
    expect(view.branches.find((r) => r.branchId === 'branch-3')).toMatchObject({
      items: 1,
      completions: 0,
      percent: 0,
    })
    // The secretary's list of who finished what; officers over the branch read it, another secretary may not.
    const list2 = dataOf(await cloud.as(SECRETARY, { now }).study.members({}))
    expect(list2).toMatchObject({ branchId: 'branch-1', month, items: 2 })
    expect(list2.members[0]).toMatchObject({ done: 0, missing: 2 })
    expect(list2.members.find((m) => m.id === memberIdOf(reader))).toMatchObject({
      done: 2,
      missing: 0,
    })
    const byAdmin = await cloud
      .as('demo-community-admin-1', { now })
      .study.members({ branchId: 'branch-1', month })
    expect(dataOf(byAdmin).members).toEqual(list2.members)
    expect(
      await cloud.as('demo-secretary-3', { now }).study.members({ branchId: 'branch-1' }),
    ).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' })

    // A community admin sees their community's branches only.
    const xinhua = dataOf(
      await cloud.as('demo-community-admin-1', { now }).study.byBranch({ month }),
    )
    expect(xinhua.branches.map((r) => r.branchId)).toContain('branch-1')
    expect(xinhua.branches.length).toBeLessThan(view.branches.length)
    const jiangsu = dataOf(
      await cloud.as('demo-community-admin-2', { now }).study.byBranch({ month }),
    )
    expect(jiangsu.branches.map((r) => r.branchId)).not.toContain('branch-1')
    expect(await cloud.as(reader, { now }).study.byBranch({ month })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })
})

describe('images WeChat is unsure of', () => {
  const FINE = 'cloud://local.env/study/fine.jpg'
  const UNSURE = 'cloud://local.env/study/needs-review.jpg'
  const ADMIN = 'demo-community-admin-1'
  /** An item whose images WeChat answered for: one pass, one review. */
  async function waiting(openid: string, topicId: string) {
    const published = dataOf(
      await cloud.as(openid, { now: NOW }).study.publish({
        draftId: draftId(),
        topicId,
        title: '图片待人工审核的学习材料',
        kind: 'article',
        body: '图文并茂',
        images: [FINE, UNSURE],
        minutes: 3,
      }),
    ).item
    const stored = await cloud.doc<{ media: { traceIds: string[] } }>('study_items', published.id)
    await cloud.media.delivered(stored!.media.traceIds)
    return published.id
  }
  const detail = (openid: string, itemId: string) =>
    cloud.as(openid, { now: NOW }).study.detail({ itemId })
  const view = async (openid: string, itemId: string) => dataOf(await detail(openid, itemId)).item
  const review = (openid: string, id: string, decision: 'pass' | 'risky') =>
    cloud.as(openid, { now: NOW }).interact.reviewMedia({
      kind: 'study',
      id,
      images: [FINE, UNSURE],
      decision,
    })
  const refs = async (openid: string, scope: 'community' | 'district') =>
    dataOf<{ sections: TodoSection[] }>(await cloud.as(openid, { now: NOW }).todo[scope]({}))
      .sections.find((s) => s.kind === 'studyMediaReview')!
      .items.map((i) => i.ref)

  test('a branch’s item waits for its community admin: hidden from readers, decided once, then theirs again', async () => {
    const id = await waiting(SECRETARY, (await topic(SECRETARY)).id)
    expect(await cloud.doc('study_items', id)).toMatchObject({
      communityId: 'community-xinhua',
      media: { status: 'pending', needsReview: true },
    })
    expect(await view('demo-member-1', id)).toMatchObject({ images: [], awaitingReview: false })
    // The publishing secretary sees their images but does not decide them.
    expect(await view(SECRETARY, id)).toMatchObject({
      images: [FINE, UNSURE],
      awaitingReview: false,
    })
    expect(await review(SECRETARY, id, 'pass')).toMatchObject({ ok: false })
    // Outside the branch's readers, the community's admin opens it to decide (nothing read is recorded).
    expect(await view(ADMIN, id)).toMatchObject({ images: [FINE, UNSURE], awaitingReview: true })
    expect(await cloud.docs('study_progress', { itemId: id, memberId: memberIdOf(ADMIN) })).toEqual(
      [],
    )
    expect(await refs(ADMIN, 'community')).toEqual([id])
    expect(await detail('demo-community-admin-2', id)).toMatchObject({ code: 'NOT_FOUND' })
    expect(await review('demo-community-admin-2', id, 'pass')).toMatchObject({ code: 'NOT_FOUND' })
    expect(await refs('demo-community-admin-2', 'community')).toEqual([])
    expect((await cloud.doc<{ media: object }>('study_items', id))!.media).toMatchObject({
      status: 'pending',
    })

    expect(dataOf(await review(ADMIN, id, 'pass'))).toMatchObject({ mediaStatus: 'pass' })
    expect(await review(ADMIN, id, 'risky')).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await view('demo-member-1', id)).toMatchObject({
      images: [FINE, UNSURE],
      mediaStatus: 'pass',
    })
    expect(await detail(ADMIN, id)).toMatchObject({ code: 'NOT_FOUND' })
    expect(await refs(ADMIN, 'community')).toEqual([])
  })

  test('an item for every branch is the district admin’s to decide; 不通过 hides its images for good', async () => {
    const id = await waiting(DISTRICT, (await topic(DISTRICT)).id)
    expect(await refs(DISTRICT, 'district')).toEqual([id])
    expect(await refs(ADMIN, 'community')).toEqual([])
    expect(await review(ADMIN, id, 'pass')).toMatchObject({ ok: false })
    expect(await view('demo-member-1', id)).toMatchObject({ images: [], awaitingReview: false })
    expect(await view(DISTRICT, id)).toMatchObject({ awaitingReview: true })

    expect(dataOf(await review(DISTRICT, id, 'risky'))).toMatchObject({ mediaStatus: 'risky' })
    expect(await view('demo-member-1', id)).toMatchObject({ images: [], mediaStatus: 'risky' })
    expect(await refs(DISTRICT, 'district')).toEqual([])
  })
})

describe('editing and withdrawing', () => {
  const edit = (openid: string, input: Record<string, unknown>) =>
    cloud.as(openid, { now: NOW }).study.editItem(input as never)
  const base = (i: { id: string }, topicId: string) => ({
    itemId: i.id,
    topicId,
    title: '5分钟电子党课（修订）',
    body: '修订后的内容。',
    minutes: 4,
  })

  test('before anyone completed it the secretary edits an item; the quiz only until someone attempted it', async () => {
    const t = await topic(SECRETARY)
    const i = await item(SECRETARY, t.id, { quiz: QUIZ })
    const later = await topic(SECRETARY, {}, '2026-12')
    // Another branch's topic changes its readers; another secretary finds nothing; bad input changes nothing.
    const other = await topic('demo-secretary-3')
    expect(await edit(SECRETARY, { ...base(i, other.id) })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await edit('demo-secretary-3', base(i, t.id))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await edit('demo-member-1', base(i, t.id))).toMatchObject({ ok: false })
    expect(await edit(SECRETARY, { ...base(i, t.id), minutes: 0 })).toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    expect(await edit(SECRETARY, { ...base(i, t.id), body: '' })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: '请填写正文',
    })
    expect(await cloud.doc('study_items', i.id)).toMatchObject({
      title: '5分钟电子党课',
      minutes: 2,
    })

    const edited = dataOf(await edit(SECRETARY, { ...base(i, later.id), quiz: null })).item
    expect(edited).toMatchObject({ title: '5分钟电子党课（修订）', minutes: 4, quiz: null })
    expect(await cloud.doc('study_items', i.id)).toMatchObject({
      topicId: later.id,
      dueMonth: '2026-12',
      quiz: null,
    })
    dataOf(await edit(SECRETARY, { ...base(i, later.id), quiz: QUIZ }))

    // Once a member attempted the quiz it stays; the rest may still change.
    const member = cloud.as('demo-member-22', { now: NOW }).study
    dataOf(await member.detail({ itemId: i.id }))
    dataOf(await member.submitQuiz({ itemId: i.id, answers: WRONG }))
    expect(await edit(SECRETARY, { ...base(i, later.id), quiz: null })).toMatchObject({
      code: 'CONFLICT',
      message: '已有党员做过测验，不能再修改测验',
    })
    dataOf(await edit(SECRETARY, { ...base(i, later.id), title: '党课（第三版）' }))
    // The member's record moved with the item to December.
    expect(
      await cloud.doc('study_progress', `${i.id}_${memberIdOf('demo-member-22')}`),
    ).toMatchObject({ dueMonth: '2026-12' })

    // Once completed, nothing changes any more.
    dataOf(await member.submitQuiz({ itemId: i.id, answers: RIGHT }))
    expect(await edit(SECRETARY, base(i, later.id))).toMatchObject({
      code: 'CONFLICT',
      message: '已有党员学完这项内容，不能再修改',
    })
    expect(await cloud.doc('study_items', i.id)).toMatchObject({ title: '党课（第三版）' })
  })

  test('an edit of the quiz racing attempts: each attempt is graded against the quiz the item keeps', async () => {
    const t = await topic(SECRETARY)
    const items = await Promise.all(
      Array.from({ length: 4 }, () => item(SECRETARY, t.id, { quiz: QUIZ })),
    )
    // The same questions with other answers: RIGHT fails it.
    const changed: QuizInput = {
      ...QUIZ,
      questions: QUIZ.questions.map((q) => ({ ...q, multiple: false, answer: [1] })),
    }
    const member = cloud.as('demo-member-24', { now: NOW }).study
    // Warm workers, so each edit and attempt below really run side by side.
    await Promise.all(items.map((i) => member.detail({ itemId: i.id })))
    const raced = await Promise.all(
      items.map(async (i) => {
        const [edited, attempt] = await Promise.all([
          edit(SECRETARY, { ...base(i, t.id), quiz: changed }),
          member.submitQuiz({ itemId: i.id, answers: RIGHT }),
        ])
        return { edited: edited.ok, passed: dataOf(attempt).passed }
      }),
    )
    // Either the edit landed first and the attempt met the new quiz, or the attempt locked the quiz first.
    for (const r of raced) expect(r).toEqual({ edited: !r.passed, passed: !r.edited })
    for (const [n, i] of items.entries())
      expect((await cloud.doc<{ quiz: QuizInput }>('study_items', i.id))!.quiz).toEqual(
        raced[n].edited ? changed : QUIZ,
      )
  })

  test('a withdrawn item is kept, hidden from members and no longer due; earned completions stay', async () => {
    const t = await topic(SECRETARY)
    const kept = await item(SECRETARY, t.id)
    const gone = await item(SECRETARY, t.id, { quiz: QUIZ })
    const member = cloud.as('demo-member-23', { now: NOW }).study
    dataOf(await member.detail({ itemId: gone.id }))
    dataOf(await member.submitQuiz({ itemId: gone.id, answers: RIGHT }))
    expect(await ledgerOf('demo-member-23', gone.id)).toHaveLength(1)

    expect(
      await cloud.as('demo-secretary-3', { now: NOW }).study.withdrawItem({ itemId: gone.id }),
    ).toMatchObject({ code: 'NOT_FOUND' })
    expect(await member.withdrawItem({ itemId: gone.id })).toMatchObject({ ok: false })
    const dueItems = async () =>
      dataOf(await cloud.as(SECRETARY, { now: NOW }).study.members({})).items
    const dueBefore = await dueItems()
    const first = dataOf(
      await cloud.as(SECRETARY, { now: NOW }).study.withdrawItem({ itemId: gone.id }),
    )
    const again = dataOf(
      await cloud.as(SECRETARY, { now: at(60) }).study.withdrawItem({ itemId: gone.id }),
    )
    expect(again.withdrawnAt).toBe(first.withdrawnAt)

    expect(await cloud.doc('study_items', gone.id)).toMatchObject({ title: '5分钟电子党课' })
    expect(await listed('demo-member-23')).toContain(kept.id)
    expect(await listed('demo-member-23')).not.toContain(gone.id)
    expect(await member.detail({ itemId: gone.id })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await member.submitQuiz({ itemId: gone.id, answers: RIGHT })).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await edit(SECRETARY, base(gone, t.id))).toMatchObject({ code: 'CONFLICT' })
    expect(await ledgerOf('demo-member-23', gone.id)).toHaveLength(1)
    expect(await dueItems()).toBe(dueBefore - 1)
  })
})
