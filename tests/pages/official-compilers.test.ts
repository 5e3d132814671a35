// WeChat's own compilers over the whole mini-program: wcc for every WXML, wcsc for every WXSS, and each page of
// app.json rendered once from wcc's output. A template or stylesheet DevTools would refuse fails here, with
// the compiler's own message naming the file and line.
import fs from 'fs'
import os from 'os'
import path from 'path'
import vm from 'vm'
import simulate from 'miniprogram-simulate'
import { compileWxml, compileWxss } from '../support/wechat-compilers'
import { APP_PAGES, loadPage, pageNameOf } from './harness'

const MINI = path.resolve(__dirname, '../../miniprogram')
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(MINI, file), 'utf8'))

const PAGES = APP_PAGES
/** Every page and every component a page or component uses (absolute or relative), as root-relative paths. */
const VIEWS = (() => {
  const seen = new Set<string>()
  const visit = (view: string) => {
    if (seen.has(view)) return
    seen.add(view)
    const using: Record<string, string> = readJson(`${view}.json`).usingComponents ?? {}
    Object.values(using).forEach((to) =>
      visit(to.startsWith('/') ? to.slice(1) : path.posix.join(path.posix.dirname(view), to)),
    )
  }
  // The custom tab bar is no page's component: WeChat draws it under every tab page.
  ;[...PAGES, 'custom-tab-bar/index'].forEach(visit)
  return [...seen]
})()

/** wcc's `$gwx`, run in a context of its own: its tables live in globals the pages rendered below read. */
function gwxOf(js: string, warn: (message: string) => void = () => undefined) {
  const console = { warn, error: warn, log: () => undefined }
  return vm.runInNewContext(`${js}; $gwx`, { window: {}, console }) as (
    file: string,
  ) => ((data: object) => unknown) | undefined
}

/** The compiled template's own complaints while rendering (a missing import or template): `WXMLRT_$gwx:<file>:…`. */
const wxmlRuntime = (messages: unknown[]) =>
  messages.map(String).filter((m) => m.startsWith('WXMLRT_'))

test('wcc compiles the WXML of every page, every component they use and every template', () => {
  const { files, js } = compileWxml(MINI)
  expect(files).toEqual(expect.arrayContaining(VIEWS.map((v) => `${v}.wxml`)))
  expect(files).toContain('templates/state.wxml')
  const gwx = gwxOf(js)
  expect(files.filter((f) => typeof gwx(f) !== 'function')).toEqual([])
})

test('wcsc compiles every WXSS: app.wxss and each page and component on its own, with their imports', () => {
  const { files, compiled } = compileWxss(MINI)
  expect(files).toEqual(expect.arrayContaining(['templates/appeal.wxss']))
  const own = ['app', ...VIEWS].map((v) => `${v}.wxss`).filter((f) => files.includes(f))
  expect(own).toContain('app.wxss')
  expect(compiled).toEqual(expect.arrayContaining(own))
})

describe('the compilers refuse what WeChat refuses', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'official-compilers-'))
    const good = path.join(dir, 'pages/good')
    fs.mkdirSync(good, { recursive: true })
    fs.writeFileSync(path.join(good, 'index.json'), '{}')
    fs.writeFileSync(path.join(good, 'index.wxml'), '<view class="a">{{title}}</view>\n')
    // A page, unlike a component, may select by tag.
    fs.writeFileSync(path.join(good, 'index.wxss'), '.a { color: red; }\nbutton.a { margin: 0; }\n')
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  /** One broken file beside a good page, as `pages/broken/index.<ext>`. */
  function writeBroken(ext: 'wxml' | 'wxss', source: string, json = '{}') {
    const broken = path.join(dir, 'pages/broken')
    fs.mkdirSync(broken, { recursive: true })
    fs.writeFileSync(path.join(broken, 'index.json'), json)
    fs.writeFileSync(path.join(broken, `index.${ext}`), source)
  }

  test('the good page alone compiles', () => {
    expect(compileWxml(dir).files).toEqual(['pages/good/index.wxml'])
    expect(compileWxss(dir).compiled).toContain('pages/good/index.wxss')
  })

  const wxml = 'pages/broken/index.wxml'
  test.each([
    ['an unclosed tag', '<view>\n  <text>hi</view>\n', `${wxml}:2:13: expect end-tag \`text\``],
    ['an expression cut short', '<view>\n  {{a +}}\n</view>\n', `${wxml}:1:6: Bad value`],
    [
      'an unclosed wx:for mustache',
      '<view wx:for="{{items">{{item}}</view>\n',
      `${wxml}:1:13: Bad value`,
    ],
    [
      'a closing tag never opened',
      '<view>x</view>\n</foo>\n',
      `${wxml}:2:1: get tag end without start`,
    ],
    [
      'wx:elif without wx:if',
      '<view>\n  <text wx:elif="{{a}}">x</text>\n</view>\n',
      `${wxml}:2:4: Bad attr`,
    ],
  ])('wcc refuses %s, naming the file and line', (_, source, message) => {
    writeBroken('wxml', source)
    expect(() => compileWxml(dir)).toThrow(message)
  })

  const wxss = 'pages/broken/index.wxss'
  test.each([
    ['an unclosed block', '.a { color: red;\n', `${wxss}(2:1): unexpected`],
    ['a stray closing brace', '.a {\n  color: red;\n}\n}\n', `${wxss}(4:1): error at token \`}\``],
    [
      'the universal selector',
      '.a { color: red; }\n* { margin: 0; }\n',
      `${wxss}(2:1): unexpected token`,
    ],
    [
      'an import of a missing file',
      "@import './nope.wxss';\n",
      `\`./nope.wxss\` not found from \`${wxss}\``,
    ],
  ])('wcsc refuses %s, naming the file and line', (_, source, message) => {
    writeBroken('wxss', source)
    expect(() => compileWxss(dir)).toThrow(message)
  })

  test('wcsc flags a tag selector in a component, where WeChat refuses it', () => {
    writeBroken('wxss', '.a { color: red; }\nbutton.a { margin: 0; }\n', '{ "component": true }')
    expect(() => compileWxss(dir)).toThrow(
      `Some selectors are not allowed in component wxss, including tag name selectors, ID selectors, and attribute selectors.(${wxss}:2:1)`,
    )
  })
})

describe('each page renders once from its wcc-compiled template', () => {
  let warn: jest.SpyInstance
  let wxmlToJs: jest.SpyInstance
  beforeAll(() => (wxmlToJs = jest.spyOn(require('miniprogram-compiler'), 'wxmlToJs')))
  afterAll(() => wxmlToJs.mockRestore())
  beforeEach(() => (warn = jest.spyOn(console, 'warn')))
  afterEach(() => warn.mockRestore())

  test.each(PAGES)('%s', (pagePath) => {
    expect(pagePath).toMatch(/\/index$/)
    const page = simulate.render(loadPage(pageNameOf(pagePath)))
    expect(wxmlRuntime(warn.mock.calls.map((args) => args[0]))).toEqual([])
    expect(page.dom.textContent?.trim()).toBeTruthy()
    // simulate's official compiler: wcc over the whole mini-program, once per test file.
    expect(wxmlToJs.mock.calls).toEqual([[MINI, undefined]])
  })

  test('the check bites: wcc output warns of a missing import and a missing template while rendering', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'official-render-'))
    try {
      fs.writeFileSync(
        path.join(dir, 'index.wxml'),
        '<import src="./nope.wxml" />\n<view>x</view>\n<template is="missing" />\n',
      )
      const warnings: string[] = []
      gwxOf(compileWxml(dir).js, (m) => warnings.push(m))('index.wxml')?.({})
      expect(wxmlRuntime(warnings)).toEqual([
        expect.stringContaining('Path `./nope.wxml` not found'),
        expect.stringContaining('Template `missing` not found'),
      ])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
