// The register page's 用微信手机号 button: its one-time code becomes the phone number through member.phoneFromCode.
import { cloudMock, newPerson, textOf, until, usePages, type Rendered, handled } from './harness'

const { show } = usePages(['register'])

const shown = () => show('register', newPerson().openid)

const pressPhoneButton = (page: Rendered, detail: Record<string, string>) =>
  page.querySelector('.phone-button')!.dispatchEvent('getphonenumber', { detail })

test('the WeChat phone button fills the phone field with the verified number', async () => {
  const page = await shown()
  pressPhoneButton(page, { code: 'demo-phone-13912345678', errMsg: 'getPhoneNumber:ok' })
  await until(() => page.data.phone !== '' || page.data.phoneError !== '', 'the phone number')

  expect(page.data.phoneError).toBe('')
  expect(page.data.phone).toBe('13912345678')
})

test('a code WeChat refuses leaves the field empty and asks to type the number', async () => {
  const page = await shown()
  pressPhoneButton(page, { code: 'stale-code', errMsg: 'getPhoneNumber:ok' })
  await until(() => page.data.phoneError !== '', 'the refusal')

  expect(page.data.phone).toBe('')
  expect(textOf(page, '.phone-error')).toBe('获取手机号失败，请手动填写')
})

test('declining in WeChat’s dialog asks nothing of the server and keeps what was typed', async () => {
  const page = await shown()
  page.querySelector('.field-phone')!.dispatchEvent('input', { detail: { value: '13800001111' } })
  cloudMock.callFunction.mockClear()
  await handled(page, 'onPhoneNumber', () =>
    pressPhoneButton(page, { errMsg: 'getPhoneNumber:fail user deny' }),
  )

  expect(cloudMock.callFunction).not.toHaveBeenCalled()
  expect(page.data.phone).toBe('13800001111')
})
