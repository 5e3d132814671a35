// Pages opened on one item by `?id=` (behaviors/scoped.ts byId): opened without it, each shows the shared empty
// state (templates/state.wxml) saying the link is incomplete, no error with a pointless 重试, and asks the
// cloud nothing.
import { cloudMock, textOf, usePages } from './harness'

const PAGES = [
  ['orglife/room', 'demo-member-1'],
  ['orglife/record', 'demo-member-1'],
  ['wish/detail', 'demo-resident-1'],
  ['news-detail', 'demo-member-1'],
  ['study/item', 'demo-member-1'],
  ['officer/service-confirm', 'demo-community-admin-1'],
] as const

const { show } = usePages(PAGES.map(([name]) => name))

test.each(PAGES)('%s opened without an id says so and calls nothing', async (name, openid) => {
  cloudMock.callFunction.mockClear()
  const page = await show(name, openid)
  expect(page.data.status).toBe('empty')
  expect(textOf(page, '.state-empty')).toMatch(/^没有找到.+：链接不完整，请返回后从列表重新进入$/)
  expect(page.querySelector('.state-error')).toBeUndefined()
  // Showing it again stays put: still no call.
  page.instance.onShow?.()
  expect(page.data.status).toBe('empty')
  expect(cloudMock.callFunction).not.toHaveBeenCalled()
})
