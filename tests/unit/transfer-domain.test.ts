import {
  type LifecycleMember,
  type TransferDoc,
  type TransferEvent,
  actingSide,
  historyOf,
  isPending,
  nextState,
  nextTransferId,
  requestRefusal,
} from '../../cloudfunctions/member/src/transfer'
import { TRANSFER_STATES, type TransferState } from '../../typings/transfer'

const EVENTS: TransferEvent[] = ['release', 'accept', 'refuse', 'withdraw', 'cancel']

describe('the transfer state machine', () => {
  test('requested → released → accepted, each step only from its state', () => {
    expect(nextState('requested', 'release')).toBe('released')
    expect(nextState('released', 'accept')).toBe('accepted')
    expect(nextState('requested', 'accept')).toBeNull()
    expect(nextState('released', 'release')).toBeNull()
  })

  test('a pending transfer may be refused or withdrawn; nothing moves a finished one but a cancel of an acceptance', () => {
    for (const s of ['requested', 'released'] as const) {
      expect(nextState(s, 'refuse')).toBe('refused')
      expect(nextState(s, 'withdraw')).toBe('withdrawn')
      expect(nextState(s, 'cancel')).toBe('cancelled')
    }
    const finished: TransferState[] = ['refused', 'withdrawn', 'cancelled']
    for (const s of finished) for (const e of EVENTS) expect(nextState(s, e)).toBeNull()
    expect(EVENTS.filter((e) => nextState('accepted', e))).toEqual(['cancel'])
  })

  test('every state a step reaches is a known one, and only requested and released are pending', () => {
    for (const s of TRANSFER_STATES)
      for (const e of EVENTS) {
        const next = nextState(s, e)
        if (next) expect(TRANSFER_STATES).toContain(next)
      }
    expect(TRANSFER_STATES.filter(isPending)).toEqual(['requested', 'released'])
  })

  test('the branch left acts until it releases, then the branch joined', () => {
    expect(actingSide('requested')).toBe('from')
    expect(actingSide('released')).toBe('to')
    expect(actingSide('accepted')).toBeNull()
    expect(actingSide('withdrawn')).toBeNull()
  })

  test("a member's transfers are numbered from their latest", () => {
    expect(nextTransferId('m1', undefined)).toBe('m1-t1')
    expect(nextTransferId('m1', 'm1-t1')).toBe('m1-t2')
    expect(nextTransferId('m1', 'm1-t12')).toBe('m1-t13')
  })

  test('a member cannot transfer to the branch they are in, nor with dues paid into a later month', () => {
    const to = (toBranchId: string, duesPaidUntil = '2026-04') => ({ toBranchId, duesPaidUntil })
    expect(requestRefusal('branch-1', to('branch-1'), '2026-04')).toBe('不能转接到您现在所在的支部')
    expect(requestRefusal('branch-1', to('branch-2'), '2026-04')).toBeNull()
    expect(requestRefusal('branch-1', to('branch-2', '2026-05'), '2026-04')).toBe(
      '党费交至的月份不能晚于本月',
    )
  })
})

describe("a member's history", () => {
  const member: LifecycleMember = {
    _id: 'm1',
    openid: 'o1',
    name: '张三',
    phone: '13900000000',
    status: 'active',
    roles: [],
    branchId: 'b3',
    communityId: 'c1',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    approvedAt: new Date('2026-01-02T00:00:00Z'),
  }
  const side = (n: number) => ({ branchId: `b${n}`, branchName: `支部${n}`, communityId: 'c1' })
  const moved = (from: number, to: number, at: string): TransferDoc => ({
    _id: `t${from}${to}`,
    memberId: 'm1',
    name: '张三',
    standing: 'full',
    duesPaidUntil: '2026-03',
    reason: '换工作',
    from: side(from),
    to: side(to),
    state: 'accepted',
    createdAt: new Date(at),
    updatedAt: new Date(at),
    released: { id: 's', name: `书记${from}`, at: new Date(at) },
    accepted: { id: 's', name: `书记${to}`, at: new Date(at) },
    refused: null,
    closedAt: new Date(at),
  })

  test('joined in the first branch, then each accepted transfer in order, then leaving', () => {
    const entries = historyOf(
      {
        ...member,
        status: 'left',
        leftAt: new Date('2026-06-01T00:00:00Z'),
        leftKind: 'movedOut',
        leftReason: '调往外区',
        leftBy: { id: 's3', name: '书记3' },
      },
      '支部3',
      [moved(2, 3, '2026-05-01T00:00:00Z'), moved(1, 2, '2026-03-01T00:00:00Z')],
      '书记1',
    )
    expect(entries.map((e) => [e.kind, e.branchName, e.by])).toEqual([
      ['joined', '支部1', '书记1'],
      ['transferred', '支部2', '书记2'],
      ['transferred', '支部3', '书记3'],
      ['left', '支部3', '书记3'],
    ])
    expect(entries[1]).toMatchObject({ fromBranchName: '支部1', releasedBy: '书记1' })
    expect(entries[3]).toMatchObject({ leaveKind: 'movedOut', reason: '调往外区' })
  })

  test('a member who never moved joined where they are; a pending one has no history yet', () => {
    expect(historyOf(member, '支部3', [], '书记3')).toEqual([
      { kind: 'joined', at: '2026-01-02T00:00:00.000Z', branchName: '支部3', by: '书记3' },
    ])
    expect(historyOf({ ...member, status: 'pending' }, '支部3', [], '')).toEqual([])
  })
})
