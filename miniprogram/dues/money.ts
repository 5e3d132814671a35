// Amounts on the dues pages: fen in, 元 text out, and 元 typed by a person read back to fen without floating point.

// 首页 (main package) shows an amount too, so the fen → 元 text lives in utils/format.ts.
export { yuanText } from '../utils/format'

/** "8000", "8000.5" or "8000.50" → 800050 fen; null for anything else (at most 2 decimals, 9 digits). */
export function fenOf(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
