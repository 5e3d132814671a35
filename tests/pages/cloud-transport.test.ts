// 体验版 and 正式版 call functions through wx.cloud: the platform says who is calling, not the page.
import { config } from '../../miniprogram/config'
import { api } from '../../miniprogram/services/api'
import { dataOf } from '../support/cloud'
import { cloudMock, usePages, wxMock } from './harness'
import { get } from './photos-support'

const { cloud, show } = usePages(['mine'])

type CallReply = { result: { ok: boolean; data?: unknown }; requestID: string }

test('on 正式版 the app initialises wx.cloud with the production environment', () => {
  const launch = wx as unknown as Record<'onNeedPrivacyAuthorization', jest.Mock>
  launch.onNeedPrivacyAuthorization = jest.fn()
  Object.assign(globalThis, { App: (app: { onLaunch(): void }) => app.onLaunch() })
  jest.isolateModules(() => require('../../miniprogram/app'))
  expect(cloudMock.init).toHaveBeenCalledWith({ env: config.cloudEnv, traceUser: true })
})

test('a page calls its functions through wx.cloud as the signed-in user, and never over HTTP', async () => {
  wxMock.request.mockClear()
  cloudMock.callFunction.mockClear()
  const page = await show('mine', 'demo-member-1')

  expect(cloudMock.callFunction).toHaveBeenCalledWith({
    name: 'member',
    data: { action: 'me', payload: {} },
  })
  expect(wxMock.request).not.toHaveBeenCalled()
  const { me } = dataOf(await cloud.as('demo-member-1').member.me())
  expect(page.data.me).toEqual(me)
  // Only 开发版 offers the demo identities: on a phone WeChat says who the user is.
  expect(page.querySelector('.dev-section')).toBeUndefined()
})

test('a page cannot act as someone else: an openid in the call’s data is ignored, the platform’s user calls', async () => {
  await show('mine', 'demo-member-1')
  const claim = 'demo-district-admin'
  const reply = (await wx.cloud.callFunction({
    name: 'member',
    data: {
      action: 'me',
      payload: {},
      openid: claim,
      'x-wx-openid': claim,
      userInfo: { openId: claim, appId: 'wx-forged' },
    },
  })) as unknown as CallReply

  const { me } = dataOf(await cloud.as('demo-member-1').member.me())
  expect(reply.result).toEqual({ ok: true, data: { me } })
  const calls = JSON.parse((await get(`${cloud.url}/__calls`)).text) as {
    id: string
    openid?: string
  }[]
  expect(calls.find((c) => c.id === reply.requestID)?.openid).toBe('demo-member-1')
})

test('a call to a function that does not exist fails as on the platform, by promise and by callback', async () => {
  const failure = {
    errCode: -501000,
    errMsg: expect.stringMatching(/^cloud\.callFunction:fail /),
  }
  await expect(wx.cloud.callFunction({ name: 'no-such-function' })).rejects.toMatchObject(failure)

  const failed = await new Promise((resolve) =>
    wx.cloud.callFunction({ name: 'no-such-function', fail: resolve }),
  )
  expect(failed).toMatchObject(failure)
})

test('a function that fails on the platform reads 服务暂时不可用; a request that never left reads 网络不可用', async () => {
  await show('mine', 'demo-member-1')
  const rejectOnce = (errCode: number) =>
    cloudMock.callFunction.mockImplementationOnce(() =>
      Promise.reject(Object.assign(new Error('cloud.callFunction:fail'), { errCode })),
    )
  rejectOnce(-404011)
  await expect(api.member.me()).rejects.toMatchObject({ message: '服务暂时不可用，请稍后重试' })
  rejectOnce(-1)
  await expect(api.member.me()).rejects.toMatchObject({ message: '网络不可用，请稍后重试' })
})
