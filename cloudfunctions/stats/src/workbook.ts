// The month's export as an .xlsx, which WeChat's wx.openDocument can open (it cannot open CSV): one sheet,
// a title row naming the scope and month, the header frozen under it, numbers kept as numbers.
import { Workbook } from 'exceljs'

export type Column = {
  header: string
  /** Excel's number format for the column's cells, e.g. `0%` for a rate kept as 0..1. */
  numFmt?: string
}

export type Sheet = {
  /** The tab's name (Excel allows 31 characters). */
  name: string
  /** The first row, across every column. */
  title: string
  columns: Column[]
  rows: (string | number)[][]
}

/** Columns no wider than this many characters; longer text wraps in Excel's own way. */
const MAX_WIDTH = 40

/** How wide text shows: CJK and other wide characters take two columns. */
const widthOf = (value: string | number) =>
  [...String(value)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0)

export async function workbookOf(sheet: Sheet): Promise<Buffer> {
  const book = new Workbook()
  const ws = book.addWorksheet(sheet.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2 }],
  })
  ws.columns = sheet.columns.map((c, i) => ({
    width: Math.min(
      MAX_WIDTH,
      Math.max(widthOf(c.header), ...sheet.rows.map((r) => widthOf(r[i] ?? ''))) + 2,
    ),
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }))
  const title = ws.addRow([sheet.title])
  title.font = { bold: true, size: 14 }
  ws.mergeCells(1, 1, 1, sheet.columns.length)
  ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true }
  ws.addRows(sheet.rows)
  return Buffer.from(await book.xlsx.writeBuffer())
}
