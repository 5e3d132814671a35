// The 微心愿 hand-off: once claimed, the resident sees who claimed it, the day they said they would call by,
// and their number; nobody else gets the claimer's number, and giving the wish back takes it away again.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import { dataOf, useTestCloud } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'

const cloud = useTestCloud()
const w = wishes(cloud)
const NOW = '2026-10-14T10:00:00+08:00'
const CLAIMER = 'demo-member-50'

const phoneOf = async (openid: string) =>
  (await cloud.doc<{ phone: string }>('members', memberIdOf(openid)))!.phone

test('the resident sees the claimer, their number and contact day only once it is claimed', async () => {
  const wishId = await w.published()
  expect((await w.detail(RESIDENT, wishId)).claimerContact).toBeUndefined()

  const claimed = dataOf(
    await cloud.as(CLAIMER, { now: NOW }).wish.claim({ wishId, contactBy: '2026-10-15' }),
  )
  expect(claimed.wish.claimerContact).toBeUndefined()

  const seen = await w.detail(RESIDENT, wishId)
  expect(seen.claimerContact).toEqual({
    name: seen.claimerName,
    phone: await phoneOf(CLAIMER),
    contactBy: '2026-10-15',
  })
  for (const other of ['demo-member-51', ADMIN_XINHUA, 'demo-resident-3'])
    expect((await w.detail(other, wishId)).claimerContact).toBeUndefined()

  dataOf(await cloud.as(CLAIMER).wish.release({ wishId }))
  expect((await w.detail(RESIDENT, wishId)).claimerContact).toBeUndefined()
  expect((await w.stored(wishId)).claimer).toBeNull()
})

test('a contact day in the past or beyond 3 days is refused and the wish stays unclaimed', async () => {
  const wishId = await w.published()
  for (const contactBy of ['2026-10-13', '2026-10-18'])
    expect(await cloud.as(CLAIMER, { now: NOW }).wish.claim({ wishId, contactBy })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '预计联系时间须在今天到 3 天内',
    })
  expect(await w.stored(wishId)).toMatchObject({ status: '待认领', claimer: null })
  // The third day ahead is still within the promise a claimer may make.
  dataOf(await cloud.as(CLAIMER, { now: NOW }).wish.claim({ wishId, contactBy: '2026-10-17' }))
  expect((await w.stored(wishId)).claimer).toMatchObject({ contactBy: '2026-10-17' })
})
