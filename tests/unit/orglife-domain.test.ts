import {
  leaveRefusal,
  openRefusal,
  remindAtFor,
  rollCall,
  scheduleProblem,
  sessionIdFor,
  speakCounts,
  tallyAttendance,
  toRemind,
} from '../../cloudfunctions/orglife/src/domain'
import {
  cadenceOf,
  periodOf,
  phaseOf,
  type CadenceSession,
} from '../../cloudfunctions/_shared/orglife-rules'

const at = (iso: string) => new Date(iso)
const session = (
  opens: string,
  closes: string,
  status: CadenceSession['status'] = 'scheduled',
) => ({
  status,
  opensAt: at(opens),
  closesAt: at(closes),
})

describe('the session window', () => {
  const s = session('2026-03-10T09:00:00+08:00', '2026-03-12T21:00:00+08:00')

  test('is upcoming before opens-at, open from opens-at, closed from closes-at', () => {
    expect(phaseOf(s, at('2026-03-10T08:59:59+08:00'))).toBe('upcoming')
    expect(phaseOf(s, at('2026-03-10T09:00:00+08:00'))).toBe('open')
    expect(phaseOf(s, at('2026-03-12T20:59:59+08:00'))).toBe('open')
    expect(phaseOf(s, at('2026-03-12T21:00:00+08:00'))).toBe('closed')
  })

  test('a closed or cancelled status wins over the clock', () => {
    const closedEarly = { ...s, status: 'closed' as const }
    expect(phaseOf(closedEarly, at('2026-03-11T10:00:00+08:00'))).toBe('closed')
    const cancelled = { ...s, status: 'cancelled' as const }
    expect(phaseOf(cancelled, at('2026-03-13T10:00:00+08:00'))).toBe('cancelled')
  })

  test('attending and speaking are refused unless open; leave is refused only once closed or cancelled', () => {
    expect(openRefusal('open')).toBeNull()
    expect(openRefusal('upcoming')).toBe('会议尚未开始')
    expect(openRefusal('closed')).toBe('会议已结束')
    expect(leaveRefusal('upcoming')).toBeNull()
    expect(leaveRefusal('open')).toBeNull()
    expect(leaveRefusal('closed')).toBe('会议已结束')
    expect(leaveRefusal('cancelled')).toBe('会议已取消')
  })
})

describe('schedules', () => {
  const now = at('2026-03-01T12:00:00+08:00')

  test('closes-at must follow opens-at and lie in the future, within 30 days', () => {
    expect(
      scheduleProblem(at('2026-03-02T09:00:00+08:00'), at('2026-03-02T09:00:00+08:00'), now),
    ).toBe('结束时间须晚于开始时间')
    expect(
      scheduleProblem(at('2026-02-20T09:00:00+08:00'), at('2026-03-01T11:00:00+08:00'), now),
    ).toBe('结束时间须晚于现在')
    expect(
      scheduleProblem(at('2026-03-02T09:00:00+08:00'), at('2026-04-02T09:00:00+08:00'), now),
    ).toBe('一次组织生活最长 30 天')
    expect(
      scheduleProblem(at('2026-02-28T09:00:00+08:00'), at('2026-03-03T09:00:00+08:00'), now),
    ).toBeNull()
  })

  test('the closing reminder is due a day before close, and only for sessions longer than a day', () => {
    const closes = at('2026-03-05T21:00:00+08:00')
    expect(remindAtFor(at('2026-03-02T09:00:00+08:00'), closes)).toEqual(
      at('2026-03-04T21:00:00+08:00'),
    )
    expect(remindAtFor(at('2026-03-04T21:00:00+08:00'), closes)).toBeNull()
  })

  test('a session id names the branch, type and Shanghai opening minute', () => {
    expect(sessionIdFor('branch-1', 'committee', at('2026-03-01T16:30:00Z'))).toBe(
      'branch-1_committee_202603020030',
    )
  })
})

test('only the first three statements of a member in a session count', () => {
  expect([1, 2, 3, 4, 5].map(speakCounts)).toEqual([true, true, true, false, false])
})

describe('attendance tally', () => {
  const members = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ _id: id, name: id.toUpperCase() }))
  const mark = (
    memberId: string,
    attended: boolean,
    leave?: 'pending' | 'approved' | 'refused',
  ) => ({
    memberId,
    attendedAt: attended ? at('2026-03-01T10:00:00+08:00') : null,
    leave: leave ? { status: leave } : null,
  })

  test('attended, approved leave and absent add up to the active members; others’ marks are ignored', () => {
    const tally = tallyAttendance(members, [
      mark('a', true),
      mark('b', false, 'approved'),
      mark('c', false, 'pending'),
      mark('d', true, 'approved'),
      mark('left-member', true),
    ])
    expect(tally.attended.map((m) => m._id)).toEqual(['a', 'd'])
    expect(tally.onLeave.map((l) => l.member._id)).toEqual(['b'])
    expect(tally.absent.map((m) => m._id)).toEqual(['c', 'e'])
    expect(tally.attended.length + tally.onLeave.length + tally.absent.length).toBe(members.length)
  })

  test('the roll call lists who has not signed in with their leave request; 提醒 skips pending leave and the reminded', () => {
    const roll = rollCall(
      members,
      [
        mark('a', true),
        mark('b', false, 'approved'),
        mark('c', false, 'pending'),
        mark('d', false, 'refused'),
      ],
      new Set(['e']),
    )
    expect(roll.notSignedIn).toEqual([
      { memberId: 'c', name: 'C', leave: 'pending', reminded: false },
      { memberId: 'd', name: 'D', leave: 'refused', reminded: false },
      { memberId: 'e', name: 'E', leave: null, reminded: true },
    ])
    expect(roll.onLeave).toEqual([{ memberId: 'b', name: 'B' }])
    expect(toRemind(roll).map((p) => p.memberId)).toEqual(['d'])
  })
})

describe('periods', () => {
  test('months and quarters are Shanghai calendar periods', () => {
    // 2026-03-31T16:30Z is already 1 April in Shanghai.
    const april1 = at('2026-03-31T16:30:00Z')
    expect(periodOf(april1, 'month').label).toBe('2026-04')
    expect(periodOf(april1, 'quarter')).toEqual({
      label: '2026-Q2',
      start: at('2026-04-01T00:00:00+08:00'),
      end: at('2026-07-01T00:00:00+08:00'),
    })
    expect(periodOf(april1, 'month', -1).label).toBe('2026-03')
    expect(periodOf(at('2026-02-10T12:00:00+08:00'), 'quarter', -1)).toEqual({
      label: '2025-Q4',
      start: at('2025-10-01T00:00:00+08:00'),
      end: at('2026-01-01T00:00:00+08:00'),
    })
  })
})

describe('三会一课 cadence', () => {
  const s = (
    type: CadenceSession['type'],
    opens: string,
    closes: string,
    status?: CadenceSession['status'],
  ) => ({
    type,
    ...session(opens, closes, status),
  })
  const byType = (items: ReturnType<typeof cadenceOf>) =>
    Object.fromEntries(items.map((i) => [i.type, { state: i.state, overdue: i.overdue }]))

  test('a missed previous month or quarter is overdue; this period is held, scheduled or due', () => {
    const now = at('2026-05-20T12:00:00+08:00')
    const items = cadenceOf(
      [
        s('committee', '2026-04-10T09:00:00+08:00', '2026-04-11T09:00:00+08:00'),
        s('committee', '2026-05-10T09:00:00+08:00', '2026-05-11T09:00:00+08:00'),
        s('groupMeeting', '2026-05-25T09:00:00+08:00', '2026-05-26T09:00:00+08:00'),
        s('branchAssembly', '2026-03-10T09:00:00+08:00', '2026-03-11T09:00:00+08:00'),
        s('partyLecture', '2026-02-10T09:00:00+08:00', '2026-02-11T09:00:00+08:00', 'cancelled'),
      ],
      now,
    )
    expect(byType(items)).toEqual({
      committee: { state: 'held', overdue: false },
      groupMeeting: { state: 'scheduled', overdue: true },
      branchAssembly: { state: 'due', overdue: false },
      partyLecture: { state: 'due', overdue: true },
    })
    expect(items.find((i) => i.type === 'partyLecture')).toMatchObject({
      period: 'quarter',
      periodLabel: '2026-Q2',
      previousLabel: '2026-Q1',
    })
  })

  test('a session counts in the period it opens in, by the Shanghai calendar', () => {
    // Opens 1 April 00:30 Shanghai (still 31 March in UTC): April's, not March's.
    const items = cadenceOf(
      [s('committee', '2026-03-31T16:30:00Z', '2026-04-02T09:00:00+08:00')],
      at('2026-04-15T12:00:00+08:00'),
    )
    expect(byType(items).committee).toEqual({ state: 'held', overdue: true })
  })
})
