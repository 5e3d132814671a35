// The 长期未更新 rule: N Shanghai calendar days without news, counted from the latest post or the setup.
import {
  isStale,
  quietDays,
  shanghaiDaysBetween,
  staleNote,
  staleOf,
} from '../../cloudfunctions/_shared/stale'

const at = (iso: string) => new Date(iso)

describe('shanghaiDaysBetween', () => {
  test('counts Shanghai calendar days, not 24-hour spans', () => {
    // 23:59 and 00:01 the next Shanghai day are one day apart, though two minutes apart.
    expect(
      shanghaiDaysBetween(at('2026-05-01T23:59:00+08:00'), at('2026-05-02T00:01:00+08:00')),
    ).toBe(1)
    // The same Shanghai day across UTC midnight (16:00 UTC) is 0.
    expect(
      shanghaiDaysBetween(at('2026-05-01T07:00:00+08:00'), at('2026-05-01T23:00:00+08:00')),
    ).toBe(0)
    expect(
      shanghaiDaysBetween(at('2026-02-27T12:00:00+08:00'), at('2026-03-01T01:00:00+08:00')),
    ).toBe(2)
  })
})

describe('isStale', () => {
  const posted = { _id: 'b', lastNewsAt: at('2026-05-01T20:00:00+08:00') }

  test('a branch is stale from exactly N days after its latest post, not a day before', () => {
    expect(isStale(posted, at('2026-05-30T23:59:59+08:00'), 30)).toBe(false)
    expect(isStale(posted, at('2026-05-31T00:00:00+08:00'), 30)).toBe(true)
    expect(quietDays(posted, at('2026-05-31T00:00:00+08:00'))).toBe(30)
  })

  test('the day changes at Shanghai midnight, which is 16:00 UTC', () => {
    expect(isStale(posted, at('2026-05-30T15:59:59Z'), 30)).toBe(false)
    expect(isStale(posted, at('2026-05-30T16:00:00Z'), 30)).toBe(true)
  })

  test('a branch that never posted counts from its setup; one with neither date is stale', () => {
    const created = { _id: 'c', createdAt: at('2026-05-10T09:00:00+08:00') }
    expect(isStale(created, at('2026-05-16T09:00:00+08:00'), 7)).toBe(false)
    expect(isStale(created, at('2026-05-17T00:00:00+08:00'), 7)).toBe(true)
    expect(isStale({ _id: 'd' }, at('2026-05-17T00:00:00+08:00'), 7)).toBe(true)
    expect(quietDays({ _id: 'd' }, at('2026-05-17T00:00:00+08:00'))).toBeNull()
  })

  test('a later post restarts the count; a newer setting moves the line', () => {
    const now = at('2026-06-10T10:00:00+08:00')
    expect(isStale({ ...posted, lastNewsAt: at('2026-06-01T10:00:00+08:00') }, now, 30)).toBe(false)
    expect(isStale(posted, now, 60)).toBe(false)
    expect(isStale(posted, now, 7)).toBe(true)
  })
})

test('staleOf lists the quietest first, never-dated ones before all', () => {
  const now = at('2026-06-30T12:00:00+08:00')
  const found = staleOf(
    [
      { _id: 'recent', lastNewsAt: at('2026-06-20T12:00:00+08:00') },
      { _id: 'old', lastNewsAt: at('2026-04-01T12:00:00+08:00') },
      { _id: 'older', createdAt: at('2026-01-01T12:00:00+08:00') },
      { _id: 'unknown' },
      { _id: 'edge', lastNewsAt: at('2026-05-31T12:00:00+08:00') },
    ],
    now,
    30,
  )
  expect(found.map((f) => [f.branch._id, f.quietDays])).toEqual([
    ['unknown', null],
    ['older', 180],
    ['old', 90],
    ['edge', 30],
  ])
})

test('staleNote says how long, and whether the branch ever posted', () => {
  expect(staleNote(45, true)).toBe('已 45 天未发布动态')
  expect(staleNote(45, false)).toBe('成立 45 天，从未发布动态')
  expect(staleNote(null, false)).toBe('从未发布动态')
})
