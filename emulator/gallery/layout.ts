// What the gallery refuses in a rendered page: a pill, tag, badge, chip or small button whose text breaks onto
// a second line or that sticks out of the row holding it (kept whole but not moved to the next line), and two
// buttons (or labels) drawn over each other, and a text link tapped among dense content (回复 under a comment or
// a 留言板 message) lower than the 44 px a finger needs. Runs inside the browser (page.evaluate), so it is one
// self-contained function: tsx names inner named functions through a helper the page does not have.

export type LayoutProblem = { kind: 'wraps' | 'overflows' | 'overlaps' | 'small'; text: string }

// The few DOM types used here: the project compiles without the DOM library.
type Box = {
  top: number
  bottom: number
  left: number
  right: number
  width: number
  height: number
}
type Element = {
  textContent: string | null
  classList: ArrayLike<string>
  getClientRects(): ArrayLike<Box>
  getBoundingClientRect(): Box
  matches(selector: string): boolean
  closest(selector: string): Element | null
  contains(other: Element): boolean
  parentElement: Element | null
}
declare function getComputedStyle(el: Element): { paddingRight: string; borderRightWidth: string }
declare const document: {
  body: { querySelectorAll(selector: string): ArrayLike<Element> }
  createRange(): { selectNodeContents(el: Element): void; getClientRects(): ArrayLike<Box> }
}

/** Problems on the page now in the document; an element counts when it has a box (elder-hide ones do not). */
export function layoutProblems(): LayoutProblem[] {
  const shown = Array.from(document.body.querySelectorAll('*')).filter(
    (el) => el.getClientRects().length > 0,
  )
  const label = new Map(
    shown.map((el) => [el, (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)]),
  )
  // A small button, or a class with the word tag, pill, badge or chip (tag-warn, weui-badge, chip).
  const oneLine = shown.filter(
    (el) =>
      el.matches('.btn-small') ||
      Array.from(el.classList).some((c) =>
        c.split(/[-_]/).some((w) => ['tag', 'pill', 'badge', 'chip'].includes(w)),
      ),
  )
  const problems: LayoutProblem[] = []
  for (const el of oneLine) {
    const range = document.createRange()
    range.selectNodeContents(el)
    // Text fragments whose vertical extents do not overlap sit on different lines.
    const rects = Array.from(range.getClientRects())
      .filter((r) => r.width > 0 && r.height > 0)
      .sort((a, b) => a.top - b.top)
    let lines = 0
    let bottom = -Infinity
    for (const r of rects) {
      if (r.top >= bottom - 1) {
        lines += 1
        bottom = r.bottom
      } else bottom = Math.max(bottom, r.bottom)
    }
    if (lines > 1) problems.push({ kind: 'wraps', text: label.get(el)! })
    const parent = el.parentElement
    if (parent) {
      const style = getComputedStyle(parent)
      const inner =
        parent.getBoundingClientRect().right -
        parseFloat(style.paddingRight) -
        parseFloat(style.borderRightWidth)
      if (el.getBoundingClientRect().right > inner + 1)
        problems.push({ kind: 'overflows', text: label.get(el)! })
    }
  }
  const controls = [
    ...shown.filter((el) => el.matches('button, a.btn, .weui-btn')),
    ...oneLine.filter((el) => !el.closest('button, a.btn, .weui-btn')),
  ]
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const [a, b] = [controls[i], controls[j]]
      if (a.contains(b) || b.contains(a)) continue
      const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()]
      const across = Math.min(p.right, q.right) - Math.max(p.left, q.left)
      const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top)
      if (across > 1 && down > 1)
        problems.push({ kind: 'overlaps', text: `${label.get(a)} × ${label.get(b)}` })
    }
  }
  for (const el of shown.filter((el) => el.matches('.reply-link'))) {
    if (el.getBoundingClientRect().height < 44)
      problems.push({ kind: 'small', text: label.get(el)! })
  }
  return problems
}
