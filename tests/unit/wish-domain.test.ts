import dayjs from 'dayjs'
import { surnameOnly } from '../../cloudfunctions/_shared/names'
import { WISH_EVENTS, WISH_STATUSES, type WishEvent } from '../../typings/wish'
import {
  type Viewer,
  WISH_TRANSITIONS,
  CONFIRM_FOR_RESIDENT_AFTER_DAYS,
  allowedEvents,
  claimerNameVisible,
  claimerText,
  claimerVisible,
  contactByProblem,
  contactVisible,
  fulfilledAtOf,
  mayConfirmForResident,
  mayView,
  nextStatus,
  refusal,
  statusText,
  wishIdOf,
} from '../../cloudfunctions/wish/src/domain'
import { isClaimOverdue } from '../../cloudfunctions/_shared/deadlines'

const nobody: Viewer = {
  isResident: false,
  isClaimer: false,
  isAdmin: false,
  isMember: false,
  isReviewer: false,
}
const events = WISH_EVENTS.filter((e): e is Exclude<WishEvent, 'submit'> => e !== 'submit')

describe('the wish state machine', () => {
  test('allows exactly the listed transitions', () => {
    const allowed = WISH_STATUSES.flatMap((s) =>
      events.filter((e) => nextStatus(s, e) !== null).map((e) => `${s}:${e}→${nextStatus(s, e)}`),
    )
    expect(allowed.sort()).toEqual(
      [
        '待审核:publish→待认领',
        '待审核:reject→未通过',
        '待审核:cancel→已取消',
        '待认领:claim→已认领',
        '待认领:cancel→已取消',
        '已认领:release→待认领',
        '已认领:fulfil→已实现',
        '已认领:cancel→已取消',
        '已实现:confirm→已完成',
        '已实现:confirmForResident→已完成',
        '已实现:reopen→已认领',
      ].sort(),
    )
  })

  test('finished wishes accept no event at all', () => {
    for (const s of ['已完成', '未通过', '已取消'] as const)
      for (const e of events) expect(nextStatus(s, e)).toBeNull()
  })

  test('every refusal has a Chinese message; a taken wish says it was claimed by someone else', () => {
    expect(refusal('已认领', 'claim')).toBe('这个心愿已被其他党员认领')
    expect(refusal('已实现', 'cancel')).toContain('不能再撤销')
    for (const s of WISH_STATUSES)
      for (const e of Object.keys(WISH_TRANSITIONS) as (keyof typeof WISH_TRANSITIONS)[])
        expect(refusal(s, e)).toMatch(/[\u4e00-\u9fa5]/)
  })
})

describe('who may do what', () => {
  test('a member may claim an open wish; the claimer may release or fulfil; the resident confirms', () => {
    expect(allowedEvents('待认领', { ...nobody, isMember: true })).toEqual(['claim'])
    expect(allowedEvents('已认领', { ...nobody, isMember: true, isClaimer: true })).toEqual([
      'release',
      'fulfil',
    ])
    expect(allowedEvents('已认领', { ...nobody, isMember: true })).toEqual([])
    expect(allowedEvents('已实现', { ...nobody, isResident: true })).toEqual(['confirm', 'reopen'])
    expect(allowedEvents('待审核', { ...nobody, isAdmin: true, isMember: true })).toEqual([
      'publish',
      'reject',
    ])
  })

  test('contact details: only the claimer and the admin, only once claimed', () => {
    const claimer = { ...nobody, isMember: true, isClaimer: true }
    const admin = { ...nobody, isMember: true, isAdmin: true }
    expect(contactVisible('待认领', admin)).toBe(false)
    expect(contactVisible('已认领', claimer)).toBe(true)
    expect(contactVisible('已认领', admin)).toBe(true)
    expect(contactVisible('已完成', claimer)).toBe(true)
    expect(contactVisible('已认领', { ...nobody, isMember: true })).toBe(false)
    expect(contactVisible('已认领', { ...nobody, isResident: true })).toBe(false)
  })

  test('the claimer: only to the resident, only once claimed', () => {
    const resident = { ...nobody, isResident: true }
    expect(claimerVisible('待认领', resident)).toBe(false)
    expect(claimerVisible('已认领', resident)).toBe(true)
    expect(claimerVisible('已实现', resident)).toBe(true)
    expect(claimerVisible('已认领', { ...nobody, isMember: true, isAdmin: true })).toBe(false)
    expect(claimerVisible('已认领', { ...nobody, isMember: true })).toBe(false)
  })

  test('a promised contact day is today up to 3 days ahead', () => {
    expect(contactByProblem('2026-12-31', '2026-12-31')).toBeNull()
    expect(contactByProblem('2027-01-03', '2026-12-31')).toBeNull()
    expect(contactByProblem('2027-01-04', '2026-12-31')).toBe('预计联系时间须在今天到 3 天内')
    expect(contactByProblem('2026-12-30', '2026-12-31')).toBe('预计联系时间须在今天到 3 天内')
  })

  test('unpublished wishes are seen only by their resident and the admin', () => {
    expect(mayView('待审核', { ...nobody, isMember: true })).toBe(false)
    expect(mayView('待审核', { ...nobody, isResident: true })).toBe(true)
    expect(mayView('已取消', { ...nobody, isAdmin: true })).toBe(true)
    expect(mayView('待认领', nobody)).toBe(true)
  })
})

describe('confirming for the resident after 7 days', () => {
  const admin = { ...nobody, isMember: true, isAdmin: true }
  const fulfilledAt = new Date('2026-03-02T02:00:00Z')
  const later = (ms: number) => new Date(fulfilledAt.getTime() + ms)
  const week = CONFIRM_FOR_RESIDENT_AFTER_DAYS * 86_400_000

  test('opens exactly 7 days after the wish was fulfilled, only while it waits at 已实现', () => {
    expect(CONFIRM_FOR_RESIDENT_AFTER_DAYS).toBe(7)
    expect(mayConfirmForResident('已实现', fulfilledAt, later(week - 1))).toBe(false)
    expect(mayConfirmForResident('已实现', fulfilledAt, later(week))).toBe(true)
    expect(mayConfirmForResident('已完成', fulfilledAt, later(2 * week))).toBe(false)
    // Sent back (还没办好) clears the time: nothing to confirm until the next 已实现.
    expect(mayConfirmForResident('已实现', null, later(2 * week))).toBe(false)
  })

  test('the admin is offered it only once it has waited; the resident confirms or sends it back', () => {
    expect(allowedEvents('已实现', admin)).toEqual([])
    expect(allowedEvents('已实现', admin, true)).toEqual(['confirmForResident'])
    expect(allowedEvents('已实现', { ...nobody, isMember: true }, true)).toEqual([])
    expect(allowedEvents('已实现', { ...nobody, isResident: true }, true)).toEqual([
      'confirm',
      'reopen',
    ])
  })

  test('the fulfilment time: kept since 还没办好 clears it, else (older wishes) the last change', () => {
    const updatedAt = later(60_000)
    expect(fulfilledAtOf({ status: '已实现', fulfilledAt, updatedAt })).toEqual(fulfilledAt)
    expect(fulfilledAtOf({ status: '已实现', updatedAt })).toEqual(updatedAt)
    expect(fulfilledAtOf({ status: '已认领', fulfilledAt: null, updatedAt })).toBeNull()
    expect(fulfilledAtOf({ status: '已完成', fulfilledAt, updatedAt })).toBeNull()
  })

  test('a second confirmation is refused plainly, whoever sends it', () => {
    expect(refusal('已完成', 'confirm')).toBe('这个心愿已经确认完成了')
    expect(refusal('已完成', 'confirmForResident')).toBe('这个心愿已经确认完成了')
  })
})

describe('wording and the claimer’s name, by viewer', () => {
  const resident = { ...nobody, isResident: true }
  const claimer = { ...nobody, isMember: true, isClaimer: true }
  const admin = { ...nobody, isMember: true, isAdmin: true }
  const member = { ...nobody, isMember: true }

  test('已实现 is 待您确认 to the resident and 待居民确认 to everyone else', () => {
    expect(statusText('已实现', resident)).toBe('待您确认')
    for (const v of [claimer, admin, member, nobody])
      expect(statusText('已实现', v)).toBe('待居民确认')
    expect(statusText('已认领', resident)).toBe('已认领')
  })

  test('the name only to the resident, the claimer and the community admin; others see 已有党员认领', () => {
    expect([resident, claimer, admin, member, nobody].map(claimerNameVisible)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ])
    expect(claimerText('已认领', '赵娟', resident)).toBe('认领党员：赵娟')
    expect(claimerText('已认领', '赵娟', admin)).toBe('认领党员：赵娟')
    expect(claimerText('已实现', '赵娟', claimer)).toBe('您已认领')
    expect(claimerText('已完成', '赵娟', member)).toBe('已有党员认领')
    expect(claimerText('待认领', null, member)).toBe('')
  })
})

describe('the 14-day claim flag', () => {
  const claimedAt = new Date('2026-03-02T02:00:00Z')
  const at = (iso: string) => dayjs(iso)
  test('a claim is overdue from exactly 14 days after it was made', () => {
    expect(isClaimOverdue('已认领', claimedAt, at('2026-03-16T01:59:59Z'))).toBe(false)
    expect(isClaimOverdue('已认领', claimedAt, at('2026-03-16T02:00:00Z'))).toBe(true)
  })
  test('a fulfilled wish is never overdue', () => {
    expect(isClaimOverdue('已实现', claimedAt, at('2026-05-01T00:00:00Z'))).toBe(false)
  })
})

test('residents appear to others by surname only', () => {
  expect(surnameOnly('王秀英')).toBe('王**')
})

test('wish ids are stable per resident, title and day', () => {
  expect(wishIdOf('r1', '修灯', '2026-03-02')).toBe(wishIdOf('r1', '修灯', '2026-03-02'))
  expect(wishIdOf('r1', '修灯', '2026-03-03')).not.toBe(wishIdOf('r1', '修灯', '2026-03-02'))
})
