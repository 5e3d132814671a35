// cloudbaserc.json (what `tcb fn deploy --all` and `npm run deploy` read) against the functions' own config.json.
import fs from 'fs'
import {
  CLOUDBASERC,
  RUNTIME,
  cloudbaserc,
  cloudbasercText,
  functionConfigs,
} from '../../emulator/scripts/cloudbaserc'

const functions = functionConfigs()
const committed = fs.readFileSync(CLOUDBASERC, 'utf8')

// After changing a config.json: npm run cloudbaserc.
test('the committed cloudbaserc.json is exactly what the generator writes from today’s config.json files', () => {
  expect(committed).toBe(cloudbasercText(functions))
})

test('every function deploys with its config.json timeout and timer triggers, on the built runtime', () => {
  const deployed = JSON.parse(committed) as ReturnType<typeof cloudbaserc>
  expect(deployed.envId).toBe('{{env.ENV_ID}}')
  expect(deployed.functions.map((f) => f.name)).toEqual(functions.map((f) => f.name))
  for (const { name, config } of functions) {
    const f = deployed.functions.find((d) => d.name === name)
    expect(f).toMatchObject({ handler: 'index.main', runtime: RUNTIME, timeout: config.timeout })
    expect(f?.triggers ?? []).toEqual(config.triggers ?? [])
  }
  expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(['stats', 'orglife', 'wish']))
})

test('timeouts are within CloudBase’s 1–60 s and every timer cron has WeChat’s 7 fields', () => {
  for (const { name, config } of functions) {
    expect([name, config.timeout >= 1 && config.timeout <= 60]).toEqual([name, true])
    for (const t of config.triggers ?? [])
      expect([name, t.name, t.type, t.config.trim().split(/\s+/).length]).toEqual([
        name,
        t.name,
        'timer',
        7,
      ])
  }
})

test('a config.json with environment variables passes them on; without, none are sent to replace the console’s', () => {
  const [plain] = cloudbaserc([{ name: 'x', config: { timeout: 5, envVariables: {} } }]).functions
  expect(plain).not.toHaveProperty('envVariables')
  const [withVars] = cloudbaserc([
    { name: 'x', config: { timeout: 5, envVariables: { DISTRICT_ADMIN_OPENIDS: 'o1' } } },
  ]).functions
  expect(withVars).toMatchObject({ envVariables: { DISTRICT_ADMIN_OPENIDS: 'o1' } })
})
