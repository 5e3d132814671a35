// Wish photos WeChat is unsure of (the `needs-review` marker) wait for a person: the wish's community admin or
// a district admin decides, for the resident's photo and for the claimer's fulfilment photos alike.
import type { ActionInput } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_JIANGSU, ADMIN_XINHUA, RESIDENT, todoRefs, wishes } from '../support/fixtures'

const CLAIMER = 'demo-member-21'
const OTHER_MEMBER = 'demo-member-22'
const cloud = useTestCloud()
const w = wishes(cloud)

describe('photos WeChat is unsure of', () => {
  const DISTRICT = 'demo-district-admin'
  const UNSURE = 'cloud://local.env/wish/needs-review-photo.jpg'
  /** A decision on the images the reviewer was shown (by default the resident's photo). */
  type Review = ActionInput<'interact', 'reviewMedia'>
  const review = (
    openid: string,
    kind: Review['kind'],
    id: string,
    decision: Review['decision'],
    images = [UNSURE],
  ) => cloud.as(openid).interact.reviewMedia({ kind, id, images, decision })
  const toReview = (openid: string) => todoRefs(cloud, openid, 'community', 'wishMediaReview')
  /** A wish (still 待审核) whose photo WeChat answered 'review' for. */
  const waitingPhoto = async () => {
    const wishId = await w.submitted(RESIDENT, { photo: UNSURE })
    await cloud.media.delivered((await w.stored(wishId)).photoMedia!.traceIds)
    return wishId
  }
  /** A published, claimed wish whose fulfilment photos (one fine, one unsure) wait for a person. */
  const waitingFulfilment = async () => {
    const wishId = await w.published(RESIDENT, ADMIN_XINHUA)
    dataOf(await cloud.as(CLAIMER).wish.claim({ wishId }))
    const photos = ['cloud://local.env/wish/fine-done.jpg', UNSURE]
    dataOf(await cloud.as(CLAIMER).wish.fulfil({ wishId, note: '已经帮忙办好', photos }))
    await cloud.media.delivered((await w.stored(wishId)).fulfilMedia!.traceIds)
    return { wishId, photos }
  }

  test('a photo WeChat is unsure of waits for a person: shown to its resident and those who decide, listed in the admin’s 待办', async () => {
    const wishId = await waitingPhoto()
    expect((await w.stored(wishId)).photoMedia).toMatchObject({
      status: 'pending',
      needsReview: true,
    })
    expect(await w.detail(RESIDENT, wishId)).toMatchObject({
      photo: UNSURE,
      photoStatus: 'pending',
      photoAwaitingReview: false,
    })
    expect(await w.detail(ADMIN_XINHUA, wishId)).toMatchObject({
      photo: UNSURE,
      photoAwaitingReview: true,
    })
    // Unpublished wishes are the resident's and their community's, but a district admin may open one to decide.
    expect(await w.detail(DISTRICT, wishId)).toMatchObject({
      photo: UNSURE,
      photoAwaitingReview: true,
      allowed: [],
    })
    expect(await cloud.as(ADMIN_JIANGSU).wish.detail({ wishId })).toMatchObject({
      code: 'NOT_FOUND',
    })

    dataOf(await cloud.as(ADMIN_XINHUA).wish.review({ wishId, decision: 'publish' }))
    expect(await w.detail(OTHER_MEMBER, wishId)).toMatchObject({
      photo: null,
      photoStatus: 'pending',
      photoAwaitingReview: false,
    })
    expect(await toReview(ADMIN_XINHUA)).toContain(wishId)
    expect(await toReview(ADMIN_JIANGSU)).not.toContain(wishId)
  })

  test('the community admin passes the photo: everyone sees it, it leaves the 待办, a second decision is CONFLICT', async () => {
    const wishId = await waitingPhoto()
    dataOf(await cloud.as(ADMIN_XINHUA).wish.review({ wishId, decision: 'publish' }))
    expect(await review(ADMIN_XINHUA, 'wishPhoto', wishId, 'pass')).toEqual({
      ok: true,
      data: { kind: 'wishPhoto', id: wishId, mediaStatus: 'pass' },
    })
    const stored = await w.stored(wishId)
    expect(stored.photoMedia).toMatchObject({
      status: 'pass',
      reviewedBy: memberIdOf(ADMIN_XINHUA),
    })
    expect(stored.fulfilMedia).toBeUndefined()
    for (const reader of [OTHER_MEMBER, RESIDENT, ADMIN_XINHUA])
      expect(await w.detail(reader, wishId)).toMatchObject({
        photo: UNSURE,
        photoStatus: 'pass',
        photoAwaitingReview: false,
      })
    expect(await toReview(ADMIN_XINHUA)).not.toContain(wishId)
    expect(await review(DISTRICT, 'wishPhoto', wishId, 'risky')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '图片已通过审核，无需再审',
    })
  })

  test('a district admin’s 不通过 hides the fulfilment photos for good, from the claimer too; the wish’s photo is untouched', async () => {
    const { wishId, photos } = await waitingFulfilment()
    expect(await w.detail(CLAIMER, wishId)).toMatchObject({
      fulfilPhotos: photos,
      fulfilPhotosAwaitingReview: false,
    })
    expect(await w.detail(RESIDENT, wishId)).toMatchObject({ fulfilPhotos: [] })
    expect(await w.detail(ADMIN_XINHUA, wishId)).toMatchObject({
      fulfilPhotos: photos,
      fulfilPhotosAwaitingReview: true,
      photoAwaitingReview: false,
    })
    expect(await toReview(ADMIN_XINHUA)).toContain(wishId)
    // The kind names the set: the wish's own photo does not wait for anyone.
    expect(await review(DISTRICT, 'wishPhoto', wishId, 'risky')).toMatchObject({
      code: 'CONFLICT',
      message: '没有需要审核的图片',
    })

    expect(await review(DISTRICT, 'wishFulfilPhotos', wishId, 'risky', photos)).toMatchObject({
      ok: true,
      data: { mediaStatus: 'risky' },
    })
    expect((await w.stored(wishId)).fulfilMedia).toMatchObject({
      status: 'risky',
      reviewedBy: memberIdOf(DISTRICT),
    })
    for (const reader of [CLAIMER, RESIDENT, ADMIN_XINHUA, OTHER_MEMBER])
      expect(await w.detail(reader, wishId)).toMatchObject({
        fulfilPhotos: [],
        fulfilPhotosStatus: 'risky',
        fulfilPhotosAwaitingReview: false,
      })
    expect(await toReview(ADMIN_XINHUA)).not.toContain(wishId)
  })

  test('the branch secretary, another community’s admin, the claimer and the resident get PERMISSION_DENIED; bad input is INVALID_ARGUMENT; nothing changes', async () => {
    const { wishId, photos } = await waitingFulfilment()
    const before = await w.stored(wishId)
    for (const openid of ['demo-secretary-1', ADMIN_JIANGSU, CLAIMER, RESIDENT])
      expect(await review(openid, 'wishFulfilPhotos', wishId, 'pass', photos)).toMatchObject({
        ok: false,
        code: 'PERMISSION_DENIED',
      })
    const reviewWith = (wrong: object) =>
      cloud.callAs(ADMIN_XINHUA, 'interact', 'reviewMedia', {
        ...{ kind: 'wishFulfilPhotos', id: wishId, images: photos, decision: 'pass' },
        ...wrong,
      })
    expect(await reviewWith({ decision: 'review' })).toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(await reviewWith({ kind: 'wish' })).toMatchObject({ code: 'INVALID_ARGUMENT' })
    // The claimer's photos as seen, not the one of them WeChat was unsure of alone.
    expect(await review(ADMIN_XINHUA, 'wishFulfilPhotos', wishId, 'pass')).toMatchObject({
      code: 'CONFLICT',
      message: '图片已更换，请刷新后再审核',
    })
    expect(await w.stored(wishId)).toEqual(before)
    expect(await review(ADMIN_XINHUA, 'wishPhoto', 'no-such-wish', 'pass')).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  test('once decided, an unpublished wish no longer opens for a district admin; its community still reads it', async () => {
    const wishId = await waitingPhoto()
    expect(await review(DISTRICT, 'wishPhoto', wishId, 'pass')).toMatchObject({ ok: true })
    expect(await cloud.as(DISTRICT).wish.detail({ wishId })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await w.detail(ADMIN_XINHUA, wishId)).toMatchObject({
      photo: UNSURE,
      photoStatus: 'pass',
    })
  })

  test('two reviewers at once: exactly one decision stands, the other gets CONFLICT', async () => {
    const wishId = await waitingPhoto()
    const replies = await Promise.all([
      review(ADMIN_XINHUA, 'wishPhoto', wishId, 'pass'),
      review(DISTRICT, 'wishPhoto', wishId, 'risky'),
    ])
    const won = replies.filter((r) => r.ok)
    expect(won).toHaveLength(1)
    expect(replies.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'CONFLICT' })])
    const winner = won[0].ok ? won[0].data.mediaStatus : null
    expect((await w.stored(wishId)).photoMedia).toMatchObject({ status: winner })
  })
})
