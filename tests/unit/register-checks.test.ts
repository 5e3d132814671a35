// The register page checks names and phone numbers before sending (miniprogram/pages/register/checks.ts); the
// server owns the rules (typings/common.ts PersonName, ChinesePhone). The page cannot import the zod schemas,
// so it keeps its own copy, and these tables hold the two to the same answers for the same input.
import fc from 'fast-check'
import { checkName, checkPhone, whyDisabled } from '../../miniprogram/pages/register/checks'
import { ChinesePhone, PersonName } from '../../typings/common'

/** The server's answer: '' when it accepts, else the message the register action replies with. */
const server = (schema: typeof PersonName | typeof ChinesePhone, value: string) => {
  const parsed = schema.safeParse(value)
  return parsed.success ? '' : (parsed.error.issues[0]?.message ?? '')
}

// The page sends the name trimmed, as it checked it.
const serverName = (raw: string) => server(PersonName, raw.trim())

describe('names: the page answers as the server does', () => {
  test.each([
    '张三',
    '欧阳修',
    '阿依古丽·买买提',
    'John Smith',
    '  李四  ',
    '王\u3000五',
    '张',
    'A',
    '张三1',
    '张三！',
    '李😀',
    'Jean-Luc',
    '张'.repeat(20),
    '张'.repeat(21),
    `A${' '.repeat(18)}B`,
    `A${' '.repeat(19)}B`,
  ])('%j', (raw) => expect(checkName(raw)).toBe(serverName(raw)))

  test('a blank name is refused by both; the page asks for it by name', () => {
    for (const raw of ['', '   ', '\u3000'.repeat(2)]) {
      expect(checkName(raw)).toBe('请填写姓名')
      expect(serverName(raw)).not.toBe('')
    }
  })

  test('whatever the page accepts, the server accepts and stores unchanged', () => {
    // Every code point class the server treats apart: invisible and bidi controls, compatibility
    // ideographs NFC rewrites, combining marks, emoji and their variation selectors, full-width space.
    const char = fc.constantFrom(
      ...['张', '三', 'A', 'b', '·', ' ', '\u3000', '\u00a0', '\t', '1', '-', '😀', '\ufe0f'],
      ...['\u200b', '\u202e', '\u2066', '\ufeff', '\uf900', 'e\u0301', '\u0387'],
    )
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const raw = chars.join('')
        if (checkName(raw) !== '') return
        const parsed = PersonName.safeParse(raw.trim())
        expect(parsed).toEqual({ success: true, data: raw.trim() })
      }),
      { numRuns: 3000 },
    )
  })

  test('over what a keyboard types, the page and the server give the same answer', () => {
    const char = fc.constantFrom(
      ...['张', '三', '李', 'A', 'b', '·', ' ', '\u3000', '1', '-', '，', '😀'],
    )
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const raw = chars.join('')
        if (raw.trim()) expect(checkName(raw)).toBe(serverName(raw))
        else expect(serverName(raw)).not.toBe('')
      }),
      { numRuns: 3000 },
    )
  })
})

describe('phones: the page answers as the server does', () => {
  test.each([
    '13912345678',
    '19912345678',
    '12912345678',
    '1391234567',
    '139123456789',
    '',
    '+8613912345678',
    '139 1234 5678',
    '１３９１２３４５６７８',
    '23912345678',
  ])('%j', (phone) => expect(checkPhone(phone)).toBe(server(ChinesePhone, phone)))

  test('for any string of digits and separators, and any 11 digits', () => {
    const phone = fc.oneof(
      fc
        .array(fc.constantFrom(...'0123456789+- '.split('')), { maxLength: 14 })
        .map((chars) => chars.join('')),
      fc.stringMatching(/^\d{11}$/),
    )
    fc.assert(
      fc.property(phone, (p) => expect(checkPhone(p)).toBe(server(ChinesePhone, p))),
      { numRuns: 3000 },
    )
  })
})

test('提交登记 says what to fill in first, in the form’s order; a resident needs no branch', () => {
  const empty = {
    kind: 'member' as const,
    name: ' ',
    phone: '',
    communityIndex: -1,
    branchIndex: -1,
  }
  expect(whyDisabled(empty)).toBe('请先填写姓名')
  expect(whyDisabled({ ...empty, name: '王建国' })).toBe('请先填写手机号')
  expect(whyDisabled({ ...empty, name: '王建国', phone: '138' })).toBe('请先选择所在社区')
  const placed = { ...empty, name: '王建国', phone: '138', communityIndex: 0 }
  expect(whyDisabled(placed)).toBe('请先选择所在支部')
  expect(whyDisabled({ ...placed, kind: 'resident' })).toBe('')
  expect(whyDisabled({ ...placed, branchIndex: 2 })).toBe('')
})
