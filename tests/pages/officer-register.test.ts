// The organisation register's pages through the emulator: 组织名册 (a community admin adds, edits and retires
// a branch; retiring one with members shows the server's refusal; a district admin adds a community), 两新组织
// (the flagged filter, registering one through the form) and 覆盖情况 (the figures the function counts); a
// 联合党总支 with its branches grouped under it (on 组织概况 and 覆盖情况 too, named in 两新组织's branch
// picker); a merged or moved member's 组织关系记录 shows the merge or move. A branch's rarer actions sit behind its
// 更多; the search box narrows the register by name.
import type { OrganizationDoc } from '../../cloudfunctions/_shared/records'
import { dataOf } from '../support/cloud'
import { type Rendered, handled, tap, textOf, until, usePages, wxMock } from './harness'

const ADMIN = 'demo-community-admin-1'
const { cloud, show } = usePages([
  'officer/register',
  'officer/organizations',
  'officer/org-coverage',
  'member/history',
  'officer/overview',
])

const type = (page: Rendered, selector: string, value: string) =>
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } })
const pick = (page: Rendered, selector: string, value: number) =>
  page.querySelector(selector)!.dispatchEvent('change', { detail: { value } })

/** Taps a branch's 更多 and picks `label` in its action sheet, until that action is done; the sheet's items. */
async function more(page: Rendered, branchId: string, label: string): Promise<string[]> {
  let items: string[] = []
  wxMock.showActionSheet.mockImplementationOnce(async ({ itemList }: { itemList: string[] }) => {
    items = itemList
    return { errMsg: 'showActionSheet:ok', tapIndex: itemList.indexOf(label) }
  })
  await handled(page, 'onMore', () => tap(page, `#branch-${branchId} .more-branch`))
  return items
}

test('a community admin adds a branch, edits it and retires it; a branch with members is refused', async () => {
  const page = await show('officer/register', ADMIN)
  expect(page.data.manageCommunities).toBe(false)
  expect(page.querySelector('.new-community')).toBeUndefined()
  expect(page.data.communities.map((c) => [c.id, c.branches.length])).toEqual([
    ['community-xinhua', 4],
  ])

  tap(page, '#community-community-xinhua .new-branch')
  await until(() => page.data.form?.kind === 'branch', 'the branch form')
  type(page, '.name-input', '新华路楼宇联合党支部')
  pick(page, '.type-select', 2)
  await until(() => page.data.form?.typeIndex === 2, 'the type picked')
  await handled(page, 'onSave', () => tap(page, '.save-button'))
  const created = page.data.communities[0].branches.find((b) => b.name === '新华路楼宇联合党支部')
  expect(created).toMatchObject({ branchType: '楼宇', memberCount: 0, retiredNote: '' })
  expect(page.data.form).toBeNull()

  tap(page, `#branch-${created!.id} .edit-branch`)
  await until(() => page.data.form?.id === created!.id, 'the edit form')
  expect(page.data.form).toMatchObject({ name: '新华路楼宇联合党支部', typeIndex: 2 })
  type(page, '.name-input', '新华大厦二期楼宇党支部')
  await handled(page, 'onSave', () => tap(page, '.save-button'))
  expect(await cloud.doc('orgs', created!.id)).toMatchObject({ name: '新华大厦二期楼宇党支部' })

  // branch-2 has members: the server's refusal is shown as is, and the branch stays open.
  // Each branch shows 覆盖的组织, 编辑 and 更多; the rest is in 更多.
  const buttons = page.querySelectorAll('#branch-branch-2 .btn-small')
  expect(buttons.map((b) => b.dom?.textContent?.trim())).toEqual(['覆盖的组织', '编辑', '更多'])
  await more(page, 'branch-2', '撤销支部')
  expect(wxMock.showModal.mock.lastCall?.[0]).toMatchObject({
    title: '未能撤销',
    content: '该支部还有 4 名党员，请先将他们转出后再撤销',
  })
  expect((await cloud.doc<{ retiredAt?: Date }>('orgs', 'branch-2'))?.retiredAt).toBeFalsy()

  await more(page, created!.id, '撤销支部')
  const retired = page.data.communities[0].branches.find((b) => b.id === created!.id)
  expect(retired?.retiredNote).toMatch(/^已于今天撤销/)
  expect(textOf(page, `#branch-${created!.id} .tag`)).toBe('已撤销')
  expect(page.querySelector(`#branch-${created!.id} .more-branch`)).toBeUndefined()
})

test('a district admin adds a community', async () => {
  const page = await show('officer/register', 'demo-district-admin')
  expect(page.data.communities.map((c) => c.id)).toEqual(['community-xinhua', 'community-jiangsu'])
  tap(page, '.new-community')
  await until(() => page.data.form?.kind === 'community', 'the community form')
  type(page, '.name-input', '天山路街道社区综合党委')
  await handled(page, 'onSave', () => tap(page, '.save-button'))
  expect(page.data.communities.map((c) => c.name)).toContain('天山路街道社区综合党委')
})

test('两新组织: the flagged filter, and registering one through the form; 覆盖情况 counts it', async () => {
  const page = await show('officer/organizations', ADMIN)
  expect(page.data.rows[0]).toMatchObject({ name: '上海晨光电子商务有限公司', flagged: true })
  await handled(page, 'onFilter', () => tap(page, '.filter-flagged'))
  expect(page.data.rows.map((r) => r.name)).toEqual([
    '上海晨光电子商务有限公司',
    '上海知行文化传播有限公司',
  ])

  tap(page, '.new-organization')
  await until(() => page.data.form !== null, 'the form')
  type(page, '.name-input', '上海远帆网络科技有限公司')
  type(page, '.industry-input', '互联网')
  type(page, '.address-input', '长宁区新华路 200 号')
  type(page, '.employees-input', '60')
  type(page, '.party-input', '5')
  type(page, '.instructor-name', '钱志刚')
  type(page, '.instructor-phone', '13300008888')
  // Covered by a joint branch: branch-2 (联合) is the second branch of the community.
  pick(page, '.coverage-select', 1)
  await until(() => page.data.form?.coverageIndex === 1, 'the coverage picked')
  await until(() => !!page.querySelector('.branch-select'), 'the branch picker')
  pick(page, '.branch-select', 1)
  await until(() => page.data.form?.branchIndex === 1, 'the branch picked')
  await handled(page, 'onSave', () => tap(page, '.save-button'))
  expect(page.data.form).toBeNull()
  const [stored] = await cloud.docs<OrganizationDoc>('organizations', {
    name: '上海远帆网络科技有限公司',
  })
  expect(stored).toMatchObject({
    communityId: 'community-xinhua',
    coverage: 'joint',
    branchId: 'branch-2',
    employees: 60,
    partyMembers: 5,
    instructor: { name: '钱志刚', phone: '13300008888' },
  })
  // 5 party members and no organisation of its own: flagged in the list and on 覆盖情况.
  expect(page.data.rows.map((r) => r.name)).toContain('上海远帆网络科技有限公司')

  const coverage = await show('officer/org-coverage', ADMIN)
  const figures = dataOf(await cloud.as(ADMIN).org.coverage({}))
  expect(coverage.data.total).toMatchObject({
    total: figures.total.total,
    own: figures.total.own,
    joint: figures.total.joint,
    none: figures.total.none,
  })
  expect(coverage.data.flagged.map((o) => o.name)).toContain('上海远帆网络科技有限公司')
  expect(textOf(coverage, '.coverage-total .section-title')).toBe(
    `两新组织 ${figures.total.total} 家 · 覆盖率 ${Math.round(figures.total.rate * 1000) / 10}%`,
  )
})

test('a member opening the register is told what it is for, without an error', async () => {
  const page = await show('officer/register', 'demo-member-1')
  expect(page.data.status).toBe('forbidden')
  expect(page.data.message).toContain('组织名册')
  expect(page.dom.querySelector('[class*="state-error"]')).toBeNull()
})

test('the search box narrows the register to the names holding the words, and back', async () => {
  const page = await show('officer/register', 'demo-district-admin')
  const shownBranches = () =>
    page.data.communities.flatMap((c) => [...c.groups.flatMap((g) => g.branches), ...c.branches])
  const all = shownBranches().length
  type(page, '.search-input', '楼宇')
  await until(() => page.data.query === '楼宇', 'the search')
  expect(shownBranches().length).toBeGreaterThan(0)
  expect(shownBranches().length).toBeLessThan(all)
  expect(shownBranches().every((b) => b.name.includes('楼宇'))).toBe(true)
  expect(page.querySelectorAll('.branch-row')).toHaveLength(shownBranches().length)
  // A community's name matches it whole.
  type(page, '.search-input', '江苏路')
  await until(() => page.data.query === '江苏路', 'the second search')
  expect(page.data.communities.map((c) => c.id)).toEqual(['community-jiangsu'])
  expect(page.data.communities[0].branches.length).toBeGreaterThan(0)
  type(page, '.search-input', '没有这个名字')
  await until(() => page.data.communities.length === 0, 'no match')
  expect(textOf(page, '.state-empty')).toBe('没有名称含「没有这个名字」的社区、党总支或支部')
  type(page, '.search-input', '')
  await until(() => shownBranches().length === all, 'the whole register')
})

test('a community admin merges a branch into another; a district admin moves one to another community', async () => {
  const page = await show('officer/register', ADMIN)
  // The move is the district's: a community admin is not offered it (no 党总支 yet: nor is one).
  expect(await more(page, 'branch-4', '合并到其他支部')).toEqual(['合并到其他支部', '撤销支部'])
  expect(page.data.change?.kind).toBe('merge')
  // Into 番禺路小微企业联合党支部 (branch-2), the second of the other branches.
  expect(page.data.change!.choices.map((c) => c.id)).toEqual(['branch-1', 'branch-2', 'branch-3'])
  pick(page, '.change-select', 1)
  await until(() => page.data.change?.index === 1, 'the branch picked')
  await handled(page, 'onConfirmChange', () => tap(page, '.confirm-change'))
  expect(await cloud.doc('orgs', 'branch-4')).toMatchObject({ mergedInto: 'branch-2' })
  expect(page.data.communities[0].branches.find((b) => b.id === 'branch-2')?.memberCount).toBe(13)

  const district = await show('officer/register', 'demo-district-admin')
  expect(await more(district, 'branch-3', '调整所属社区')).toContain('调整所属社区')
  expect(district.data.change?.kind).toBe('move')
  expect(district.data.change!.choices.map((c) => c.id)).toContain('community-jiangsu')
  const jiangsu = district.data.change!.choices.findIndex((c) => c.id === 'community-jiangsu')
  pick(district, '.change-select', jiangsu)
  await until(() => district.data.change?.index === jiangsu, 'the community picked')
  await handled(district, 'onConfirmChange', () => tap(district, '.confirm-change'))
  expect(await cloud.doc('orgs', 'branch-3')).toMatchObject({ communityId: 'community-jiangsu' })
  const moved = district.data.communities.find((c) => c.id === 'community-jiangsu')
  expect(moved?.branches.map((b) => b.id)).toContain('branch-3')
  // Its members' 组织关系记录 show the move, with who decided it.
  const history = await show('member/history', 'demo-member-34')
  expect(history.data.lines.at(-1)).toMatchObject({
    title: '所在支部划转至「江苏路街道社区综合党委」',
    note: expect.stringMatching(/^新华大厦楼宇党支部（原属新华路街道社区综合党委） · 批准：\S+$/),
  })
})

test("a merged branch's member finds the merge in their 组织关系记录, dated, with who decided", async () => {
  const history = await show('member/history', 'demo-member-56')
  const merged = history.data.lines.find(
    (l) => l.title === '所在支部并入「番禺路小微企业联合党支部」',
  )
  expect(merged?.note).toMatch(/^原支部：新华社区社会组织联合党支部 · 批准：\S+$/)
  // Merged moments ago: its day reads 今天.
  expect(merged?.date).toBe('今天')
  const titles = history.querySelectorAll('.history-title').map((e) => e.dom?.textContent?.trim())
  expect(titles).toContain(merged!.title)
})

test('a community admin adds a 联合党总支, puts a branch under it and takes it out, then retires it', async () => {
  const page = await show('officer/register', ADMIN)
  tap(page, '#community-community-xinhua .new-general')
  await until(() => page.data.form?.kind === 'general', 'the 党总支 form')
  type(page, '.name-input', '新华路联合党总支')
  await handled(page, 'onSave', () => tap(page, '.save-button'))
  const [group] = page.data.communities[0].groups
  expect(group).toMatchObject({ name: '新华路联合党总支', retiredNote: '', branches: [] })

  // branch-1 goes under it: shown in its card, no longer among the others.
  await more(page, 'branch-1', '归入党总支')
  expect(page.data.change?.kind).toBe('general')
  expect(page.data.change!.choices).toEqual([{ id: group.id, name: '新华路联合党总支' }])
  await handled(page, 'onConfirmChange', () => tap(page, '.confirm-change'))
  expect(page.data.communities[0].groups[0].branches.map((b) => b.id)).toEqual(['branch-1'])
  expect(page.data.communities[0].branches.map((b) => b.id)).not.toContain('branch-1')
  expect(page.querySelector(`#general-${group.id} #branch-branch-1`)).toBeDefined()
  expect(textOf(page, `#general-${group.id} .general-count`)).toBe('下设 1 个支部')
  expect(await cloud.doc('orgs', 'branch-1')).toMatchObject({ generalBranchId: group.id })
  // 组织概况 shows the level too: branch-1 first, under its 党总支's heading, the others after theirs.
  const overview = await show('officer/overview', ADMIN)
  const rows = overview.data.communities[0].branches
  expect(rows.map((b) => [b.id, b.groupHead]).slice(0, 2)).toEqual([
    ['branch-1', '新华路联合党总支'],
    [rows[1].id, '未归属党总支的支部'],
  ])
  expect(textOf(overview, '#branch-branch-1 .group-head')).toBe('新华路联合党总支')
  // 覆盖情况: under xinhua, the 党总支 with what branch-1 covers (上海云启科技有限公司).
  const coverage = await show('officer/org-coverage', ADMIN)
  expect(textOf(coverage, `#general-${group.id}`)).toBe(
    '新华路联合党总支：下设 1 个支部，覆盖 1 家',
  )
  // 两新组织's branch picker names it beside the branch's type.
  const organizations = await show('officer/organizations', ADMIN)
  tap(organizations, '.new-organization')
  await until(() => organizations.data.form !== null, 'the form')
  expect(organizations.data.branches.find((b) => b.id === 'branch-1')?.name).toBe(
    '云启科技有限公司党支部（独立 · 新华路联合党总支）',
  )

  // Not retired while branch-1 is under it: the server's refusal, as for a branch with members.
  await handled(page, 'onRetire', () => tap(page, `#general-${group.id} .retire-general`))
  expect(wxMock.showModal.mock.lastCall?.[0]).toMatchObject({
    title: '未能撤销',
    content: '该党总支还有 1 个支部，请先将它们移出后再撤销',
  })

  await more(page, 'branch-1', '调整所属党总支')
  expect(page.data.change?.kind).toBe('general')
  expect(page.data.change!.choices).toEqual([{ id: '', name: '不归属党总支' }])
  await handled(page, 'onConfirmChange', () => tap(page, '.confirm-change'))
  expect(page.data.communities[0].branches.map((b) => b.id)).toContain('branch-1')
  await handled(page, 'onRetire', () => tap(page, `#general-${group.id} .retire-general`))
  expect(page.data.communities[0].groups[0].retiredNote).toMatch(/^已于今天撤销/)
  expect(textOf(page, `#general-${group.id} .tag`)).toBe('已撤销')
})
