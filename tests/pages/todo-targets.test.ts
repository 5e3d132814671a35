// Every 待办 line of every role leads somewhere that serves that role: for each kind the secretary, the
// 信息员, the community admin and the district admin can be shown, one line and its 查看全部 are tapped on
// the real page, and the page opened is rendered as that officer through the emulator. The 待办 reply is the
// officer's own with one line of every kind of theirs in place of the real sections (most kinds need
// elaborate fixtures to appear at all); a line's ref is what the server puts there (a branch, a month, an
// item's id).
import fs from 'fs'
import path from 'path'
import dayjs from 'dayjs'
import {
  COMMUNITY_TODO_KINDS,
  DISTRICT_TODO_KINDS,
  INFO_OFFICER_TODO_KINDS,
  MEMBERS_OWE_KINDS,
  SECRETARY_TODO_KINDS,
  type TodoKind,
  type TodoSection,
} from '../../typings/todo'
import { dataOf } from '../support/cloud'
import {
  APP_PAGES,
  cloudMock,
  memberMe,
  pageNameOf,
  tap,
  textOf,
  until,
  usePages,
  wxMock,
  type PageName,
} from './harness'

/** The pages 待办 lines lead to that open without an item's id (those are rendered here). */
const TARGETS = [
  'mine',
  'board',
  'interact',
  'orglife',
  'wish-wall',
  'branch/appeal-inbox',
  'branch/below-minimum',
  'branch/news-editor',
  'branch/branch-month',
  'study/members',
  'study/index',
  'dues/register',
  'officer/transfers',
  'officer/wish-review',
  'officer/services',
  'officer/roster',
  'officer/sessions',
  'officer/overview',
  'officer/appoint',
  'officer/month-progress',
] as const satisfies PageName[]

const { cloud, open, show } = usePages(['todo', ...TARGETS])

const tabs = new Set(
  (
    JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../miniprogram/app.json'), 'utf8')) as {
      tabBar: { list: { pagePath: string }[] }
    }
  ).tabBar.list.map((t) => t.pagePath),
)

/** Lines that open nothing, on purpose (shown plain, with a hint or 办完上面的会接着列出). */
const PLAIN = new Set([
  // The district reads no community's appeal inbox: it chases the community the line names.
  'district overdueAppeals line',
  'district overdueAppeals all',
  // An admin acts per branch without a secretary; there is no list of every such branch's queue.
  'community transfers all',
])

/** A page that opened but cannot serve: it asks for what the link should have named, or is a member's. */
const DEAD_END = /请从|认证为党员后|链接不完整/

type Role = {
  scope: 'secretary' | 'infoOfficer' | 'community' | 'district'
  openid: string
  kinds: readonly TodoKind[]
}
const ROLES: Role[] = [
  { scope: 'secretary', openid: 'demo-secretary-1', kinds: SECRETARY_TODO_KINDS },
  // branch-1's 信息员 (demo-member-2).
  { scope: 'infoOfficer', openid: 'demo-member-2', kinds: INFO_OFFICER_TODO_KINDS },
  { scope: 'community', openid: 'demo-community-admin-1', kinds: COMMUNITY_TODO_KINDS },
  { scope: 'district', openid: 'demo-district-admin', kinds: DISTRICT_TODO_KINDS },
]

/** What the server puts in a line's ref for each kind. */
function refOf(kind: TodoKind, branchId: string): string {
  if (
    ['transfers', 'branchCadence', 'staleBranches', 'unstaffed', 'unstaffedBranches'].includes(kind)
  )
    return branchId
  if (kind === 'unsettled') return dayjs().subtract(1, 'month').format('YYYY-MM')
  if (kind === 'cadence') return 'committee'
  return `todo-target-${kind}`
}

const sectionOf = (kind: TodoKind, ref: string): TodoSection => ({
  kind,
  // More than the line shown, so 查看全部 shows too.
  count: 5,
  own: !(MEMBERS_OWE_KINDS as readonly TodoKind[]).includes(kind),
  capped: false,
  overdueCount: 0,
  items: [{ id: 'line', ref, title: `${kind} 的一项`, note: '今天', overdue: false }],
})

/** Taps `selector` and answers the URL it opened (and whether as a tab), or null when nothing opened. */
async function opened(page: Parameters<typeof tap>[0], selector: string) {
  const [pages, tabbed] = [wxMock.navigateTo.mock.calls.length, wxMock.switchTab.mock.calls.length]
  const spy = jest.spyOn(page.instance as { onOpen(): void }, 'onOpen')
  tap(page, selector)
  await until(() => spy.mock.calls.length > 0, `${selector} handled`)
  spy.mockRestore()
  if (wxMock.switchTab.mock.calls.length > tabbed)
    return { url: wxMock.switchTab.mock.lastCall![0].url as string, tab: true }
  if (wxMock.navigateTo.mock.calls.length > pages)
    return { url: wxMock.navigateTo.mock.lastCall![0].url as string, tab: false }
  return null
}

/** The lines the product review found leading nowhere useful, and where they lead now. */
const EXPECTED: Record<string, (refs: { branchId: string; month: string }) => string> = {
  'community branchCadence line': ({ branchId }) => `/officer/sessions/index?branchId=${branchId}`,
  'district branchCadence line': ({ branchId }) => `/officer/sessions/index?branchId=${branchId}`,
  'district unsettled line': ({ month }) => `/officer/month-progress/index?month=${month}`,
  'district unstaffed line': ({ branchId }) => `/officer/appoint/index?branchId=${branchId}`,
  'community wishReviews all': () => '/officer/wish-review/index',
  // The 信息员 answers the board and posts the branch's news themselves.
  'infoOfficer messages line': () => '/pages/board/index',
  'infoOfficer staleBranches line': () => '/branch/news-editor/index',
}

/** Lines that open the whole list their branch is one row of, not a page named by their ref. */
const LISTS: TodoKind[] = ['staleBranches']

/** Whether a target page, rendered as the officer, serves them: '' when it does, else what it showed. */
async function servesAs(openid: string, url: string): Promise<string> {
  const [route, query = ''] = url.slice(1).split('?')
  const name = pageNameOf(route) as (typeof TARGETS)[number]
  if (!(TARGETS as readonly string[]).includes(name)) return `add ${name} to TARGETS to check it`
  const page = open(name, openid, Object.fromEntries(new URLSearchParams(query)))
  // Rendered side by side, the pages wait on functions starting cold together.
  await until(() => (page.data as { status?: string }).status !== 'loading', name, 30_000)
  const { status, message = '' } = page.data as { status?: string; message?: string }
  const text = page.dom?.textContent ?? ''
  return status === 'error' || status === 'forbidden' || DEAD_END.test(`${message} ${text}`)
    ? `${status}: ${message || text.slice(0, 40)}`
    : ''
}

test('every 待办 line of every officer opens a page of the app that serves that officer', async () => {
  const { branchId } = await memberMe(cloud, 'demo-secretary-1')
  const month = refOf('unsettled', branchId)
  const problems: string[] = []

  for (const role of ROLES) {
    const client = cloud.as(role.openid).todo
    const real: object =
      role.scope === 'secretary'
        ? dataOf(await client.secretary())
        : role.scope === 'infoOfficer'
          ? dataOf(await client.infoOfficer())
          : role.scope === 'community'
            ? dataOf(await client.community())
            : dataOf(await client.district())
    // belowMinimum has its own card (branch/below-minimum), opened by its own handler.
    const kinds = role.kinds.filter((k) => k !== 'belowMinimum')
    const reply = { ...real, sections: kinds.map((k) => sectionOf(k, refOf(k, branchId))) }
    cloudMock.callFunction.mockImplementationOnce(async () => ({
      result: { ok: true, data: reply },
    }))
    const todo = await show('todo', role.openid, { scope: role.scope })
    expect(todo.data.status).toBe('ready')

    // Every line and 查看全部, tapped; the pages they open are rendered once each below.
    const toRender = new Map<string, string[]>()
    for (const kind of kinds) {
      const ref = refOf(kind, branchId)
      for (const which of ['line', 'all'] as const) {
        const label = `${role.scope} ${kind} ${which}`
        const selector =
          which === 'line' ? `#item-${kind}-line` : `#section-${kind} .todo-more-link`
        if (which === 'all' && !todo.querySelector(selector)) {
          // 查看全部 that opens nothing is plain text saying the rest follow.
          if (!PLAIN.has(label)) problems.push(`${label}: no 查看全部`)
          expect(textOf(todo, `#section-${kind} .todo-more-plain`)).toContain(
            '办完上面的会接着列出',
          )
          continue
        }
        const target = await opened(todo, selector)
        if (!target) {
          if (!PLAIN.has(label)) problems.push(`${label}: opens nothing`)
          expect(todo.querySelector(`#item-${kind}-line.todo-static`)).toBeDefined()
          expect(textOf(todo, `#section-${kind} .todo-hint`)).not.toBe('')
          continue
        }
        if (PLAIN.has(label)) problems.push(`${label}: meant to be plain, opens ${target.url}`)
        const expected = EXPECTED[label]?.({ branchId, month })
        if (expected && target.url !== expected) problems.push(`${label}: ${target.url}`)
        const [route, query = ''] = target.url.slice(1).split('?')
        if (!APP_PAGES.includes(route)) problems.push(`${label}: ${route} is not in app.json`)
        if (tabs.has(route) !== target.tab)
          problems.push(`${label}: ${route} opened with ${target.tab ? 'switchTab' : 'navigateTo'}`)
        const params = Object.fromEntries(new URLSearchParams(query))
        // A line naming a branch or a month opens that one's page.
        if (which === 'line' && [branchId, month].includes(ref) && !LISTS.includes(kind)) {
          if (params.branchId !== ref && params.month !== ref)
            problems.push(`${label}: ${target.url} does not name ${ref}`)
        }
        // A page opened on one item gets the line's own ref; it is not rendered (no such item here).
        if ('id' in params) {
          if (params.id !== ref) problems.push(`${label}: ${target.url}`)
          continue
        }
        // One render per page and officer: a filter in the query (?review=1) changes no one's access.
        const page = target.url.replace(/[?&](review|when)=[^&]*/, '')
        toRender.set(page, [...(toRender.get(page) ?? []), label])
      }
    }
    // One officer at a time (the pages act as them), their pages all at once.
    const served = await Promise.all([...toRender.keys()].map((url) => servesAs(role.openid, url)))
    ;[...toRender].forEach(([url, labels], i) => {
      if (served[i]) problems.push(`${labels.join(', ')}: ${url} → ${served[i]}`)
    })
  }
  expect(problems).toEqual([])
}, 120_000)
