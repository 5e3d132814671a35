// The lock must install on the machines that deploy this project (WeChat DevTools runs on Windows and macOS):
// `npm ci` refuses a lock that lacks any platform's optional binary ("Missing: … from lock file").
import fs from 'fs'
import path from 'path'

type LockEntry = {
  optional?: boolean
  os?: string[]
  optionalDependencies?: Record<string, string>
}
const lock = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../package-lock.json'), 'utf8'),
) as { lockfileVersion: number; packages: Record<string, LockEntry> }
const entries = lock.packages

/** Where npm would find `name` for the package at `from`: its own node_modules, then each parent's. */
function resolve(from: string, name: string): string | undefined {
  let dir = from
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`
    if (entries[candidate]) return candidate
    if (!dir) return undefined
    const cut = dir.lastIndexOf('/node_modules/')
    dir = cut < 0 ? '' : dir.slice(0, cut)
  }
}

const withNativeOptionals = Object.entries(entries).filter(([, e]) =>
  Object.keys(e.optionalDependencies ?? {}).some((name) => {
    const os = entries[resolve('', name) ?? '']?.os
    return os?.includes('linux')
  }),
)

describe('package-lock.json', () => {
  test('is a v3 lock', () => {
    expect(lock.lockfileVersion).toBe(3)
  })

  test('lists every optional dependency of every locked package, for every platform', () => {
    const missing = Object.entries(entries).flatMap(([at, e]) =>
      Object.keys(e.optionalDependencies ?? {})
        .filter((name) => !resolve(at, name))
        .map((name) => `${at || '(root)'} → ${name}`),
    )
    expect(missing).toEqual([])
  })

  test('has darwin and win32 binaries wherever it has a linux one', () => {
    // jest's resolver (unrs), its watcher and esbuild ship one binary package per platform.
    expect(withNativeOptionals.length).toBeGreaterThanOrEqual(3)
    const gaps = withNativeOptionals.flatMap(([at, e]) => {
      const systems = new Set(
        Object.keys(e.optionalDependencies ?? {}).flatMap(
          (name) => entries[resolve(at, name) ?? '']?.os ?? [],
        ),
      )
      return ['darwin', 'win32'].filter((os) => !systems.has(os)).map((os) => `${at}: no ${os}`)
    })
    expect(gaps).toEqual([])
  })
})
