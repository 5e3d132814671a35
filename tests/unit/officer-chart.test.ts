import { PAD, niceScale, runsOf, ticksOf, xOf, yOf } from '../../miniprogram/officer/trend/chart'

const box = { width: 300, height: 200 }
const plotBottom = box.height - PAD.bottom

describe('niceScale', () => {
  test.each([
    [0, { max: 1, step: 0.5 }],
    [3.2, { max: 4, step: 1 }],
    [7, { max: 8, step: 2 }],
    [17.5, { max: 20, step: 5 }],
    [20, { max: 20, step: 5 }],
    [38, { max: 40, step: 10 }],
    [123, { max: 150, step: 50 }],
  ])('a largest value of %p gets a 1·2·5 scale %p', (max, scale) => {
    expect(niceScale(max)).toEqual(scale)
  })

  test('the scale covers the largest value in at most 4 steps', () => {
    for (const max of [0.3, 1, 2.5, 9.9, 10, 11, 55, 99.9, 1001]) {
      const s = niceScale(max)
      expect(s.max).toBeGreaterThanOrEqual(max)
      expect(s.max / s.step).toBeLessThanOrEqual(4 + 1e-9)
    }
  })
})

test('ticks run from 0 at the bottom of the plot to the max at its top', () => {
  const ticks = ticksOf({ max: 20, step: 5 }, box)
  expect(ticks.map((t) => t.value)).toEqual([0, 5, 10, 15, 20])
  expect(ticks[0].y).toBe(plotBottom)
  expect(ticks[4].y).toBe(PAD.top)
  expect(ticks[2].y).toBe((plotBottom + PAD.top) / 2)
})

test('months spread from the left edge of the plot to its right edge', () => {
  expect(xOf(0, 12, box)).toBe(PAD.left)
  expect(xOf(11, 12, box)).toBe(box.width - PAD.right)
  expect(xOf(0, 1, box)).toBe(PAD.left)
  expect(yOf(10, 20, box)).toBe((plotBottom + PAD.top) / 2)
})

test('a month without a figure breaks the line instead of dropping it to 0', () => {
  const runs = runsOf([null, 2, 4, null, null, 1], 4, box)
  expect(runs).toHaveLength(2)
  expect(runs[0]).toEqual([
    { x: xOf(1, 6, box), y: yOf(2, 4, box) },
    { x: xOf(2, 6, box), y: PAD.top },
  ])
  expect(runs[1]).toEqual([{ x: box.width - PAD.right, y: yOf(1, 4, box) }])
  expect(runsOf([null, null], 4, box)).toEqual([])
})
