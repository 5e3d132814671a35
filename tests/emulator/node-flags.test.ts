// `npm start` runs the emulator with the V8 flags the benches measure it with: a script that calls
// relaunchWithFlags without them runs again as a child that has them, and its parent ends with the child's code.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { EMULATOR_V8_FLAGS } from '../../emulator/src/node-flags'
import { REPO, tempDir } from './helpers'

test('a script without the flags runs again with them, and exits with its code', () => {
  const dir = tempDir('node-flags')
  try {
    const script = path.join(dir, 'script.ts')
    fs.writeFileSync(
      script,
      `import { relaunchWithFlags } from ${JSON.stringify(path.join(REPO, 'emulator/src/node-flags'))}
if (!relaunchWithFlags()) {
  console.log('CHILD ' + JSON.stringify(process.execArgv))
  process.exit(7)
}
`,
    )
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 30_000,
    })
    const lines = run.stdout.split('\n').filter((l) => l.startsWith('CHILD '))
    // One child, which has every flag; the parent relays its exit code.
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0].slice('CHILD '.length))).toEqual(
      expect.arrayContaining(EMULATOR_V8_FLAGS),
    )
    expect(run.status).toBe(7)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
