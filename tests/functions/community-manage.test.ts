// The community edits and cancels its own service posts: what may change and when, what members then see,
// who is told, and that a refused call changes nothing.
import type { ActionInput } from '../../typings/index'
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()
const as = (openid: string, now = DEC_1) => cloud.as(openid, { now })

const ADMIN = 'demo-community-admin-2' // community-jiangsu
const OTHER_ADMIN = 'demo-community-admin-1' // community-xinhua
const DEC_1 = '2026-12-01T10:00:00+08:00'
const AFTER = '2026-12-06T10:00:00+08:00'

const reportTo = (openid: string) =>
  as(openid)
    .community.report({
      communityId: 'community-jiangsu',
      area: '江苏路 480 弄',
      willingness: ['便民服务'],
    })
    .then(dataOf)

let posts = 0
const fields = (slots: number): ActionInput<'community', 'postService'> => ({
  title: `社区助老服务${++posts}`,
  kind: '志愿活动',
  category: '爱心帮扶',
  date: '2026-12-05',
  time: '09:00-11:00',
  place: '江苏路街道为老服务中心',
  slots,
})
async function postWith(slots: number, signedUp: string[] = []) {
  const input = fields(slots)
  const { service } = dataOf(await as(ADMIN).community.postService(input))
  for (const m of signedUp) {
    await reportTo(m)
    dataOf(await as(m).community.signup({ serviceId: service.id }))
  }
  return { serviceId: service.id, input }
}
const stored = (serviceId: string) => cloud.doc<Record<string, unknown>>('service_posts', serviceId)

describe('community.editService', () => {
  test('the admin rewrites a post; its sign-ups and the members’ records follow', async () => {
    const { serviceId, input } = await postWith(5, ['demo-member-70'])
    const edit = { ...input, serviceId, title: '社区助老送餐', date: '2027-01-08', slots: 3 }
    const { service } = dataOf(await as(ADMIN).community.editService(edit))
    expect(service).toMatchObject({
      title: '社区助老送餐',
      date: '2027-01-08',
      slots: 3,
      signedUp: 1,
    })
    expect(await stored(serviceId)).toMatchObject({ title: '社区助老送餐', slots: 3 })
    const [signup] = await cloud.docs('service_signups', { serviceId })
    expect(signup).toMatchObject({ title: '社区助老送餐', date: '2027-01-08', month: '2027-01' })
    const record = dataOf(await as('demo-member-70').community.myRecord({}))
    expect(record.services).toEqual([
      expect.objectContaining({ serviceId, title: '社区助老送餐', cancelled: false }),
    ])
  })

  test('slots below the sign-ups, a day already past, or a malformed post are refused and change nothing', async () => {
    const { serviceId, input } = await postWith(5, ['demo-member-71', 'demo-member-72'])
    const before = await stored(serviceId)
    const tries: [Partial<ActionInput<'community', 'editService'>>, string][] = [
      [{ slots: 1 }, '已有 2 人报名，名额不能少于报名人数'],
      [{ date: '2026-11-30' }, '服务日期不能早于今天'],
      [{ slots: 0 }, '名额至少 1 个'],
      [{ date: '2026-02-30' }, '请选择有效的日期（YYYY-MM-DD）'],
    ]
    for (const [change, message] of tries)
      expect(
        await as(ADMIN).community.editService({ ...input, serviceId, ...change }),
      ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message })
    expect(await stored(serviceId)).toEqual(before)
  })

  test('a post whose day is over, or one already cancelled, can no longer be edited', async () => {
    const { serviceId, input } = await postWith(5)
    expect(
      await as(ADMIN, AFTER).community.editService({ ...input, date: '2026-12-20', serviceId }),
    ).toMatchObject({ ok: false, code: 'CONFLICT', message: '服务日期已过，不能再修改或取消' })
    dataOf(await as(ADMIN).community.cancelService({ serviceId, reason: '场地临时维修' }))
    expect(await as(ADMIN).community.editService({ ...input, serviceId })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该服务岗位已取消',
    })
  })

  test('lowering the slots while members sign up never oversells the post', async () => {
    const crowd = Array.from({ length: 8 }, (_, i) => `demo-member-${80 + i}`)
    await Promise.all(crowd.map(reportTo))
    const { serviceId, input } = await postWith(10, crowd.slice(0, 2))
    const [edit, ...signups] = await Promise.all([
      as(ADMIN).community.editService({ ...input, serviceId, slots: 4 }),
      ...crowd.slice(2).map((m) => as(m).community.signup({ serviceId })),
    ])
    const post = (await stored(serviceId)) as { slots: number; signedUp: number }
    const held = await cloud.docs('service_signups', { serviceId, status: 'signed' })
    expect(post.signedUp).toBe(held.length)
    expect(post.signedUp).toBeLessThanOrEqual(post.slots)
    expect(post.slots).toBe(edit.ok ? 4 : 10)
    expect(held.length).toBe(2 + signups.filter((r) => r.ok).length)
  })
})

describe('community.cancelService', () => {
  test('the post stays, marked cancelled; its members are told and see it cancelled; nothing more can happen to it', async () => {
    await cloud.clearOutbox()
    const { serviceId } = await postWith(5, ['demo-member-73', 'demo-member-74'])
    const { service, notified } = dataOf(
      await as(ADMIN).community.cancelService({ serviceId, reason: '场地临时维修' }),
    )
    expect(service).toMatchObject({ cancelled: true, cancelReason: '场地临时维修', signedUp: 2 })
    expect(notified).toBe(2)
    const sent = (await cloud.outbox()).filter(
      (m) => m.template_id === SUBSCRIBE_TEMPLATES.serviceCancelled.id,
    )
    expect(sent.map((m) => m.touser).sort()).toEqual(['demo-member-73', 'demo-member-74'])
    expect(sent[0].data).toMatchObject({
      date2: { value: '2026年12月5日' },
      thing3: { value: '场地临时维修' },
    })

    const listed = dataOf(await as('demo-member-73').community.services({}))
    expect(listed.services.find((s) => s.id === serviceId)).toMatchObject({
      cancelled: true,
      mine: 'signed',
    })
    const record = dataOf(await as('demo-member-73').community.myRecord({}))
    expect(record.services.find((s) => s.serviceId === serviceId)?.cancelled).toBe(true)

    await reportTo('demo-member-75')
    const refused = await Promise.all([
      as('demo-member-75').community.signup({ serviceId }),
      as('demo-member-74').community.withdraw({ serviceId }),
      as(ADMIN, AFTER).community.confirmService({
        serviceId,
        cards: [{ memberId: memberIdOf('demo-member-73'), hours: 1, rating: 5, comment: '' }],
      }),
      as(ADMIN).community.cancelService({ serviceId, reason: '再次取消' }),
    ])
    for (const reply of refused)
      expect(reply).toMatchObject({ ok: false, code: 'CONFLICT', message: '该服务岗位已取消' })
    expect(await cloud.docs('service_signups', { serviceId, status: 'signed' })).toHaveLength(2)
    expect(await stored(serviceId)).toMatchObject({ signedUp: 2, cancelReason: '场地临时维修' })
  })

  test('a post whose hours were confirmed cannot be cancelled', async () => {
    const { serviceId } = await postWith(5, ['demo-member-76'])
    const onTheDay = '2026-12-05T17:00:00+08:00'
    dataOf(
      await as(ADMIN, onTheDay).community.confirmService({
        serviceId,
        cards: [{ memberId: memberIdOf('demo-member-76'), hours: 2, rating: 5, comment: '' }],
      }),
    )
    expect(
      await as(ADMIN, onTheDay).community.cancelService({ serviceId, reason: '场地临时维修' }),
    ).toMatchObject({ ok: false, code: 'CONFLICT', message: '已确认过服务时长，不能再修改或取消' })
    expect((await stored(serviceId))?.cancelled).toBe(false)
  })
})

test('a member cannot edit or cancel; another community’s admin is answered as for a missing post', async () => {
  const { serviceId, input } = await postWith(5)
  const before = await stored(serviceId)
  const missing = 'service-that-does-not-exist'
  for (const [serviceIdOrMissing, openid, code] of [
    [serviceId, 'demo-member-77', 'PERMISSION_DENIED'],
    [serviceId, OTHER_ADMIN, 'NOT_FOUND'],
    [missing, OTHER_ADMIN, 'NOT_FOUND'],
  ] as const) {
    const edit = await as(openid).community.editService({ ...input, serviceId: serviceIdOrMissing })
    const cancel = await as(openid).community.cancelService({
      serviceId: serviceIdOrMissing,
      reason: '场地临时维修',
    })
    expect([edit, cancel]).toEqual([
      expect.objectContaining({ ok: false, code }),
      expect.objectContaining({ ok: false, code }),
    ])
    if (code === 'NOT_FOUND') expect(edit).toMatchObject({ message: '该服务岗位不存在' })
  }
  expect(await stored(serviceId)).toEqual(before)
})
