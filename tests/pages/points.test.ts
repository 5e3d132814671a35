// Points explained to members: 积分规则 (from the ledger's own table) on 排行 and from 报到's month view, last
// month's settled ranking beside this month's, and the toast that says a comment over a cap scored nothing.
import { PARTICIPATION_RULES, RULE_IDS } from '../../typings/participation'
import { dataOf } from '../support/cloud'
import { record } from '../functions/ledger-fixtures'
import { textOf, tap, until, usePages, wxMock } from './harness'

const { cloud, show } = usePages(['ranking', 'checkin', 'news-detail'])

const pad = (n: number) => String(n).padStart(2, '0')
// Page calls carry no clock header: the months are the real ones, as the page reads them.
const today = new Date()
const last = new Date(today.getFullYear(), today.getMonth() - 1, 1)
const LAST_MONTH = `${last.getFullYear()}-${pad(last.getMonth() + 1)}`

test('积分规则 lists every rule of the table with its points and its daily and monthly caps', async () => {
  const page = await show('ranking', 'demo-member-31')
  expect(page.querySelector('.rules-sheet')).toBeUndefined()
  tap(page, '.rules-link')
  await until(() => page.data.rulesOpen, 'the sheet to open')

  expect(page.querySelectorAll('.rule')).toHaveLength(RULE_IDS.length)
  for (const id of RULE_IDS) {
    const { label, unit, weight, dailyCap, monthlyCap } = PARTICIPATION_RULES[id]
    const text = textOf(page, `.rule-${id}`)
    expect(text).toContain(label)
    expect(text).toContain(`每${unit} ${weight} 分`)
    expect(text).toContain(`每天最多 ${dailyCap} ${unit}`)
    expect(text).toContain(`每月最多 ${monthlyCap} ${unit}`)
  }
  tap(page, '.sheet-close')
  await until(() => !page.data.rulesOpen, 'the sheet to close')
  expect(page.querySelector('.rules-sheet')).toBeUndefined()
})

test('报到’s month view links to 排行 with the rules open', async () => {
  const checkin = await show('checkin', 'demo-member-31')
  expect(textOf(checkin, '.rules-link')).toContain('积分规则')
  tap(checkin, '.rules-link')
  await until(
    () => wxMock.navigateTo.mock.calls.some(([arg]) => arg.url === '/pages/ranking/index?rules=1'),
    'navigation to 排行 with its rules',
  )
  const page = await show('ranking', 'demo-member-31', { rules: '1' })
  expect(page.data.rulesOpen).toBe(true)
  expect(textOf(page, '.rule-comment')).toContain(PARTICIPATION_RULES.comment.label)
})

test('上月 shows a note until last month is settled, then its frozen ranking', async () => {
  // Last month: two of branch-2's members check in (the second twice as often).
  for (let d = 1; d <= 2; d++)
    await record(
      cloud,
      `${LAST_MONTH}-${pad(d)}T09:00:00+08:00`,
      ['demo-member-31', ...(d === 1 ? [] : ['demo-member-32'])].flatMap((openid) => [
        { openid, rule: 'checkin' as const, ref: `${LAST_MONTH}-${d}` },
      ]),
    )

  const page = await show('ranking', 'demo-member-32')
  tap(page, '.period-last')
  await until(() => page.data.period === 'last' && page.data.status !== 'loading', 'last month')
  const next = Number(today.getMonth() + 1)
  expect(page.data.status).toBe('empty')
  expect(textOf(page, '.state-empty')).toContain(`上月排行将在 ${next} 月 1 日结算后公布`)
  expect(page.querySelector('.state-error')).toBeUndefined()
  tap(page, '.tab-branches')
  await until(() => page.data.tab === 'branches' && page.data.status !== 'loading', 'branches')
  expect(page.data.status).toBe('empty')
  expect(textOf(page, '.state-empty')).toContain('上月排行将在')

  dataOf(await cloud.as('demo-district-admin').stats.settle({ month: LAST_MONTH }))
  const settled = await show('ranking', 'demo-member-32')
  tap(settled, '.period-last')
  await until(() => settled.data.period === 'last' && settled.data.status === 'ready', 'settled')
  expect(settled.data.members.map((r) => [r.rank, r.score, r.mine])).toEqual([
    [1, 2 * PARTICIPATION_RULES.checkin.weight, false],
    [2, PARTICIPATION_RULES.checkin.weight, true],
  ])
  expect(textOf(settled, '.month')).toContain('已于月初结算')
  tap(settled, '.period-this')
  await until(() => settled.data.period === 'this' && settled.data.status !== 'loading', 'now')
  expect(settled.data.status).toBe('empty')
})

test('a comment over today’s cap is posted and the poster is told it scored nothing', async () => {
  const { dailyCap } = PARTICIPATION_RULES.comment
  const newsId = dataOf(
    await cloud.as('demo-secretary-1').interact.postNews({
      draftId: 'points-news',
      title: '欢迎留言',
      body: '说说你的想法',
      visibility: 'branch',
    }),
  ).news.id
  // Today's counted comments already fill the cap.
  await record(
    cloud,
    new Date().toISOString(),
    Array.from({ length: dailyCap }, (_, i) => ({
      openid: 'demo-member-4',
      rule: 'comment' as const,
      ref: `earlier-${i}`,
    })),
  )

  const page = await show('news-detail', 'demo-member-4', { id: newsId })
  const toasts = wxMock.showToast.mock.calls.length
  page.instance.onInput({ detail: { value: '再说一句' } })
  tap(page, '.send-comment')
  await until(() => page.data.comments.length === 1, 'the comment to show')
  await until(() => wxMock.showToast.mock.calls.length > toasts, 'the toast')
  expect(wxMock.showToast.mock.calls.at(-1)![0]).toEqual({
    title: '已发表；今日评论留言已达计分上限，不再计分',
    icon: 'none',
  })
})
