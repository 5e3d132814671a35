// The main package stays within its budget; officer pages and new domains go into subpackages (分包).
// Measured as DevTools uploads it with `minified: true`: each TypeScript file compiled and minified on its
// own, every other file as it is.
import { transformSync } from 'esbuild'
import fs from 'fs'
import path from 'path'

const ROOT = path.join(__dirname, '../../miniprogram')
const BUDGET_BYTES = 200 * 1024

type AppJson = { subpackages?: { root: string }[]; subPackages?: { root: string }[] }
const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as AppJson
const subpackageRoots = [...(app.subpackages ?? []), ...(app.subPackages ?? [])].map((p) =>
  path.join(ROOT, p.root),
)

function uploadedBytes(file: string): number {
  if (!file.endsWith('.ts')) return fs.statSync(file).size
  const source = fs.readFileSync(file, 'utf8')
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', minify: true })
  return Buffer.byteLength(code)
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? files(full) : e.name.endsWith('.d.ts') ? [] : [full]
  })
}

test('the main package is within 200 KB as uploaded (minified)', () => {
  const inSubpackage = (f: string) => subpackageRoots.some((root) => f.startsWith(root + path.sep))
  const main = files(ROOT).filter((f) => !inSubpackage(f))
  const bytes = main.reduce((sum, f) => sum + uploadedBytes(f), 0)
  console.log(`main package: ${bytes} bytes of ${BUDGET_BYTES} (${main.length} files)`)
  expect(main.length).toBeGreaterThan(50)
  expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES)
})
