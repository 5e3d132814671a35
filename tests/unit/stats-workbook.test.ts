import { Workbook } from 'exceljs'
import { workbookOf } from '../../cloudfunctions/stats/src/workbook'

const read = async (buffer: Buffer) => {
  const book = new Workbook()
  // exceljs types its Buffer as its own ArrayBuffer-like interface; a Node Buffer is what it reads.
  await book.xlsx.load(buffer as never)
  return book
}

describe('the month export workbook', () => {
  const sheet = {
    name: '支部排名',
    title: '新华路街道社区综合党委 2026年4月支部排名',
    columns: [
      { header: '排名' },
      { header: '支部' },
      { header: '达标率', numFmt: '0%' },
      { header: '人均积分', numFmt: '0.0' },
    ],
    rows: [
      [1, '番禺路小微企业联合党支部', 1, 35.5],
      [2, '云启科技党支部', 0.25, 3],
    ],
  }

  test('reads back as one sheet: the title, the header, then the rows with numbers as numbers', async () => {
    const book = await read(await workbookOf(sheet))
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['支部排名'])
    const ws = book.worksheets[0]
    expect(ws.getCell('A1').value).toBe(sheet.title)
    expect(ws.getCell('A1').isMerged && ws.getCell('D1').isMerged).toBe(true)
    expect(ws.getRow(2).values).toEqual([undefined, '排名', '支部', '达标率', '人均积分'])
    const rows = [3, 4].map((r) => (ws.getRow(r).values as unknown[]).slice(1))
    expect(rows).toEqual(sheet.rows)
    expect(typeof ws.getCell('C4').value).toBe('number')
    expect(ws.getCell('C4').numFmt).toBe('0%')
    expect(ws.getCell('D3').numFmt).toBe('0.0')
    expect(ws.rowCount).toBe(4)
  })

  test('freezes the title and header, and sizes columns to their widest text', async () => {
    const ws = (await read(await workbookOf(sheet))).worksheets[0]
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    // 12 CJK characters take 24 columns, plus a margin; a short header sets its own width.
    expect(ws.getColumn(2).width).toBe(26)
    expect(ws.getColumn(1).width).toBe(6)
  })

  test('an empty month is still a workbook with its title and header', async () => {
    const ws = (await read(await workbookOf({ ...sheet, rows: [] }))).worksheets[0]
    expect(ws.rowCount).toBe(2)
    expect(ws.getCell('B2').value).toBe('支部')
  })
})
