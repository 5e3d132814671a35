// An officer reaches a branch's own pages from their views: on 组织概况 and the ranking each branch links to
// its month, its 留言板 and its 组织生活 (officer/sessions, read-only); outsiders are answered as for a missing
// branch.
import dayjs from 'dayjs'
import { dataOf } from '../support/cloud'
import { sessionInput } from '../support/fixtures'
import { type Rendered, handled, tap, textOf, usePages, wxMock } from './harness'

const DISTRICT = 'demo-district-admin'
const XINHUA_ADMIN = 'demo-community-admin-1'
const { cloud, show } = usePages([
  'officer/overview',
  'officer/ranking',
  'officer/sessions',
  'branch/branch-month',
  'board',
])

/** Taps a branch's link on `page` and answers the URL it opened. */
async function follow(page: Rendered, branchId: string, link: 'month' | 'board' | 'sessions') {
  await handled(page, 'onBranchLink', () => tap(page, `#branch-${branchId} .link-${link}`))
  return (wxMock.navigateTo.mock.lastCall?.[0] as { url: string }).url
}

const queryOf = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1]))

test('from 组织概况 a district admin opens a branch’s month, board and sessions, and reads them', async () => {
  const opensAt = dayjs().add(2, 'day').hour(19).minute(0).second(0)
  const topic = '学习贯彻党的二十届四中全会精神'
  dataOf(
    await cloud
      .as('demo-secretary-1')
      .orglife.createSession(
        sessionInput('partyLecture', topic, opensAt.format(), opensAt.add(2, 'hour').format()),
      ),
  )
  const overview = await show('officer/overview', DISTRICT)

  const month = await follow(overview, 'branch-1', 'month')
  expect(month).toBe('/branch/branch-month/index?branchId=branch-1')
  const monthPage = await show('branch/branch-month', DISTRICT, queryOf(month))
  expect(monthPage.data).toMatchObject({ status: 'ready', branchName: '云启科技有限公司党支部' })

  const board = await follow(overview, 'branch-1', 'board')
  expect(board).toBe('/pages/board/index?branchId=branch-1')
  const boardPage = await show('board', DISTRICT, queryOf(board))
  expect(boardPage.data).toMatchObject({ status: 'ready', branchName: '云启科技有限公司党支部' })

  const sessions = await follow(overview, 'branch-1', 'sessions')
  expect(sessions).toBe('/officer/sessions/index?branchId=branch-1')
  const page = await show('officer/sessions', DISTRICT, queryOf(sessions))
  expect(page.data).toMatchObject({ status: 'ready', branchName: '云启科技有限公司党支部' })
  expect(page.data.upcoming.map((s) => s.topic)).toContain(topic)
  // Read-only: no way to schedule one here; a session opens in its room, where the officer reads.
  expect(page.querySelector('.create-button')).toBeFalsy()
  const id = page.data.upcoming.find((s) => s.topic === topic)!.id
  await handled(page, 'onOpen', () => tap(page, `#session-${id}`))
  expect(wxMock.navigateTo.mock.lastCall?.[0].url).toBe(`/orglife/room/index?id=${id}`)
})

test('the community admin’s ranking links each branch to its sessions; another community’s admin is told it is not there', async () => {
  const ranking = await show('officer/ranking', XINHUA_ADMIN)
  const url = await follow(ranking, 'branch-1', 'sessions')
  expect(url).toBe('/officer/sessions/index?branchId=branch-1')
  const page = await show('officer/sessions', XINHUA_ADMIN, queryOf(url))
  expect(page.data.branchName).toBe('云启科技有限公司党支部')
  expect(page.querySelector('.state-error')).toBeFalsy()

  // jiangsu's admin does not oversee branch-1: answered as a missing branch, with no 重试.
  const outsider = await show('officer/sessions', 'demo-community-admin-2', queryOf(url))
  expect(outsider.data).toMatchObject({ status: 'empty', message: '该支部不存在' })
  expect(textOf(outsider, '.state-empty')).toContain('该支部不存在')
  expect(
    await cloud.as('demo-community-admin-2').orglife.listSessions({ branchId: 'branch-1' }),
  ).toEqual(
    await cloud.as('demo-community-admin-2').orglife.listSessions({ branchId: 'branch-missing-1' }),
  )
})
