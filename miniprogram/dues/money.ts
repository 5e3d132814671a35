// Amounts on the dues pages: fen in, 元 text out, and 元 typed by a person read back to fen without floating point.

/** 1250 → "12.50". */
export const yuanText = (fen: number) =>
  `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

/** "8000", "8000.5" or "8000.50" → 800050 fen; null for anything else (at most 2 decimals, 9 digits). */
export function fenOf(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
