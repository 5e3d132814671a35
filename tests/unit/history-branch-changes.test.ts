// member.history's merges and moves (org_changes joined at read time): which moves of a branch moved the member
// (made while they were in it), the branch they joined when a merge came after, and the lines in date order.
import type { Officer } from '../../typings/transfer'
import {
  type BranchChanges,
  type LifecycleMember,
  type TransferDoc,
  branchesOf,
  historyOf,
  movesOf,
} from '../../cloudfunctions/member/src/transfer'

const at = (month: number) => new Date(`2026-${String(month).padStart(2, '0')}-01T00:00:00Z`)
const by: Officer = { id: 'a', name: '王伟' }
const member: LifecycleMember = {
  _id: 'm1',
  openid: 'o1',
  name: '张三',
  phone: '13900000000',
  status: 'active',
  roles: [],
  branchId: 'b3',
  communityId: 'c2',
  createdAt: at(1),
  updatedAt: at(1),
  approvedAt: at(1),
}
const side = (n: number) => ({ branchId: `b${n}`, branchName: `支部${n}`, communityId: 'c1' })
/** Transferred from b1 to b2 in March. */
const transfer: TransferDoc = {
  _id: 't1',
  memberId: 'm1',
  name: '张三',
  standing: 'full',
  duesPaidUntil: '2026-02',
  reason: '换工作',
  from: side(1),
  to: side(2),
  state: 'accepted',
  createdAt: at(3),
  updatedAt: at(3),
  released: { ...by, name: '书记1', at: at(3) },
  accepted: { ...by, name: '书记2', at: at(3) },
  refused: null,
  closedAt: at(3),
}
/** b2 merged into b3 in May. */
const merges: BranchChanges['merges'] = [{ at: at(5), fromBranchId: 'b2', intoBranchId: 'b3', by }]
const move = (month: number, branchId: string) => ({
  at: at(month),
  branchId,
  fromCommunityId: 'c1',
  toCommunityId: 'c2',
  by,
})
const names = new Map([
  ['b1', '支部1'],
  ['b2', '支部2'],
  ['b3', '支部3'],
  ['c1', '社区1'],
  ['c2', '社区2'],
])

test('the branches a member has been in: now, and both sides of each transfer and merge', () => {
  expect(branchesOf(member, [transfer], merges).sort()).toEqual(['b1', 'b2', 'b3'])
  expect(branchesOf({ branchId: null }, [], [])).toEqual([])
})

test('a move counts only while the member was in that branch and in the register', () => {
  const moves = [
    move(2, 'b1'), // in b1 then
    move(4, 'b1'), // b1 after they left it
    move(4, 'b2'), // in b2 then
    move(6, 'b2'), // b2, merged away by then
    move(7, 'b3'), // in b3 then
  ]
  expect(movesOf(member, [transfer], { merges, moves })).toEqual([moves[0], moves[2], moves[4]])
  // Not before they registered, not after they left.
  const left = { ...member, status: 'left' as const, createdAt: at(3), leftAt: at(7) }
  expect(movesOf(left, [transfer], { merges, moves })).toEqual([moves[2]])
})

test('history: joined in the first branch, then transfer, move and merge by date, with who decided', () => {
  const entries = historyOf(member, '支部3', [transfer], '书记1', undefined, {
    merges,
    moves: [move(4, 'b2')],
    names,
  })
  expect(entries.map((e) => [e.kind, e.at.slice(0, 7), e.branchName, e.by])).toEqual([
    ['joined', '2026-01', '支部1', '书记1'],
    ['transferred', '2026-03', '支部2', '书记2'],
    ['moved', '2026-04', '支部2', '王伟'],
    ['merged', '2026-05', '支部3', '王伟'],
  ])
  expect(entries[2]).toMatchObject({ fromCommunityName: '社区1', communityName: '社区2' })
  expect(entries[3]).toMatchObject({ fromBranchName: '支部2' })
})

test('a member merged without any transfer joined the branch merged away, not the one they are in', () => {
  const entries = historyOf({ ...member, approvedAt: at(2) }, '支部3', [], '书记2', undefined, {
    merges,
    moves: [],
    names,
  })
  expect(entries.map((e) => [e.kind, e.branchName])).toEqual([
    ['joined', '支部2'],
    ['merged', '支部3'],
  ])
  // A pending member has no history yet, merged or not.
  expect(
    historyOf({ ...member, status: 'pending' }, '支部3', [], '', undefined, {
      merges,
      moves: [],
      names,
    }),
  ).toEqual([])
})

test('a transfer or merge shows the branch offices it ended, or the secretary it carried on', () => {
  const history = (t: TransferDoc, m: BranchChanges['merges'][number]) =>
    historyOf(member, '支部3', [t], '书记1', undefined, { merges: [m], moves: [], names })
      .slice(1)
      .map((e) => ('office' in e ? e.office : null))
  const offices = (memberId: string, roles: ('secretary' | 'infoOfficer')[]) => [
    { memberId, roles },
  ]
  expect(history(transfer, merges[0])).toEqual([null, null])
  expect(
    history(
      { ...transfer, officesLeft: ['secretary', 'infoOfficer'] },
      { ...merges[0], offices: offices('m1', ['infoOfficer']), secretaryKept: null },
    ),
  ).toEqual(['原任支部书记、信息员，不随组织关系转接', '原任信息员，合并后为普通党员'])
  // The merged branch's secretary carried on in the branch merged into; another member's offices are not theirs.
  expect(
    history(transfer, { ...merges[0], offices: offices('m1', ['secretary']), secretaryKept: 'm1' }),
  ).toEqual([null, '原任支部书记，合并后任本支部书记'])
  expect(
    history(transfer, { ...merges[0], offices: offices('m2', ['secretary']), secretaryKept: 'm2' }),
  ).toEqual([null, null])
})
