// Cloud function `org`: the district's organisation tree and branch details.
import { orgInputs } from '../../../typings/org'
import { createMain } from '../../_shared/dispatcher'
import { branch } from './actions/branch'
import { tree } from './actions/tree'

export const main = createMain('org', orgInputs, { actions: { tree, branch } })
