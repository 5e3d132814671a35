import fs from 'node:fs'
import path from 'node:path'

export interface TriggerConfig {
  name: string
  type: string
  config: string
}
export interface FunctionConfig {
  timeout?: number
  envVariables?: Record<string, string>
  triggers?: TriggerConfig[]
}
export interface FunctionInfo {
  name: string
  file: string
  mtimeMs: number
  config: FunctionConfig
}

/** A deployable function: `<root>/<name>/index.js` (the built bundle), not a `_`-prefixed helper folder. */
export function findFunction(root: string, name: string): FunctionInfo | undefined {
  if (
    !name ||
    name.startsWith('_') ||
    name.startsWith('.') ||
    name.includes('/') ||
    name.includes('\\')
  )
    return undefined
  const file = path.join(root, name, 'index.js')
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    return undefined
  }
  let config: FunctionConfig = {}
  try {
    config = JSON.parse(
      fs.readFileSync(path.join(root, name, 'config.json'), 'utf8'),
    ) as FunctionConfig
  } catch {
    // config.json is optional locally.
  }
  return { name, file, mtimeMs: stat.mtimeMs, config }
}

export function listFunctions(root: string): FunctionInfo[] {
  let names: string[] = []
  try {
    names = fs.readdirSync(root)
  } catch {
    return []
  }
  return names
    .sort()
    .map((n) => findFunction(root, n))
    .filter((f): f is FunctionInfo => !!f)
}
