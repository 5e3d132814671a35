// Appeal photos WeChat is unsure of wait for a person: a member's for their branch secretary (or the community
// admin), a resident's for their community; the inbox's review list and the 待办 show what waits.
import { APPEAL_CATEGORIES } from '../../typings/interact'
import type { ActionInput } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { AppealDoc } from '../../cloudfunctions/interact/src/records'
import { dataOf, useTestCloud } from '../support/cloud'
import { draft, todoRefs } from '../support/fixtures'

// branch-1 (demo-secretary-1, demo-member-1..) is in community-xinhua (demo-community-admin-1).
const READER = 'demo-member-1'
const SECRETARY = 'demo-secretary-1'
const ADMIN = 'demo-community-admin-1'

const cloud = useTestCloud()

const mediaOf = async (id: string) => (await cloud.doc<AppealDoc>('appeals', id))!.media
/** A decision on the photos the reviewer was shown. */
const review = (
  openid: string,
  id: string,
  decision: ActionInput<'interact', 'reviewMedia'>['decision'],
  images: string[],
) => cloud.as(openid).interact.reviewMedia({ kind: 'appeal', id, images, decision })

describe('appeals', () => {
  const submit = async (openid: string, photo: string) => {
    const { appeal } = dataOf(
      await cloud.as(openid).interact.submitAppeal({
        draftId: draft(),
        category: APPEAL_CATEGORIES[6],
        text: '小区门口的照片，请看是否需要处理',
        images: [photo],
      }),
    )
    await cloud.media.delivered((await mediaOf(appeal.id))!.traceIds)
    return appeal
  }
  const inbox = (openid: string, input: { awaitingReview?: boolean } = {}) =>
    cloud.as(openid).interact.appealInbox(input)
  const inboxItem = async (openid: string, id: string) =>
    dataOf(await inbox(openid)).items.find((a) => a.id === id)
  /** The inbox's review list: the appeals whose images await the caller's decision. */
  const reviewIds = async (openid: string) =>
    dataOf(await inbox(openid, { awaitingReview: true })).items.map((a) => a.id)

  test('a member’s appeal photo awaiting review shows in the secretary’s inbox and 待办; their pass settles it', async () => {
    const photo = 'cloud://local.env/appeals/needs-review-door.jpg'
    const appeal = await submit('demo-member-3', photo)
    expect(await inboxItem(SECRETARY, appeal.id)).toMatchObject({
      images: [photo],
      awaitingReview: true,
    })
    expect(await todoRefs(cloud, SECRETARY, 'secretary', 'appealMediaReview')).toEqual([appeal.id])
    expect(await todoRefs(cloud, ADMIN, 'community', 'appealMediaReview')).toContain(appeal.id)

    expect(await review(SECRETARY, appeal.id, 'pass', [photo])).toMatchObject({
      ok: true,
      data: { kind: 'appeal', mediaStatus: 'pass' },
    })
    expect(await mediaOf(appeal.id)).toMatchObject({ status: 'pass' })
    expect(await inboxItem(SECRETARY, appeal.id)).toMatchObject({ awaitingReview: false })
    expect(await todoRefs(cloud, SECRETARY, 'secretary', 'appealMediaReview')).toEqual([])
  })

  test('a resident’s appeal photo is decided in their community, not by a branch secretary', async () => {
    const photo = 'cloud://local.env/appeals/needs-review-yard.jpg'
    const appeal = await submit('demo-resident-1', photo)
    // Not the secretary's to handle or see: as for a missing appeal.
    expect(await review(SECRETARY, appeal.id, 'pass', [photo])).toMatchObject({
      code: 'NOT_FOUND',
      message: '该诉求不存在',
    })
    expect(await review(ADMIN, appeal.id, 'risky', [photo])).toMatchObject({ ok: true })
    expect(await mediaOf(appeal.id)).toMatchObject({
      status: 'risky',
      reviewedBy: memberIdOf(ADMIN),
    })
  })

  test('the community admin’s review list holds a branch’s appeal awaiting review, as their 待办 does; deciding clears it', async () => {
    const photo = 'cloud://local.env/appeals/needs-review-wall.jpg'
    const appeal = await submit('demo-member-4', photo)
    expect(await inboxItem(ADMIN, appeal.id)).toBeUndefined()
    const listed = dataOf(await inbox(ADMIN, { awaitingReview: true }))
    expect(listed.items.find((a) => a.id === appeal.id)).toMatchObject({
      level: 'branch',
      images: [photo],
      awaitingReview: true,
    })
    expect(listed.items.every((a) => a.awaitingReview)).toBe(true)
    expect(listed.items.map((a) => a.id).sort()).toEqual(
      (await todoRefs(cloud, ADMIN, 'community', 'appealMediaReview')).sort(),
    )
    expect(await reviewIds(SECRETARY)).toContain(appeal.id)
    expect(await reviewIds('demo-community-admin-2')).not.toContain(appeal.id)
    expect(await reviewIds('demo-secretary-2')).not.toContain(appeal.id)

    await review(ADMIN, appeal.id, 'pass', [photo])
    expect(await reviewIds(ADMIN)).not.toContain(appeal.id)
    expect(await reviewIds(SECRETARY)).not.toContain(appeal.id)
  })

  test('the secretary’s review list keeps their branch’s appeal after it went to the community; the overdue count stays the inbox’s', async () => {
    const photo = 'cloud://local.env/appeals/needs-review-gate.jpg'
    const appeal = await submit('demo-member-5', photo)
    await cloud.as(SECRETARY).interact.escalateAppeal({
      appealId: appeal.id,
      note: '需要社区协调处理',
    })
    expect(await inboxItem(SECRETARY, appeal.id)).toBeUndefined()
    expect(await inboxItem(ADMIN, appeal.id)).toMatchObject({ level: 'community' })
    expect((await reviewIds(SECRETARY)).sort()).toEqual(
      (await todoRefs(cloud, SECRETARY, 'secretary', 'appealMediaReview')).sort(),
    )
    expect(await reviewIds(SECRETARY)).toContain(appeal.id)
    expect(dataOf(await inbox(SECRETARY, { awaitingReview: true })).overdueCount).toBe(
      dataOf(await inbox(SECRETARY)).overdueCount,
    )
    expect(await review(SECRETARY, appeal.id, 'risky', [photo])).toMatchObject({
      ok: true,
    })
    expect(await reviewIds(SECRETARY)).toEqual([])
  })

  test('a secretary who also admins the community finds both their branch’s and the community’s appeals in the review list', async () => {
    const branchAppeal = await submit(
      'demo-member-6',
      'cloud://local.env/appeals/needs-review-bin.jpg',
    )
    const residentAppeal = await submit(
      'demo-resident-3',
      'cloud://local.env/appeals/needs-review-lamp.jpg',
    )
    expect(residentAppeal.level).toBe('community')
    const secretary = cloud.db.collection('members').doc(memberIdOf(SECRETARY))
    await secretary.update({
      data: { roles: ['secretary', 'communityAdmin'], adminCommunityId: 'community-xinhua' },
    })
    try {
      const listed = await reviewIds(SECRETARY)
      expect(listed).toEqual(expect.arrayContaining([branchAppeal.id, residentAppeal.id]))
      expect(listed.sort()).toEqual(
        (await todoRefs(cloud, ADMIN, 'community', 'appealMediaReview')).sort(),
      )
      // Their plain inbox stays the branch's, where they handle appeals first.
      const inboxed = dataOf(await inbox(SECRETARY)).items.map((a) => a.id)
      expect(inboxed).toContain(branchAppeal.id)
      expect(inboxed).not.toContain(residentAppeal.id)
    } finally {
      await secretary.update({
        data: { roles: ['secretary'], adminCommunityId: cloud.db.command.remove() },
      })
    }
    expect(await reviewIds(SECRETARY)).not.toContain(residentAppeal.id)
  })

  test('a member asking for the review list is PERMISSION_DENIED', async () => {
    expect(await inbox(READER, { awaitingReview: true })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })
})
