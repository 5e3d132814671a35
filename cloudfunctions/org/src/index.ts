// Cloud function `org`: the district's organisation tree and branch details, 组织概况 and the district's
// settings, and the organisation register (communities, 联合党总支, branches, 两新 organisations, coverage).
import { orgInputs } from '../../../typings/org'
import { registerInputs } from '../../../typings/register'
import { createMain } from '../../_shared/dispatcher'
import { branch } from './actions/branch'
import { createBranch, retireBranch, updateBranch } from './actions/branches'
import { createCommunity, retireCommunity, updateCommunity } from './actions/communities'
import {
  createGeneralBranch,
  placeBranch,
  retireGeneralBranch,
  updateGeneralBranch,
} from './actions/general-branches'
import { createOrganization, organizations, updateOrganization } from './actions/organizations'
import { mergeBranches, moveBranch } from './actions/branch-changes'
import { overview } from './actions/overview'
import { coverage, register } from './actions/register'
import { updateSettings } from './actions/settings'
import { tree } from './actions/tree'

export const main = createMain(
  'org',
  { ...orgInputs, ...registerInputs },
  {
    actions: {
      tree,
      branch,
      overview,
      updateSettings,
      register,
      createCommunity,
      updateCommunity,
      retireCommunity,
      createBranch,
      updateBranch,
      retireBranch,
      createGeneralBranch,
      updateGeneralBranch,
      retireGeneralBranch,
      placeBranch,
      mergeBranches,
      moveBranch,
      organizations,
      createOrganization,
      updateOrganization,
      coverage,
    },
  },
)
