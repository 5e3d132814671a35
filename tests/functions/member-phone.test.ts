import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud({ seed: false })

const storedFor = (openid: string) => cloud.docs<MemberDoc>('members', { openid })

describe('member.phoneFromCode', () => {
  test('a getPhoneNumber code answers the number WeChat verified, and stores nothing', async () => {
    const reply = await cloud
      .as('phone-guest-1')
      .member.phoneFromCode({ code: 'demo-phone-13912345678' })
    expect(dataOf(reply)).toEqual({ phone: '13912345678' })
    expect(await storedFor('phone-guest-1')).toEqual([])
  })

  test('an invalid or expired code answers INVALID_ARGUMENT asking to type the number', async () => {
    const reply = await cloud.as('phone-guest-2').member.phoneFromCode({
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
    const reply = await cloud.as('phone-guest-3').member.phoneFromCode({ code: ' ' })
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
  })
})
