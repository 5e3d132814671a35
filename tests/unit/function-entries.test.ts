// Every cloud function's `main` is the one createMain makes, and its timers are exactly the timer triggers its
// config.json declares (the platform runs a trigger by name; a name with no timer would answer INVALID_ARGUMENT).
import fs from 'fs'
import path from 'path'
import { functionEntries } from '../../cloudfunctions/_shared/dispatcher'

const ROOT = path.join(__dirname, '../../cloudfunctions')
const FUNCTIONS = fs
  .readdirSync(ROOT)
  .filter((d) => !d.startsWith('_') && fs.existsSync(path.join(ROOT, d, 'src/index.ts')))

type Config = { triggers?: { name: string; type: string }[] }

test.each(FUNCTIONS)(
  '%s: main comes from createMain, with a timer for each of its triggers',
  (fn) => {
    const { main } = require(path.join(ROOT, fn, 'src/index.ts'))
    const entry = functionEntries.get(fn)
    expect(entry?.main).toBe(main)
    const config: Config = JSON.parse(fs.readFileSync(path.join(ROOT, fn, 'config.json'), 'utf8'))
    const triggers = (config.triggers ?? []).filter((t) => t.type === 'timer').map((t) => t.name)
    expect([...(entry?.timers ?? [])].sort()).toEqual(triggers.sort())
  },
)

test('WeChat’s media-check pushes reach interact and no other function', () => {
  expect([...functionEntries].filter(([, e]) => e.pushes.length).map(([fn]) => fn)).toEqual([
    'interact',
  ])
})
