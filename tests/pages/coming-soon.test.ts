import simulate from 'miniprogram-simulate'
import { loadPage, showPage, textOf } from './harness'

describe.each([
  ['interact', '支部动态与留言板即将开放'],
  ['orglife', '组织生活记录即将开放'],
])('the %s tab before its feature arrives', (name, message) => {
  let id: string
  beforeAll(() => {
    id = loadPage(name)
  })

  test('says what will appear there instead of showing made-up content', async () => {
    const page = showPage(id, 'demo-member-1')
    await simulate.sleep(0)
    expect(textOf(page, '.state-empty')).toBe(message)
    expect(textOf(page, '.coming-soon')).toMatch(/^开放后/)
  })
})
