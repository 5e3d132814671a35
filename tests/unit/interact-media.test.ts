import type { Caller } from '../../cloudfunctions/_shared/caller'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import {
  awaitsReview,
  mayOpenToReview,
  mediaStatusOf,
  visibleImages,
} from '../../cloudfunctions/_shared/media'
import { mayReviewMedia } from '../../cloudfunctions/interact/src/reader'
import type { Role } from '../../typings/member'

describe('mediaStatusOf', () => {
  const ids = ['t1', 't2']

  test('stays pending until every image has a result', () => {
    expect(mediaStatusOf(ids)).toBe('pending')
    expect(mediaStatusOf(ids, { t2: 'pass' })).toBe('pending')
    expect(mediaStatusOf(ids, { t1: 'pass', t2: 'pass' })).toBe('pass')
  })

  test('one risky image makes the whole post risky, in whichever order results came', () => {
    expect(mediaStatusOf(ids, { t2: 'risky' })).toBe('risky')
    expect(mediaStatusOf(ids, { t1: 'pass', t2: 'risky' })).toBe('risky')
  })

  test('an image WeChat wants reviewed keeps the post pending', () => {
    expect(mediaStatusOf(ids, { t1: 'pass', t2: 'review' })).toBe('pending')
  })

  test('results for trace ids the post no longer has are ignored', () => {
    expect(mediaStatusOf(['t3'], { t1: 'risky', t3: 'pass' })).toBe('pass')
  })
})

describe('awaitsReview', () => {
  test('images wait for a person once WeChat asked for review, until the status settles', () => {
    expect(awaitsReview(undefined)).toBe(false)
    expect(awaitsReview({ status: 'pending', traceIds: ['t1'] })).toBe(false)
    expect(awaitsReview({ status: 'pending', traceIds: ['t1'], needsReview: true })).toBe(true)
    expect(awaitsReview({ status: 'pass', traceIds: ['t1'], needsReview: true })).toBe(false)
    expect(awaitsReview({ status: 'risky', traceIds: ['t1'], needsReview: true })).toBe(false)
  })
})

describe('mayOpenToReview', () => {
  const waiting = { status: 'pending' as const, traceIds: ['t1'], needsReview: true }
  const decided = { ...waiting, status: 'pass' as const }

  test('a reviewer may open an item while any of its image sets awaits a person, and only then', () => {
    expect(mayOpenToReview(true, waiting)).toBe(true)
    expect(mayOpenToReview(true, undefined, waiting)).toBe(true)
    expect(mayOpenToReview(true, decided)).toBe(false)
    expect(mayOpenToReview(true, { ...waiting, status: 'risky' }, undefined)).toBe(false)
    expect(mayOpenToReview(true, { status: 'pending', traceIds: ['t1'] })).toBe(false)
  })

  test('someone who may not decide never may', () => {
    expect(mayOpenToReview(false, waiting)).toBe(false)
  })
})

describe('visibleImages', () => {
  const images = ['cloud://e/a.jpg']
  const media = (status: 'pending' | 'pass' | 'risky', needsReview?: boolean) => ({
    status,
    traceIds: ['t1'],
    ...(needsReview ? { needsReview } : {}),
  })
  const reader = { author: false, reviewer: false }
  const author = { author: true, reviewer: false }
  const reviewer = { author: false, reviewer: true }

  test('readers see images only once the check passed', () => {
    expect(visibleImages(images, media('pending'), reader)).toEqual([])
    expect(visibleImages(images, media('pending', true), reader)).toEqual([])
    expect(visibleImages(images, media('pass'), reader)).toEqual(images)
  })

  test('the author sees their pending images, but risky ones nobody sees', () => {
    expect(visibleImages(images, media('pending'), author)).toEqual(images)
    expect(visibleImages(images, media('risky'), author)).toEqual([])
    expect(visibleImages(images, media('risky', true), reviewer)).toEqual([])
  })

  test('a reviewer sees pending images only once they await a person', () => {
    expect(visibleImages(images, media('pending'), reviewer)).toEqual([])
    expect(visibleImages(images, media('pending', true), reviewer)).toEqual(images)
  })

  test('images that never went through the check are not shown', () => {
    expect(visibleImages(images, undefined, { author: true, reviewer: true })).toEqual([])
  })
})

describe('mayReviewMedia', () => {
  const as = (roles: Role[], member: Partial<MemberDoc> = {}): Caller => ({
    openid: 'o',
    member: { status: 'active', branchId: null, communityId: null, ...member } as MemberDoc,
    resident: null,
    roles: new Set(roles),
  })
  const item = { branchId: 'branch-1', communityId: 'community-xinhua' }

  test("the item's branch secretary, its community's admin and any district admin may decide", () => {
    expect(mayReviewMedia(as(['secretary'], { branchId: 'branch-1' }), item)).toBe(true)
    const admin = as(['communityAdmin'], { adminCommunityId: 'community-xinhua' })
    expect(mayReviewMedia(admin, item)).toBe(true)
    expect(mayReviewMedia(as(['districtAdmin']), item)).toBe(true)
  })

  test('another branch’s secretary, another community’s admin and a member may not', () => {
    expect(mayReviewMedia(as(['secretary'], { branchId: 'branch-2' }), item)).toBe(false)
    const admin = as(['communityAdmin'], { adminCommunityId: 'community-jiangsu' })
    expect(mayReviewMedia(admin, item)).toBe(false)
    expect(mayReviewMedia(as([], { branchId: 'branch-1' }), item)).toBe(false)
    expect(mayReviewMedia(as(['infoOfficer'], { branchId: 'branch-1' }), item)).toBe(false)
  })

  test('an appeal from a resident (no branch) is decided in its community', () => {
    const resident = { branchId: null, communityId: 'community-xinhua' }
    expect(mayReviewMedia(as(['secretary'], { branchId: 'branch-1' }), resident)).toBe(false)
    const admin = as(['communityAdmin'], { adminCommunityId: 'community-xinhua' })
    expect(mayReviewMedia(admin, resident)).toBe(true)
  })
})
