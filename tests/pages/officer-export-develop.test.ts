// On 开发版 the page reaches the emulator over HTTP (the developer tool with `npm start`): the export downloads
// from the emulator's file URL with wx.downloadFile, and WeChat opens that file.
import fs from 'fs'
import { Workbook } from 'exceljs'
import { cloudMock, handled, tap, usePages, wxMock } from './harness'

const { show } = usePages(['officer/export'], { envVersion: 'develop' })

test('a district admin’s export downloads from the emulator’s file URL and opens', async () => {
  const page = await show('officer/export', 'demo-district-admin')
  expect(page.data.scopeLabels[page.data.scopeIndex]).toBe('全区')
  await handled(page, 'onExport', () => tap(page, '.export'))

  expect(page.data.exportError).toBe('')
  expect(cloudMock.downloadFile).not.toHaveBeenCalled()
  expect(wxMock.downloadFile).toHaveBeenCalledTimes(1)
  expect(wxMock.downloadFile.mock.calls[0][0].url).toMatch(
    /^http:\/\/127\.0\.0\.1:8787\/__files\/cloud%3A%2F%2F.+xlsx$/,
  )
  const { filePath } = page.data
  expect(wxMock.openDocument.mock.calls[0][0]).toMatchObject({ filePath, fileType: 'xlsx' })
  const book = new Workbook()
  await book.xlsx.load(fs.readFileSync(filePath) as never)
  expect(book.worksheets[0].getCell('A1').value).toMatch(/^全区 \d{4}年\d{1,2}月支部排名$/)
  expect(book.worksheets[0].rowCount - 2).toBe(page.data.exported?.rowCount)
})
