import dayjs from 'dayjs'
import {
  type TodayMark,
  type TodaySession,
  claimedWishesOf,
  orglifeOf,
} from '../../cloudfunctions/checkin/src/today'
import { monthToPay } from '../../cloudfunctions/_shared/dues-rules'
import { myStateOf } from '../../cloudfunctions/_shared/orglife-rules'
import { memberStudyDue } from '../../cloudfunctions/study/src/due'

const at = (iso: string) => new Date(iso)
const november = { start: at('2026-11-01T00:00:00+08:00'), end: at('2026-12-01T00:00:00+08:00') }
const NOW = at('2026-11-10T10:00:00+08:00')

const session = (
  id: string,
  opens: string,
  closes: string,
  status: TodaySession['status'] = 'scheduled',
): TodaySession => ({
  _id: id,
  type: 'themeDay',
  topic: id,
  opensAt: at(`2026-${opens}+08:00`),
  closesAt: at(`2026-${closes}+08:00`),
  status,
})
const attended = (sessionId: string): TodayMark => ({
  sessionId,
  attendedAt: NOW,
  leave: null,
})
const onLeave = (sessionId: string, status: 'pending' | 'approved' | 'refused'): TodayMark => ({
  sessionId,
  attendedAt: null,
  leave: { status },
})

describe('the month’s sessions for one member', () => {
  const sessions = [
    session('october', '10-25T09:00:00', '11-12T21:00:00'),
    session('missed', '11-03T09:00:00', '11-03T21:00:00'),
    session('open', '11-09T09:00:00', '11-11T21:00:00'),
    session('later', '11-20T09:00:00', '11-20T21:00:00'),
    session('cancelled', '11-25T09:00:00', '11-25T21:00:00', 'cancelled'),
    session('closedEarly', '11-10T09:00:00', '11-10T21:00:00', 'closed'),
  ]

  test('counts the sessions opening in the month that were not cancelled; closed without the member is missed', () => {
    expect(orglifeOf(sessions, [], november, NOW).orglife).toEqual({
      attended: 0,
      excused: 0,
      missed: 2,
      ahead: 2,
      total: 4,
    })
  })

  test('attended and approved leave are counted apart; pending or refused leave is still ahead', () => {
    const marks = [attended('missed'), onLeave('later', 'approved'), onLeave('open', 'pending')]
    expect(orglifeOf(sessions, marks, november, NOW).orglife).toEqual({
      attended: 1,
      excused: 1,
      missed: 1,
      ahead: 1,
      total: 4,
    })
    const refused = [onLeave('later', 'refused')]
    expect(orglifeOf(sessions, refused, november, NOW).orglife.ahead).toBe(2)
  })

  test('once a session closes without the member it is missed, no longer ahead', () => {
    const later = at('2026-11-21T10:00:00+08:00')
    expect(orglifeOf(sessions, [attended('open')], november, later).orglife).toEqual({
      attended: 1,
      excused: 0,
      missed: 3,
      ahead: 0,
      total: 4,
    })
  })

  test('lists the sessions open now, from any month, soonest closing first, with the sign-in', () => {
    const { openSessions } = orglifeOf(sessions, [attended('october')], november, NOW)
    expect(openSessions.map((s) => [s.id, s.signedIn])).toEqual([
      ['open', false],
      ['october', true],
    ])
    expect(openSessions[0].closesAt).toBe(at('2026-11-11T21:00:00+08:00').toISOString())
  })

  test('a month boundary is a Shanghai midnight: a session opening at 00:00 on the 1st is the month’s', () => {
    const first = session('first', '11-01T00:00:00', '11-01T12:00:00')
    const lastOfOctober = session('lastOfOctober', '10-31T23:59:00', '11-01T12:00:00')
    expect(orglifeOf([first, lastOfOctober], [], november, NOW).orglife.total).toBe(1)
  })
})

describe('claimed wishes', () => {
  const now = dayjs('2026-11-15T09:00:00+08:00')

  test('are due 14 days after the claim, soonest due first, overdue from that instant', () => {
    const wishes = [
      { _id: 'recent', title: '教我用手机挂号', claimedAt: at('2026-11-10T09:00:00+08:00') },
      { _id: 'old', title: '搬运旧书', claimedAt: at('2026-11-01T09:00:00+08:00') },
      { _id: 'old-by-a-second', title: '修收音机', claimedAt: at('2026-11-01T09:00:01+08:00') },
    ]
    expect(claimedWishesOf(wishes, now)).toEqual([
      {
        id: 'old',
        title: '搬运旧书',
        dueAt: at('2026-11-15T09:00:00+08:00').toISOString(),
        overdue: true,
      },
      {
        id: 'old-by-a-second',
        title: '修收音机',
        dueAt: at('2026-11-15T09:00:01+08:00').toISOString(),
        overdue: false,
      },
      {
        id: 'recent',
        title: '教我用手机挂号',
        dueAt: at('2026-11-24T09:00:00+08:00').toISOString(),
        overdue: false,
      },
    ])
  })

  test('a wish without a claim time is left out', () => {
    expect(claimedWishesOf([{ _id: 'x', title: 't', claimedAt: null }], now)).toEqual([])
  })
})

describe('a member’s part in a session (首页 and the 组织生活 cards)', () => {
  const mark = (attendedAt: Date | null, leave: 'pending' | 'approved' | 'refused' | null) => ({
    attendedAt,
    leave: leave && { status: leave },
  })

  test('signed in or excused whatever the phase; closed without either is absent', () => {
    expect(myStateOf('closed', mark(NOW, null))).toBe('attended')
    expect(myStateOf('closed', mark(null, 'approved'))).toBe('excused')
    expect(myStateOf('upcoming', mark(null, 'approved'))).toBe('excused')
    expect(myStateOf('closed', null)).toBe('absent')
    // A leave nobody approved before it closed is absent, as the frozen record counts it.
    expect(myStateOf('closed', mark(null, 'pending'))).toBe('absent')
    expect(myStateOf('closed', mark(null, 'refused'))).toBe('absent')
  })

  test('before it closes: waiting on leave, not signed in while open, else not started', () => {
    expect(myStateOf('open', mark(null, 'pending'))).toBe('leavePending')
    expect(myStateOf('open', mark(null, 'refused'))).toBe('notSignedIn')
    expect(myStateOf('open', null)).toBe('notSignedIn')
    expect(myStateOf('upcoming', null)).toBe('upcoming')
  })
})

describe('the month’s 党费 for one member', () => {
  const base = { kind: 'salary' as const, baseFen: 720_000, from: '2026-11', confirmedAt: NOW }
  const declared = { kind: 'salary' as const, baseFen: 720_000, at: NOW }

  test('paid, owed with its amount, waiting for the secretary, or not declared', () => {
    const confirmed = { declared: null, history: [base] }
    expect(monthToPay(confirmed, true, 20, '2026-11')).toEqual({ state: 'paid', amountFen: 0 })
    // 7,200 元 after tax is 1.5 %: 108.00 元.
    expect(monthToPay(confirmed, false, 20, '2026-11')).toEqual({
      state: 'owed',
      amountFen: 10_800,
    })
    expect(monthToPay({ declared, history: [] }, false, 20, '2026-11')).toEqual({
      state: 'unconfirmed',
      amountFen: 0,
    })
    expect(monthToPay(null, false, 20, '2026-11')).toEqual({ state: 'undeclared', amountFen: 0 })
  })

  test('a change waiting for confirmation leaves the month owed at the base in effect', () => {
    expect(monthToPay({ declared, history: [base] }, false, 20, '2026-12')).toEqual({
      state: 'owed',
      amountFen: 10_800,
    })
  })

  test('a month that owes 0 元 asks nothing', () => {
    const fixed = { declared: null, history: [{ ...base, kind: 'fixed' as const, baseFen: null }] }
    expect(monthToPay(fixed, false, 0, '2026-11')).toBeNull()
    expect(monthToPay(fixed, false, 20, '2026-11')).toEqual({ state: 'owed', amountFen: 20 })
  })
})

describe('the month’s required 网上党校 items for one member', () => {
  test('counts the due items done and names the first still to do', () => {
    const done = [
      { memberId: 'm1', itemId: 'i1' },
      { memberId: 'm1', itemId: 'old' },
      { memberId: 'm2', itemId: 'i2' },
    ]
    expect(memberStudyDue({ due: ['i1', 'i2', 'i3'], done }, 'm1')).toEqual({
      done: 1,
      required: 3,
      nextItemId: 'i2',
    })
    expect(memberStudyDue({ due: ['i1'], done }, 'm1')).toEqual({
      done: 1,
      required: 1,
      nextItemId: null,
    })
    expect(memberStudyDue({ due: [], done: [] }, 'm1')).toEqual({
      done: 0,
      required: 0,
      nextItemId: null,
    })
  })
})
