// cloudbaserc.json, the @cloudbase/cli configuration, generated from each cloudfunctions/<fn>/config.json so the
// two cannot drift: `npm run deploy` rewrites it before deploying, and a test checks that the committed copy is
// what this produces, so `tcb fn deploy --all` straight from the repository deploys the same functions.
// config.json's permissions.openapi has no place here: tcb deploys through Tencent Cloud, and WeChat takes the
// cloud-call permissions when a function is uploaded from the developer tool (README, 部署到真实云开发环境).
import { execFileSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { functionNames } from './build'
import { FUNCTIONS_ROOT, REPO, isEntry } from './paths'

export type Trigger = { name: string; type: 'timer'; config: string }

/** cloudfunctions/<fn>/config.json, the file WeChat's developer tool reads. */
export type FunctionConfig = {
  timeout: number
  permissions?: { openapi?: string[] }
  envVariables?: Record<string, string>
  triggers?: Trigger[]
}

export type DeployedFunction = { name: string; config: FunctionConfig }

/** The runtime the bundles are built for (build.ts targets node16). */
export const RUNTIME = 'Nodejs16.13'

export const CLOUDBASERC = path.join(REPO, 'cloudbaserc.json')

export function functionConfigs(): DeployedFunction[] {
  return functionNames().map((name) => ({
    name,
    config: JSON.parse(
      fs.readFileSync(path.join(FUNCTIONS_ROOT, name, 'config.json'), 'utf8'),
    ) as FunctionConfig,
  }))
}

export function cloudbaserc(functions: DeployedFunction[]) {
  return {
    version: '2.0',
    // Read from .env by tcb; `npm run deploy` passes ENV_ID with -e instead.
    envId: '{{env.ENV_ID}}',
    functionRoot: './cloudfunctions',
    functions: functions.map(({ name, config }) => ({
      name,
      handler: 'index.main',
      runtime: RUNTIME,
      timeout: config.timeout,
      // package.json names what build.ts keeps external; everything else is bundled into index.js, so src/ stays home.
      installDependency: true,
      ignore: ['src/**', 'node_modules/**'],
      // Deploying variables replaces the function's whole set, so none are sent unless config.json has some
      // (DISTRICT_ADMIN_OPENIDS set in the console then survives a deploy).
      ...(Object.keys(config.envVariables ?? {}).length
        ? { envVariables: config.envVariables }
        : {}),
      // Timer crons keep WeChat's 7 fields (second … year), which tcb takes as they are.
      ...(config.triggers?.length ? { triggers: config.triggers } : {}),
    })),
  }
}

/**
 * The file as committed: the generated object in the repository's prettier style. Through prettier's CLI, since
 * its API loads ESM dynamically, which jest cannot do.
 */
export function cloudbasercText(functions: DeployedFunction[]): string {
  const cli = (require as unknown as NodeRequire).resolve('prettier/bin/prettier.cjs')
  return execFileSync(process.execPath, [cli, '--stdin-filepath', CLOUDBASERC], {
    input: JSON.stringify(cloudbaserc(functions)),
    encoding: 'utf8',
  })
}

export function writeCloudbaserc(functions = functionConfigs()): void {
  fs.writeFileSync(CLOUDBASERC, cloudbasercText(functions))
}

if (isEntry(module)) {
  writeCloudbaserc()
  console.log(`wrote ${path.relative(process.cwd(), CLOUDBASERC)}`)
}
