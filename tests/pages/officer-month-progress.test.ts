// 月度交接 (officer/month-progress) through the emulator, on the phone's and the emulator's own clock: the
// district admin opens this month's counters and settles last month from it, sees a run with a slice held and
// one that died, and 重试 runs the dead one; a community admin is told what the page is for. The 区工作台
// leads to it, also from 上月尚未结算.
import { branchMonthId } from '../../cloudfunctions/_shared/participation'
import { shiftMonth } from '../../miniprogram/utils/date'
import { type Rendered, handled, tap, textOf, until, usePages, wxMock } from './harness'

const DISTRICT = 'demo-district-admin'
const { cloud, show } = usePages(['officer/month-progress', 'officer/district'])

const pad = (n: number) => String(n).padStart(2, '0')
const NOW = new Date()
const THIS_MONTH = `${NOW.getFullYear()}-${pad(NOW.getMonth() + 1)}`
const LAST_MONTH = shiftMonth(THIS_MONTH, -1)
const label = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`

const run = (page: Rendered, kind: 'settle' | 'open') => ({
  title: textOf(page, `#run-${kind} .run-title`),
  state: textOf(page, `#run-${kind} .run-state`),
  slices: textOf(page, `#run-${kind} .run-slices`),
  leased: textOf(page, `#run-${kind} .run-leased`),
  failed: textOf(page, `#run-${kind} .run-failed`),
  times: textOf(page, `#run-${kind} .run-times`),
  action: textOf(page, `#run-${kind} .run-action`),
})

/** Some branch counters of `month`, as the month's use of the system leaves them (settle refuses without). */
async function usedIn(month: string, branchIds: string[]) {
  for (const branchId of branchIds)
    await cloud.db.collection('branch_months').add({
      data: { _id: branchMonthId(month, branchId), month, branchId, counts: {}, score: 0 },
    })
}

test('the 区工作台 leads to the page, 上月尚未结算 with the month', async () => {
  const bench = await show('officer/district', DISTRICT)
  expect(textOf(bench, '#link-month-progress')).toBe('月度结算与积分表准备进度')
  tap(bench, '#tile-unsettled')
  await until(() => wxMock.navigateTo.mock.calls.length > 0, 'the progress page')
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
    url: `/officer/month-progress/index?month=${LAST_MONTH}`,
  })
})

test('the district admin opens this month’s counters and settles last month from the page', async () => {
  const page = await show('officer/month-progress', DISTRICT)
  expect(page.data.month).toBe(LAST_MONTH)
  expect(run(page, 'settle')).toMatchObject({
    title: `${label(LAST_MONTH)}结算`,
    state: '未开始',
    slices: '',
    action: '开始结算',
  })
  expect(run(page, 'open')).toMatchObject({
    title: `${label(THIS_MONTH)}积分表准备`,
    state: '未开始',
    action: '准备积分表',
  })

  await handled(page, 'onPress', () => tap(page, '#run-open .run-action'))
  expect(wxMock.showToast.mock.lastCall?.[0]).toMatchObject({ title: '已完成' })
  const opened = run(page, 'open')
  expect(opened).toMatchObject({ state: '已完成', action: '', leased: '', failed: '' })
  const [, done, total] = /^已完成 (\d+) \/ (\d+) 批$/.exec(opened.slices)!
  expect(Number(done)).toBe(Number(total))
  expect(Number(total)).toBeGreaterThan(0)
  // Times as people read them: today's, never ISO.
  expect(opened.times).toMatch(/^开始 今天 \d\d:\d\d · 完成 今天 \d\d:\d\d$/)

  await usedIn(LAST_MONTH, ['branch-1'])
  await handled(page, 'onPress', () => tap(page, '#run-settle .run-action'))
  expect(wxMock.showToast.mock.lastCall?.[0]).toMatchObject({ title: '已完成' })
  expect(run(page, 'settle')).toMatchObject({ state: '已完成', action: '' })
  expect(await cloud.doc('settlements', LAST_MONTH)).toBeTruthy()
})

test('a run with a slice held and one that died: 重试 runs the dead one, the held one is left to its lease', async () => {
  const month = shiftMonth(THIS_MONTH, -3)
  const runId = `settle_${month}`
  const at = new Date()
  await usedIn(month, ['branch-1', 'branch-2'])
  await cloud.db.collection('month_runs').add({
    data: {
      _id: runId,
      kind: 'settle',
      month,
      state: 'running',
      total: 3,
      done: 1,
      at,
      finishedAt: null,
    },
  })
  const slice = (n: number, state: string, leaseUntil: Date | null, branchIds: string[]) => ({
    _id: `${runId}_0000${n}`,
    runId,
    kind: 'settle',
    month,
    n,
    at,
    communityId: 'community-xinhua',
    branchIds,
    members: 10,
    state,
    leaseUntil,
    attempts: state === 'todo' ? 0 : 1,
  })
  const hour = 3_600_000
  await cloud.db.collection('month_slices').add({
    data: [
      { ...slice(0, 'done', null, ['branch-3']), result: {} },
      slice(1, 'running', new Date(at.getTime() - hour), ['branch-1']),
      slice(2, 'running', new Date(at.getTime() + hour), ['branch-2']),
    ],
  })

  const page = await show('officer/month-progress', DISTRICT, { month })
  expect(run(page, 'settle')).toMatchObject({
    state: '进行中',
    slices: '已完成 1 / 3 批',
    leased: '1 批正在处理',
    failed: '1 批中断，待重做',
    action: '重试',
  })
  expect(textOf(page, '#run-settle .run-note')).toContain('有 1 批中断')

  await handled(page, 'onPress', () => tap(page, '#run-settle .run-action'))
  expect(wxMock.showToast.mock.lastCall?.[0]).toMatchObject({ title: '已推进' })
  expect(run(page, 'settle')).toMatchObject({
    state: '进行中',
    slices: '已完成 2 / 3 批',
    leased: '1 批正在处理',
    failed: '',
    action: '继续',
  })
  expect(await cloud.doc('month_slices', `${runId}_00001`)).toMatchObject({
    state: 'done',
    attempts: 2,
  })
  expect(await cloud.doc('news', `bulletin_${month}_branch-1`)).toBeTruthy()
})

test('a community admin is told what the page is for, without an error', async () => {
  const page = await show('officer/month-progress', 'demo-community-admin-1')
  // The refusal's state (empty, or 暂无权限 where pages have it), never an error with 重试, and no picker.
  expect(['empty', 'forbidden']).toContain(page.data.status)
  expect(textOf(page, '.state-message')).toContain('区委组织部查看月度结算')
  expect(page.querySelector('.state-error')).toBeFalsy()
  expect(page.querySelector('.month-picker')).toBeFalsy()
})
