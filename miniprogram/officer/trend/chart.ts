// The trend chart's maths, apart from the canvas: a nice scale with its ticks, and where each month's point
// falls. Plain functions (tests/unit/officer-chart.test.ts); the page only draws what they return.

export type Box = { width: number; height: number }
/** Room left for the axis labels: left (values), right (达标率), top, bottom (months). */
export const PAD = { left: 40, right: 40, top: 12, bottom: 28 }

export type Tick = { value: number; y: number }
export type Point = { x: number; y: number }

/** The smallest 1·2·5×10ⁿ step that covers `max` in at most `count` steps; at least 1 unit high. */
export function niceScale(max: number, count = 4): { max: number; step: number } {
  const raw = Math.max(max, 1) / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power
  return { max: step * Math.ceil(Math.max(max, 1) / step - 1e-9), step }
}

/** The x of the i-th of n months, spread across the plot. */
export const xOf = (i: number, n: number, box: Box) =>
  PAD.left + (n > 1 ? (i * (box.width - PAD.left - PAD.right)) / (n - 1) : 0)

/** The y of a value on a scale from 0 to `max` (0 at the bottom of the plot). */
export const yOf = (value: number, max: number, box: Box) =>
  box.height - PAD.bottom - (value / max) * (box.height - PAD.top - PAD.bottom)

/** Ticks from 0 to the scale's max, bottom first. */
export function ticksOf(scale: { max: number; step: number }, box: Box): Tick[] {
  const out: Tick[] = []
  for (let v = 0; v <= scale.max + 1e-9; v += scale.step)
    out.push({ value: Math.round(v * 10) / 10, y: yOf(v, scale.max, box) })
  return out
}

/** A series as runs of points: a month without a figure breaks the line rather than dropping to 0. */
export function runsOf(values: (number | null)[], max: number, box: Box): Point[][] {
  const runs: Point[][] = []
  let run: Point[] = []
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run)
      run = []
    } else run.push({ x: xOf(i, values.length, box), y: yOf(v, max, box) })
  })
  if (run.length) runs.push(run)
  return runs
}
