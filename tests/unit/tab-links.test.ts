// WeChat opens a tab page only with switchTab (navigateTo and redirectTo fail on one) and switchTab only opens
// tab pages: every link in the mini-program to a page of app.json's tabBar says switchTab, and no other does.
import fs from 'fs'
import path from 'path'

const ROOT = path.join(__dirname, '../../miniprogram')
const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as {
  tabBar: { custom?: boolean; list: { pagePath: string }[] }
}
const tabs = app.tabBar.list.map((t) => `/${t.pagePath}`)

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return files(full)
    return /\.(ts|wxml)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : []
  })
}
const sources = files(ROOT).map((file) => ({
  file: path.relative(ROOT, file),
  text: fs.readFileSync(file, 'utf8'),
}))

test('the tabs are 首页 · 互动 · 组织生活 · 心愿 · 我的, drawn by custom-tab-bar', () => {
  expect(app.tabBar.custom).toBe(true)
  expect(tabs).toEqual([
    '/pages/home/index',
    '/pages/interact/index',
    '/pages/orglife/index',
    '/pages/wish-wall/index',
    '/pages/mine/index',
  ])
  expect(fs.existsSync(path.join(ROOT, 'custom-tab-bar/index.wxml'))).toBe(true)
})

test('a link to a tab page switches tab; navigateTo and redirectTo never open one', () => {
  const wrong: string[] = []
  for (const { file, text } of sources) {
    for (const url of tabs) {
      let at = text.indexOf(url)
      for (; at >= 0; at = text.indexOf(url, at + 1)) {
        const before = text.slice(Math.max(0, at - 80), at)
        // A navigator must say switchTab; code must not hand a tab to navigateTo or redirectTo, directly or
        // as the page a 待办 line opens (todo's `page:`, whose `tab:` is switched to).
        const wrongHere = file.endsWith('.wxml')
          ? !/<navigator[^>]*open-type="switchTab"[^>]*$/.test(before)
          : /(navigateTo|redirectTo)\(\{[^}]*$|page: \([^)]*\) =>[^,\n]*$/.test(before)
        if (wrongHere) wrong.push(`${file}: ${url}`)
      }
    }
  }
  expect(wrong).toEqual([])
})

test('switchTab names only tab pages', () => {
  const targets = sources.flatMap(({ file, text }) =>
    [...text.matchAll(/switchTab\(\{ url: ['"`]([^'"`?$]+)['"`]/g)].map((m) => `${file}: ${m[1]}`),
  )
  expect(targets.length).toBeGreaterThan(0)
  expect(targets.filter((t) => !tabs.some((url) => t.endsWith(`: ${url}`)))).toEqual([])
})
