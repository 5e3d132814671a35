// 手机号快速验证: the one-time code of a getPhoneNumber button, exchanged for the number WeChat verified.
import { ChinesePhone } from '../../../../typings/common'
import { getCloud } from '../../../_shared/cloud'
import { invalid } from '../../../_shared/errors'
import { defineAction } from '../../../_shared/dispatcher'

type PhoneInfo = { purePhoneNumber?: string; countryCode?: string }

const FAILED = '获取手机号失败，请手动填写'

export const phoneFromCode = defineAction('member', 'phoneFromCode', {
  // Guests use it while registering.
  audience: 'anyone',
  scope: ['self'],
  async run(_ctx, { code }) {
    let info: PhoneInfo | undefined
    try {
      const reply: { phoneInfo?: PhoneInfo } = await getCloud().openapi.phonenumber.getPhoneNumber({
        code,
      })
      info = reply.phoneInfo
    } catch (err) {
      // An expired or reused code (errcode 40029) is the user's to retry or type; nothing to fail loudly on.
      console.warn('phonenumber.getPhoneNumber refused the code:', err)
      throw invalid(FAILED)
    }
    const phone = info?.purePhoneNumber ?? ''
    // Registration takes mainland mobile numbers only; anything else is typed by hand.
    if (info?.countryCode !== '86' || !ChinesePhone.safeParse(phone).success) throw invalid(FAILED)
    return { phone }
  },
})
