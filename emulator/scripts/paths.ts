// Where things live, for the tooling scripts.
import path from 'path'

export const REPO = path.resolve(__dirname, '../..')
export const FUNCTIONS_ROOT = path.join(REPO, 'cloudfunctions')
export const DEFAULT_DATA_DIR = path.join(REPO, '.data')

/** True when this file is the script node was asked to run (the repo's tsconfig also loads mini-program typings, whose `require` has no `main`). */
export function isEntry(mod: object): boolean {
  return (require as unknown as NodeRequire).main === mod
}
