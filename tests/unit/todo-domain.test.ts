import type { CadenceItem } from '../../typings/orglife'
import type { TodoItem } from '../../typings/todo'
import {
  COUNT_CAP,
  ITEMS_SHOWN,
  appealNote,
  cadenceToDo,
  daysBetween,
  sectionOf,
  totalOf,
} from '../../cloudfunctions/todo/src/domain'

const item = (n: number, overdue = false): TodoItem => ({
  id: `i${n}`,
  ref: `r${n}`,
  title: `t${n}`,
  note: '',
  overdue,
})

describe('a todo section', () => {
  test('counts what was found, shows the first few and counts the overdue ones', () => {
    const s = sectionOf('appeals', [item(1, true), item(2), item(3, true), item(4)])
    expect(s).toMatchObject({ kind: 'appeals', count: 4, capped: false, overdueCount: 2 })
    expect(s.items.map((i) => i.id)).toEqual(['i1', 'i2', 'i3'].slice(0, ITEMS_SHOWN))
  })

  test('stops counting at the cap and says there are more', () => {
    const found = Array.from({ length: COUNT_CAP + 1 }, (_, n) => item(n, true))
    expect(sectionOf('messages', found)).toMatchObject({
      count: COUNT_CAP,
      capped: true,
      overdueCount: COUNT_CAP,
    })
    expect(sectionOf('messages', found.slice(0, COUNT_CAP)).capped).toBe(false)
  })

  test('the total adds the sections up', () => {
    expect(
      totalOf([sectionOf('leaves', [item(1)]), sectionOf('cadence', [item(2), item(3)])]),
    ).toBe(3)
  })
})

test('a missed 三会一课 is to do only while nothing is planned this period', () => {
  const c = (state: CadenceItem['state'], overdue: boolean): CadenceItem => ({
    type: 'committee',
    period: 'month',
    periodLabel: '2026-05',
    previousLabel: '2026-04',
    state,
    overdue,
  })
  expect(
    cadenceToDo([c('due', true), c('scheduled', true), c('held', true), c('due', false)]),
  ).toEqual([c('due', true)])
})

describe('an appeal line', () => {
  const due = new Date('2026-05-11T09:00:00+08:00')

  test('says what is owed and the Shanghai day it is due', () => {
    expect(appealNote('submitted', due, new Date('2026-05-10T23:00:00+08:00'))).toBe(
      '待受理 · 5月11日前答复',
    )
    expect(appealNote('accepted', due, new Date('2026-05-04T09:00:00+08:00'))).toBe(
      '待答复 · 5月11日前答复',
    )
  })

  test('past due it says how many days late, at least one', () => {
    expect(appealNote('accepted', due, new Date('2026-05-11T09:00:01+08:00'))).toBe(
      '待答复 · 已超期 1 天',
    )
    expect(appealNote('submitted', due, new Date('2026-05-14T10:00:00+08:00'))).toBe(
      '待受理 · 已超期 3 天',
    )
  })
})

test('whole days between two instants, never negative', () => {
  const a = new Date('2026-05-01T09:00:00+08:00')
  expect(daysBetween(a, new Date('2026-05-05T08:59:59+08:00'))).toBe(3)
  expect(daysBetween(a, new Date('2026-05-05T09:00:00+08:00'))).toBe(4)
  expect(daysBetween(a, new Date('2026-04-30T09:00:00+08:00'))).toBe(0)
})
