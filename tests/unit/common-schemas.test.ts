// The shared schemas every action's dates, months, instants and user text go through (typings/common.ts).
import {
  CalendarDay,
  Instant,
  MonthString,
  PersonName,
  normaliseText,
  text,
} from '../../typings/common'

describe('CalendarDay', () => {
  test.each(['2024-02-29', '2000-02-29', '2027-02-28', '2027-04-30', '2027-12-31', '2027-01-01'])(
    '%s is a day',
    (day) => expect(CalendarDay.safeParse(day)).toEqual({ success: true, data: day }),
  )
  test.each([
    '2027-02-30',
    '2027-04-31',
    '2023-02-29',
    '1900-02-29',
    '2027-13-01',
    '2027-00-10',
    '2027-01-00',
    '2027-1-1',
    '2027/01/01',
    '2027-01-01T00:00:00Z',
    '',
  ])('%s is refused', (day) => expect(CalendarDay.safeParse(day).success).toBe(false))
})

describe('MonthString', () => {
  test.each(['2020-01', '2026-12', '2027-02'])('%s is a month', (month) =>
    expect(MonthString.safeParse(month)).toEqual({ success: true, data: month }),
  )
  test.each(['0000-01', '1999-12', '2019-12', '2026-13', '2026-00', '2026-1', '202601', ''])(
    '%s is refused',
    (month) => expect(MonthString.safeParse(month).success).toBe(false),
  )
  test('a month before the system could hold data says so', () =>
    expect(MonthString.safeParse('0000-01').error?.issues[0].message).toBe(
      '月份不能早于 2020 年 1 月',
    ))
})

describe('Instant', () => {
  test.each(['2027-02-28T10:00:00+08:00', '2027-02-28T02:00:00.000Z', '2024-02-29T23:59:59+08:00'])(
    '%s is an instant',
    (at) => expect(Instant.safeParse(at).success).toBe(true),
  )
  test.each([
    '2027-02-30T10:00:00+08:00',
    '2023-02-29T10:00:00+08:00',
    '2027-02-28T24:00:00+08:00',
    '2027-02-28T10:00:00',
    '2027-02-28',
  ])('%s is refused', (at) => expect(Instant.safeParse(at).success).toBe(false))
})

describe('text', () => {
  const title = text({ label: '标题', min: 2, max: 10 })
  const optional = text({ label: '说明', max: 10 })
  const parse = (raw: string) => {
    const r = title.safeParse(raw)
    return r.success ? { ok: r.data } : { refused: r.error.issues[0].message }
  }

  test.each([
    ['zero-width spaces', '\u200B\u200B\u200B'],
    ['joiners and word joiners', '\u200C\u200D\u2060\u200D'],
    ['a BOM and a soft hyphen', '\uFEFF\u00AD\uFEFF'],
    ['bidi overrides and isolates', '\u202E\u202D\u2066\u2069'],
    ['Hangul fillers', '\u3164\u3164\uFFA0'],
    ['blank braille', '\u2800\u2800'],
    ['ideographic and no-break spaces', '\u3000\u00A0\u3000'],
    ['lone variation selectors', '\uFE0F\uFE0F'],
    ['controls', '\u0000\u0007\u001B'],
  ])('only %s is empty', (_, raw) => {
    expect(normaliseText(raw)).toBe('')
    expect(parse(raw)).toEqual({ refused: '标题至少 2 个字' })
    expect(optional.safeParse(raw)).toEqual({ success: true, data: '' })
  })

  test.each([
    [
      'trims Unicode whitespace and format characters at both ends',
      '\u3000\u200B通知\u200B\u00A0',
      '通知',
    ],
    ['composes to NFC', 'Cafe\u0301', 'Caf\u00E9'],
    ['keeps ZWJ inside an emoji sequence', '👨\u200D👩\u200D👧', '👨\u200D👩\u200D👧'],
    ['keeps the variation selector ending an emoji', '赞❤\uFE0F\u200B', '赞❤\uFE0F'],
    [
      'keeps a tag sequence ending a flag',
      '🏴\u{E0067}\u{E0062}\u{E007F}',
      '🏴\u{E0067}\u{E0062}\u{E007F}',
    ],
    ['drops a joiner left dangling at the end', '好的\u200D', '好的'],
    ['removes bidi controls everywhere', 'ab\u202Ecd\u2066e', 'abcde'],
    ['keeps line breaks inside', '第一行\n第二行', '第一行\n第二行'],
  ])('%s', (_, raw, normalised) => expect(normaliseText(raw)).toBe(normalised))

  test('the minimum counts visible characters; the maximum the stored text', () => {
    expect(parse('书\u200B\u200B')).toEqual({ refused: '标题至少 2 个字' })
    expect(parse('书\u200B本')).toEqual({ ok: '书\u200B本' })
    expect(parse('\u202E党课')).toEqual({ ok: '党课' })
    expect(parse('一二三四五六七八九十')).toEqual({ ok: '一二三四五六七八九十' })
    expect(parse(' 一二三四五六七八九十\u200B ')).toEqual({ ok: '一二三四五六七八九十' })
    expect(parse('一二三四五六七八九十一')).toEqual({ refused: '标题最多 10 个字' })
  })

  test('a required field of one character says what to fill in', () =>
    expect(
      text({ label: '评论', min: 1, max: 500 }).safeParse('\u200B').error?.issues[0].message,
    ).toBe('请填写评论'))

  test('normalising is linear: a long run of invisible characters around text is quick', () => {
    const padding = '\u200B \u3000'.repeat(100_000)
    const started = Date.now()
    expect(normaliseText(`${padding}内容${padding}x`)).toBe(`内容${padding}x`)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  test('a person’s name is trimmed the same way, then checked', () => {
    expect(PersonName.safeParse('\u200B张三\u3000').data).toBe('张三')
    expect(PersonName.safeParse('张\u200B三').success).toBe(false)
  })
})
