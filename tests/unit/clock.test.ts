import { monthOf, now } from '../../cloudfunctions/_shared/clock'

describe('clock', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })

  test('a month is the Shanghai calendar month, whatever the server zone', () => {
    // 2026-10-31 17:30 UTC is already 1 November in Shanghai.
    expect(monthOf(new Date('2026-10-31T17:30:00Z'))).toBe('2026-11')
    expect(monthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10')
  })

  test('the emulator may set the time; production ignores the variable', () => {
    process.env.LX_NOW = '2026-03-01T00:10:00+08:00'
    delete process.env.LX_EMULATOR
    expect(now().format('YYYY-MM-DD HH:mm')).not.toBe('2026-03-01 00:10')
    process.env.LX_EMULATOR = '1'
    expect(now().format('YYYY-MM-DD HH:mm')).toBe('2026-03-01 00:10')
  })
})
