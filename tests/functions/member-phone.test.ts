import type { MemberOutputs } from '../../typings/member'
import { rows } from '../../cloudfunctions/_shared/db'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import { type TestCloud, dataOf, startTestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ seed: false })
})
afterAll(() => cloud?.close())

const storedFor = (openid: string) =>
  rows<MemberDoc>(cloud.db.collection('members').where({ openid }))

describe('member.phoneFromCode', () => {
  test('a getPhoneNumber code answers the number WeChat verified, and stores nothing', async () => {
    const reply = await cloud.callAs<MemberOutputs['phoneFromCode']>(
      'phone-guest-1',
      'member',
      'phoneFromCode',
      { code: 'demo-phone-13912345678' },
    )
    expect(dataOf(reply)).toEqual({ phone: '13912345678' })
    expect(await storedFor('phone-guest-1')).toEqual([])
  })

  test('an invalid or expired code answers INVALID_ARGUMENT asking to type the number', async () => {
    const reply = await cloud.callAs('phone-guest-2', 'member', 'phoneFromCode', {
      code: 'expired-code',
    })
    expect(reply).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '获取手机号失败，请手动填写',
    })
    expect(await storedFor('phone-guest-2')).toEqual([])
  })

  test('an empty code is refused before WeChat is asked', async () => {
    const reply = await cloud.callAs('phone-guest-3', 'member', 'phoneFromCode', { code: ' ' })
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
  })
})
