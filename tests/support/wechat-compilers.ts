// WeChat's own WXML (wcc) and WXSS (wcsc) compilers, shipped by miniprogram-compiler, run over a whole
// mini-program the way DevTools does: miniprogram-simulate's stylesheet path (postcss) accepts what they refuse.
import { spawnSync } from 'child_process'
import fs from 'fs'
import path from 'path'

const PLATFORM_DIRS: Partial<Record<NodeJS.Platform, [string, string]>> = {
  linux: ['linux', ''],
  darwin: ['mac', ''],
  win32: ['windows', '.exe'],
}

/** The binary, made executable first: the published package ships the Linux binaries without their x bit. */
function binary(name: 'wcc' | 'wcsc'): string {
  const dir = PLATFORM_DIRS[process.platform]
  if (!dir) throw new Error(`miniprogram-compiler has no ${name} for ${process.platform}`)
  const bin = path.join(
    __dirname,
    '../../node_modules/miniprogram-compiler/bin',
    dir[0],
    name + dir[1],
  )
  try {
    fs.accessSync(bin, fs.constants.X_OK)
  } catch {
    fs.chmodSync(bin, 0o755)
  }
  return bin
}

/** Files under `root` ending in `ext`, relative with forward slashes, sorted (node_modules skipped). */
export function filesOf(root: string, ext: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith(ext) && !f.startsWith('node_modules/'))
    .sort()
}

/** The page or component JSON beside `file` (foo/index.wxml → foo/index.json), if there is one. */
function jsonBeside(
  root: string,
  file: string,
): { component?: boolean; usingComponents?: Record<string, string> } | null {
  const json = path.join(root, file.replace(/\.\w+$/, '.json'))
  return fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, 'utf8')) : null
}

/** Runs a compiler in `root`; its own message (file, line, column) is the error, and any stderr output counts. */
function run(name: 'wcc' | 'wcsc', root: string, args: string[]): string {
  const done = spawnSync(binary(name), args, { cwd: root, maxBuffer: 64 * 1024 * 1024 })
  if (done.error) throw done.error
  const stderr = done.stderr.toString().trim()
  if (done.status !== 0 || stderr) throw new Error(`${name} (exit ${done.status}): ${stderr}`)
  return done.stdout.toString()
}

/**
 * Compiles every .wxml (and .wxs) under `root` in one wcc run, with each page's and component's custom tags
 * declared, as DevTools does; returns the generated JS that defines `$gwx`.
 */
export function compileWxml(root: string): { files: string[]; js: string } {
  const files = filesOf(root, '.wxml')
  const custom = files.flatMap((f) => {
    const tags = Object.keys(jsonBeside(root, f)?.usingComponents ?? {})
    return tags.length ? [[f, tags.length, ...tags].join(' ')] : []
  })
  const js = run('wcc', root, [
    '-d',
    '-cc',
    [custom.length, ...custom].join(' '),
    ...files,
    ...filesOf(root, '.wxs'),
    '-gn',
    '$gwx',
  ])
  return { files, js }
}

/**
 * Compiles every .wxss under `root` in one wcsc run: pages', components' and app.wxss (those with a JSON beside
 * them) first as roots, the rest as imports; returns the files and the names of the compiled stylesheets.
 * A component's stylesheet may not use tag, ID or attribute selectors: wcsc compiles them into a message
 * the base library prints when the component is shown, so that message fails here.
 */
export function compileWxss(root: string): { files: string[]; compiled: string[] } {
  const all = filesOf(root, '.wxss')
  const roots = all.filter((f) => jsonBeside(root, f))
  const files = [...roots, ...all.filter((f) => !roots.includes(f))]
  const out = run('wcsc', root, ['-db', '-pc', String(roots.length), ...files])
  // The output is `key=value=key=value…`; values are escaped JS, so `=` appears only as a separator.
  const parts = out.split('=')
  const sheets = parts
    .map((key, i) => [key, parts[i + 1]] as const)
    .filter(([key], i) => i % 2 === 0 && key.endsWith('.wxss'))
  const refused = sheets.flatMap(([key, js]) => {
    const message = /Some selectors are not allowed in component wxss[^(]*\([^)]*\)/.exec(js)
    return message && jsonBeside(root, key)?.component ? [message[0]] : []
  })
  if (refused.length) throw new Error(`wcsc: ${refused.join('\n')}`)
  return { files, compiled: sheets.map(([key]) => key) }
}
