// Cloud function `org`: the district's organisation tree and branch details, 组织概况 and the district's
// settings.
import { orgInputs } from '../../../typings/org'
import { createMain } from '../../_shared/dispatcher'
import { branch } from './actions/branch'
import { overview } from './actions/overview'
import { updateSettings } from './actions/settings'
import { tree } from './actions/tree'

export const main = createMain('org', orgInputs, {
  actions: { tree, branch, overview, updateSettings },
})
