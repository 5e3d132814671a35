// A branch's monthly minimums live on its org document; a branch that never set them uses the defaults.
import { DEFAULT_MINIMUMS, type Minimums } from '../../typings/participation'
import type { OrgDoc } from './records'

export function minimumsOf(branch: Pick<OrgDoc, 'minimums'> | null | undefined): Minimums {
  return { ...DEFAULT_MINIMUMS, ...(branch?.minimums ?? {}) }
}
