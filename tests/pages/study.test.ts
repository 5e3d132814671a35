// 网上党校 on the pages, end to end through the emulator: the secretary publishes an item with a quiz on the
// form, a member finds it in the list, fails and then passes the quiz on the item page (the page never holds
// the answers), and the list shows it 已学完; reading an item without a quiz is reported; the secretary sets
// the study minimum; the district sees completion by branch; others are told what the pages are for.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf } from '../support/cloud'
import { tap, textOf, until, usePages, wxMock } from './harness'

const { cloud, show } = usePages([
  'study/index',
  'study/item',
  'study/publish',
  'study/branches',
  'study/members',
])

const SECRETARY = 'demo-secretary-1'

/** Publishes through the form as the secretary; answers the new item's id (from the redirect). */
async function publishOnPage(fields: Record<string, unknown>) {
  const form = await show('study/publish', SECRETARY)
  expect(form.data.publishAs).toBe('secretary')
  form.setData({
    newTopic: '学习党章',
    title: '党章第一章',
    body: '党员的八项义务。',
    minutes: '1',
    ...fields,
  })
  wxMock.redirectTo.mockClear()
  tap(form, '.submit-study')
  await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the redirect to the item')
  const url: string = wxMock.redirectTo.mock.calls[0][0].url
  return url.replace('/study/item/index?id=', '')
}

test('published on the form, failed then passed on the item page: the list shows it 已学完', async () => {
  const form = await show('study/publish', SECRETARY)
  tap(form, '.add-question')
  await until(() => form.data.questions.length === 1, 'the new question')
  const key = form.data.questions[0].key
  const id = await publishOnPage({
    questions: [{ key, text: '党员有几项义务？', options: '六项\n八项\n十项', answer: 'B' }],
    passMark: '100',
  })

  const member = 'demo-member-21'
  const page = await show('study/item', member, { id })
  expect(page.data.title).toBe('党章第一章')
  expect(JSON.stringify(page.data)).not.toContain('answer')
  expect(page.data.questions[0].options.map((o) => o.text)).toEqual(['六项', '八项', '十项'])
  expect(textOf(page, '.item-state')).toContain('完成测验（100% 及格）')

  tap(page, '#option-0-0')
  await until(() => page.data.questions[0].options[0].chosen, 'the choice')
  tap(page, '.submit-quiz')
  await until(() => !!page.data.result, 'the result')
  expect(page.data.result).toContain('答对 0/1 题')
  expect(page.data.completed).toBe(false)

  tap(page, '#option-0-1')
  await until(() => page.data.questions[0].options[1].chosen, 'the second choice')
  expect(page.data.questions[0].options[0].chosen).toBe(false)
  tap(page, '.submit-quiz')
  await until(() => page.data.completed, 'the pass')
  expect(page.data.result).toContain('答对 1/1 题（100%），合格')

  const list = await show('study/index', member)
  const topic = list.data.topics.find((t) => t.items.some((i) => i.id === id))!
  expect(topic).toMatchObject({ title: '学习党章', progress: '1/1' })
  expect(textOf(list, '.study-item .item-state')).toContain('已学完')
  expect(list.data.summary).toContain('本月已学 1 项')
  const entries = await cloud.docs('participation_ledger', { rule: 'study', ref: id })
  expect(entries.map((e) => e.memberId)).toEqual([memberIdOf(member)])

  // The secretary's list of who finished the month's items.
  const members = await show('study/members', SECRETARY)
  expect(members.data.rows.find((r) => r.id === memberIdOf(member))).toMatchObject({
    note: '1 项全部学完',
    done: true,
  })
  expect(members.data.summary).toContain('必学 1 项')
})

test('reading without a quiz: 我已读完 reports the end; the page says how long is still needed', async () => {
  const id = await publishOnPage({ title: '党章第二章' })
  const page = await show('study/item', 'demo-member-22', { id })
  expect(page.data.questions).toEqual([])
  expect(textOf(page, '.item-state')).toContain('学习满 1 分钟')
  tap(page, '.finish-reading')
  const stored = async () =>
    (
      await cloud.docs<{ reachedEnd: boolean; completed: boolean }>('study_progress', {
        itemId: id,
      })
    )[0]
  await until(async () => (await stored())?.reachedEnd === true, 'the reading reported')
  expect((await stored()).completed).toBe(false)
})

test('the secretary sets the branch’s study minimum on the form', async () => {
  const form = await show('study/publish', SECRETARY)
  form.setData({ minimum: '2' })
  tap(form, '.save-minimum')
  await until(
    async () => dataOf(await cloud.as(SECRETARY).checkin.settings({})).minimums.study === 2,
    'the minimum saved',
  )
  const list = await show('study/index', 'demo-member-23')
  expect(list.data.summary).toContain('支部要求每月至少 2 项')
})

test('the district sees completion by branch; a member is told what the page is for', async () => {
  const district = await show('study/branches', 'demo-district-admin')
  expect(district.data.status).toBe('ready')
  expect(district.data.rows.some((r) => r.id === 'branch-1')).toBe(true)
  const member = await show('study/branches', 'demo-member-1')
  expect(member.data.status).toBe('forbidden')
  expect(textOf(member, '.state-forbidden')).toContain('各支部网上党校完成情况')
  const publish = await show('study/publish', 'demo-member-1')
  expect(publish.data.status).toBe('forbidden')
  expect(textOf(publish, '.state-forbidden')).toContain('发布网上党校学习内容')
})

test('images WeChat is unsure of: the community admin passes them on the item page, then readers see them', async () => {
  const images = ['cloud://local.env/study/fine.jpg', 'cloud://local.env/study/needs-review.jpg']
  const secretary = cloud.as(SECRETARY).study
  const topic = dataOf(
    await secretary.createTopic({
      draftId: 'page-review-topic',
      title: '图片审核专题',
      dueMonth: '2026-12',
    }),
  ).topic
  const { item } = dataOf(
    await secretary.publish({
      draftId: 'page-review-item',
      topicId: topic.id,
      title: '带图片的党课',
      kind: 'article',
      body: '图文并茂。',
      images,
      minutes: 1,
    }),
  )
  const stored = await cloud.doc<{ media: { traceIds: string[] } }>('study_items', item.id)
  await cloud.media.delivered(stored!.media.traceIds)

  const reader = await show('study/item', 'demo-member-1', { id: item.id })
  expect(reader.data.images).toEqual([])
  expect(reader.data.reviewImages).toEqual([])
  const page = await show('study/item', 'demo-community-admin-1', { id: item.id })
  expect(page.data.reviewImages).toEqual(images)
  expect(textOf(page, '#study-review .media-review')).toContain('请您审核')
  expect(page.querySelector('.submit-quiz')).toBeUndefined()
  tap(page, '#study-review .pass-media')
  // Outside the branch, the admin may open it only while it awaited them.
  await until(() => page.data.status === 'empty', 'the decision')
  expect(page.data.message).toContain('图片已审核完毕')
  expect((await cloud.doc<{ media: object }>('study_items', item.id))!.media).toMatchObject({
    status: 'pass',
  })
  const after = await show('study/item', 'demo-member-1', { id: item.id })
  expect(after.data.images).toHaveLength(2)
})

test('the district admin publishes a new topic for one branch: only that branch’s members get it', async () => {
  const form = await show('study/publish', 'demo-district-admin')
  expect(form.data.publishAs).toBe('district')
  expect(form.data.targetNames[0]).toBe('全区各支部')
  const targetIndex = form.data.targetIds.indexOf('branch-3')
  expect(form.data.targetNames[targetIndex]).toContain('新华大厦楼宇党支部')
  form.setData({
    newTopic: '三支部专题学习',
    title: '支部专题党课',
    body: '只给三支部。',
    minutes: '1',
  })
  form.setData({ targetIndex })
  expect(textOf(form, '.publish-scope')).toContain('只有所选支部')
  wxMock.redirectTo.mockClear()
  tap(form, '.submit-study')
  await until(() => wxMock.redirectTo.mock.calls.length > 0, 'the redirect to the item')
  const id = String(wxMock.redirectTo.mock.calls[0][0].url).replace('/study/item/index?id=', '')
  expect(await cloud.doc('study_items', id)).toMatchObject({ target: 'branch-3' })
  const inBranch3 = dataOf(await cloud.as('demo-member-34').study.list({}))
  expect(inBranch3.topics.flatMap((t) => t.items.map((i) => i.id))).toContain(id)
  const inBranch1 = dataOf(await cloud.as('demo-member-1').study.list({}))
  expect(inBranch1.topics.flatMap((t) => t.items.map((i) => i.id))).not.toContain(id)
})

test('the secretary edits an item on its page, then withdraws it: members no longer find it', async () => {
  const id = await publishOnPage({
    newTopic: '待修改的专题',
    title: '待修改的党课',
    body: '初稿。',
  })
  const reader = await show('study/item', 'demo-member-1', { id })
  expect(reader.data.mayManage).toBe(false)
  expect(reader.querySelector('.edit-item')).toBeUndefined()

  const page = await show('study/item', SECRETARY, { id })
  tap(page, '.edit-item')
  await until(() => page.data.editing, 'the edit form')
  page.setData({ editTitle: '修改后的党课', editBody: '定稿。', editMinutes: '3' })
  tap(page, '.save-edit')
  await until(() => page.data.title === '修改后的党课', 'the edit')
  expect(await cloud.doc('study_items', id)).toMatchObject({ body: '定稿。', minutes: 3 })

  wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false })
  tap(page, '.withdraw-item')
  await until(() => page.data.status === 'empty', 'the withdrawal')
  expect(page.data.message).toBe('这条学习内容已撤回')
  const gone = await show('study/item', 'demo-member-1', { id })
  expect(gone.data.status).toBe('empty')
})
