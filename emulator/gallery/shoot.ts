// Screenshots every page of a gallery folder with Debian's chromium and writes its index.html:
// all screenshots side by side, one row per role. Run by the gallery test: `node --import tsx shoot.ts DIR`.
import fs from 'fs'
import path from 'path'
import { chromium } from 'playwright-core'
import { type LayoutProblem, layoutProblems } from './layout'
import { SCREEN_WIDTH } from './render'

export type GalleryEntry = {
  role: string
  roleLabel: string
  page: string
  title: string
  html: string
}

/** A layout problem on one screenshot; the gallery test fails on any (written to layout.json). */
export type PageLayoutProblem = LayoutProblem & { role: string; page: string }

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export async function shoot(dir: string): Promise<string[]> {
  const entries = JSON.parse(
    fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'),
  ) as GalleryEntry[]
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  const shots: string[] = []
  const problems: PageLayoutProblem[] = []
  try {
    const tab = await browser.newPage({
      viewport: { width: SCREEN_WIDTH, height: 760 },
      deviceScaleFactor: 2,
    })
    for (const entry of entries) {
      const png = entry.html.replace(/\.html$/, '.png')
      await tab.goto(`file://${path.join(dir, entry.html)}`)
      await tab.screenshot({ path: path.join(dir, png), fullPage: true })
      shots.push(png)
      for (const p of await tab.evaluate(layoutProblems)) {
        problems.push({ role: entry.role, page: entry.page, ...p })
      }
    }
  } finally {
    await browser.close()
  }
  fs.writeFileSync(path.join(dir, 'layout.json'), JSON.stringify(problems, null, 2))
  fs.writeFileSync(path.join(dir, 'index.html'), indexPage(entries))
  return shots
}

function indexPage(entries: GalleryEntry[]): string {
  const roles = [...new Map(entries.map((e) => [e.role, e.roleLabel])).entries()]
  const rows = roles
    .map(([role, label]) => {
      const figures = entries
        .filter((e) => e.role === role)
        .map(
          (e) =>
            `<figure><a href="${e.html}"><img src="${e.html.replace(/\.html$/, '.png')}" alt="${e.title}"></a><figcaption>${e.title}<br><small>${e.page}</small></figcaption></figure>`,
        )
        .join('')
      return `<h2>${label}</h2><div class="row">${figures}</div>`
    })
    .join('')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>两新互动 页面一览</title>
<style>body{font-family:'PingFang SC','Noto Sans CJK SC',sans-serif;margin:24px;background:#f3f3f3}
.row{display:flex;gap:16px;overflow-x:auto;padding-bottom:12px}figure{margin:0;flex:0 0 auto;text-align:center}
img{width:${SCREEN_WIDTH / 1.5}px;border:1px solid #ddd;background:#fff}figcaption{font-size:13px}small{color:#888}</style>
</head><body><h1>两新互动 页面一览</h1>${rows}</body></html>`
}

if (process.argv[2]) {
  shoot(path.resolve(process.argv[2])).then(
    (shots) => console.log(`gallery: ${shots.length} screenshots in ${process.argv[2]}`),
    (err) => {
      console.error(err)
      process.exit(1)
    },
  )
}
