// `ENV_ID=<环境 ID> npm run deploy`: builds the functions, rewrites cloudbaserc.json from their config.json files
// and deploys every function (code, timeout, runtime, timer triggers) with @cloudbase/cli. The CLI is large, so it
// runs through npx at a pinned version instead of being a dependency; log in to it once beforehand (README).
import { spawnSync } from 'child_process'
import { SUBSCRIBE_TEMPLATES, UNSET_ID_PREFIX } from '../../miniprogram/subscribe-templates'
import { buildFunctions } from './build'
import { functionConfigs, writeCloudbaserc } from './cloudbaserc'
import { REPO, isEntry } from './paths'

const CLI = '@cloudbase/cli@2.12.10'

/** The npx command line that deploys every function in cloudbaserc.json to `envId`, replacing what is there. */
const deployCommand = (envId: string) => [
  'npx',
  '--yes',
  `--package=${CLI}`,
  'tcb',
  'fn',
  'deploy',
  '--all',
  '--force',
  '-e',
  envId,
]

async function main() {
  const envId = process.env.ENV_ID
  if (!envId) throw new Error('set ENV_ID to the CloudBase environment id')
  await buildFunctions()
  const functions = functionConfigs()
  writeCloudbaserc(functions)
  const unset = Object.entries(SUBSCRIBE_TEMPLATES)
    .filter(([, t]) => t.id.startsWith(UNSET_ID_PREFIX))
    .map(([key]) => key)
  if (unset.length)
    console.warn(
      `subscription templates without an id (miniprogram/subscribe-templates.ts): ${unset.join(', ')}; ` +
        'those messages will fail until they are set',
    )
  const [command, ...args] = deployCommand(envId)
  const run = spawnSync(command, args, { cwd: REPO, stdio: 'inherit' })
  if (run.status !== 0) process.exit(run.status ?? 1)
  const openapi = functions.filter((f) => f.config.permissions?.openapi?.length)
  console.log(
    `deployed ${functions.length} functions to ${envId}. WeChat registers cloud-call permissions only when a ` +
      'function is uploaded from the developer tool: upload these once there, and again when their ' +
      `config.json openapi list changes: ${openapi.map((f) => f.name).join(', ')}`,
  )
}

if (isEntry(module)) {
  main().catch((err) => {
    console.error('deploy failed:', err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
