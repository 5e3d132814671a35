import dayjs from 'dayjs'
import {
  type TodayMark,
  type TodaySession,
  claimedWishesOf,
  orglifeOf,
} from '../../cloudfunctions/checkin/src/today'

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

  test('counts the sessions opening in the month that were not cancelled', () => {
    expect(orglifeOf(sessions, [], november, NOW).orglife).toEqual({
      done: 0,
      total: 4,
      ahead: 2,
    })
  })

  test('attended and approved leave are done; pending or refused leave is still ahead', () => {
    const marks = [attended('missed'), onLeave('later', 'approved'), onLeave('open', 'pending')]
    expect(orglifeOf(sessions, marks, november, NOW).orglife).toEqual({
      done: 2,
      total: 4,
      ahead: 1,
    })
    const refused = [onLeave('later', 'refused')]
    expect(orglifeOf(sessions, refused, november, NOW).orglife.ahead).toBe(2)
  })

  test('a session missed and closed is neither done nor ahead', () => {
    const later = at('2026-11-21T10:00:00+08:00')
    expect(orglifeOf(sessions, [attended('open')], november, later).orglife).toEqual({
      done: 1,
      total: 4,
      ahead: 0,
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
