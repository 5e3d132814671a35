import fc from 'fast-check'
import { type CadenceItem, SESSION_TYPE_LABELS } from '../../typings/orglife'
import { CADENCE, cadenceOf } from '../../cloudfunctions/_shared/orglife-rules'
import type { TodoItem } from '../../typings/todo'
import { byShortfall, describeShortfall } from '../../cloudfunctions/_shared/minimums'
import {
  COUNT_CAP,
  ITEMS_SHOWN,
  agoText,
  appealNote,
  belowMinimumSection,
  cadenceToDo,
  cadenceWindows,
  daysBetween,
  heldKey,
  laggingItems,
  secretarylessItems,
  sectionOf,
  totalOf,
  unstaffedItems,
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

  test('counts exactly when given the total, or when every item was found', () => {
    const found = Array.from({ length: COUNT_CAP + 1 }, (_, n) => item(n, n < 2))
    expect(sectionOf('appeals', found, { total: 1234 })).toMatchObject({
      count: 1234,
      capped: false,
      overdueCount: 2,
    })
    expect(sectionOf('branchCadence', [...found, item(200)], { complete: true })).toMatchObject({
      count: COUNT_CAP + 2,
      capped: false,
    })
    expect(sectionOf('appeals', found, { total: 1234 }).items).toHaveLength(ITEMS_SHOWN)
  })

  test('the total adds up the caller’s own sections, not what members owe', () => {
    expect(
      totalOf([
        sectionOf('leaves', [item(1)]),
        sectionOf('cadence', [item(2), item(3)]),
        sectionOf('studyDue', [item(4), item(5)]),
        sectionOf('duesUnpaid', [item(6)]),
      ]),
    ).toBe(3)
    expect(sectionOf('studyDue', [item(4)])).toMatchObject({ count: 1, own: false })
  })
})

describe('members below the minimums, as the secretary’s one action', () => {
  test('one line that counts while some are not reminded today, and none when nobody is below', () => {
    expect(belowMinimumSection(7, 0)).toMatchObject({ count: 1, own: true })
    expect(belowMinimumSection(7, 0).items).toEqual([
      expect.objectContaining({ title: '本月 7 人未达最低要求', note: '今天还没有提醒' }),
    ])
    expect(belowMinimumSection(7, 3).items[0].note).toBe('今天已提醒 3 人，还有 4 人未提醒')
    expect(belowMinimumSection(7, 7)).toMatchObject({ count: 0 })
    expect(belowMinimumSection(7, 7).items[0].note).toBe('今天已全部提醒')
    expect(belowMinimumSection(0, 0)).toMatchObject({ count: 0, items: [] })
  })

  test('the furthest short come first, then by name; the words say what is missing', () => {
    const m = (name: string, checkin: number, comment: number) => ({
      name,
      shortfall: { checkin, comment, study: 0 },
    })
    const list = [m('王伟', 1, 0), m('张敏', 2, 5), m('陈静', 0, 1), m('李娜', 4, 3)]
    expect(list.sort(byShortfall).map((x) => x.name)).toEqual(['李娜', '张敏', '陈静', '王伟'])
    expect(describeShortfall({ checkin: 2, comment: 5, study: 0 })).toBe(
      '还差 报到 2 次 · 留言 5 条',
    )
    expect(describeShortfall({ checkin: 0, comment: 0, study: 0 })).toBe('')
  })
})

describe('how long ago, in Shanghai calendar days', () => {
  const now = new Date('2026-05-20T00:30:00+08:00')
  test('今天, 昨天, then N 天前, by the day and not by 24 hours', () => {
    expect(agoText(new Date('2026-05-20T00:10:00+08:00'), now)).toBe('今天')
    expect(agoText(new Date('2026-05-19T23:50:00+08:00'), now)).toBe('昨天')
    expect(agoText(new Date('2026-05-17T09:00:00+08:00'), now)).toBe('3 天前')
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

test('the officers’ query for 三会一课 (a session of the type, not cancelled, in its window) agrees with cadenceToDo', () => {
  const now = new Date('2026-05-20T10:00:00+08:00')
  const session = fc.record({
    type: fc.constantFrom(...CADENCE.map((c) => c.type)),
    status: fc.constantFrom('scheduled' as const, 'closed' as const, 'cancelled' as const),
    // From last October to next August: before, inside and after every window.
    opensAt: fc.date({
      min: new Date('2025-10-01T00:00:00+08:00'),
      max: new Date('2026-08-31T00:00:00+08:00'),
      noInvalidDate: true,
    }),
  })
  fc.assert(
    fc.property(fc.array(session, { maxLength: 6 }), (sessions) => {
      const windows = cadenceWindows(now)
      const held = new Set(
        sessions
          .filter((s) =>
            windows.some(
              (w) =>
                s.status !== 'cancelled' &&
                w.type === s.type &&
                s.opensAt >= w.from &&
                s.opensAt < w.to,
            ),
          )
          .map((s) => heldKey('b', s.type)),
      )
      const timed = sessions.map((s) => ({
        ...s,
        closesAt: new Date(s.opensAt.getTime() + 7200_000),
      }))
      const missed = cadenceToDo(cadenceOf(timed, now)).map((c) => SESSION_TYPE_LABELS[c.type])
      expect(laggingItems([{ _id: 'b', name: '一支部' }], held).map((i) => i.note)).toEqual(
        missed.length ? [`${missed.join('、')} 上期未召开，本期还没有安排`] : [],
      )
    }),
  )
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

test('branches without a secretary: the community’s lines, and the district’s naming each community', () => {
  const branches = [
    { _id: 'b1', name: '一支部', parentId: 'c1' },
    { _id: 'b2', name: '二支部', parentId: 'c1' },
  ]
  const staffed = new Set(['b1', 'c1'])
  expect(secretarylessItems(branches, staffed).map((i) => [i.id, i.note])).toEqual([
    ['b2', '尚无支部书记'],
  ])
  expect(
    unstaffedItems([{ _id: 'c1', name: '新华路' }], branches, new Set(), staffed).map((i) => [
      i.id,
      i.note,
    ]),
  ).toEqual([
    ['c1', '尚无社区管理员'],
    ['b2', '新华路 · 尚无支部书记'],
  ])
})
