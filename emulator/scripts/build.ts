// `npm run build`: bundle each cloudfunctions/<fn>/src/index.ts into cloudfunctions/<fn>/index.js,
// the file WeChat deploys. The function's package.json dependencies (wx-server-sdk; exceljs for stats) stay external:
// the platform installs them per function. Shared code, zod and dayjs are inlined.
import { build } from 'esbuild'
import fs from 'fs'
import path from 'path'
import { FUNCTIONS_ROOT, isEntry } from './paths'

export function functionNames(): string[] {
  return fs
    .readdirSync(FUNCTIONS_ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .filter((d) => fs.existsSync(path.join(FUNCTIONS_ROOT, d.name, 'src/index.ts')))
    .map((d) => d.name)
}

export async function buildFunctions(): Promise<string[]> {
  const names = functionNames()
  await Promise.all(
    names.map(async (name) => {
      const dir = path.join(FUNCTIONS_ROOT, name)
      for (const required of ['package.json', 'config.json']) {
        if (!fs.existsSync(path.join(dir, required)))
          throw new Error(`${name}: missing ${required}`)
      }
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      await build({
        entryPoints: [path.join(dir, 'src/index.ts')],
        outfile: path.join(dir, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: Object.keys(manifest.dependencies ?? {}),
        legalComments: 'none',
        logLevel: 'warning',
      })
    }),
  )
  return names
}

if (isEntry(module)) {
  buildFunctions().then(
    (names) => console.log(`built ${names.length} cloud functions: ${names.join(', ')}`),
    (err) => {
      console.error(err)
      process.exit(1)
    },
  )
}
