// Cloud function `member`: registration (with WeChat's phone number), review, the branch directory, roles.
import { type MemberOutputs, memberInputs } from '../../../typings/member'
import { createHandler } from '../../_shared/dispatcher'
import { directory } from './actions/directory'
import { describe } from './actions/names'
import { phoneFromCode } from './actions/phone'
import { register } from './actions/register'
import { approve, reject } from './actions/review'
import { setRole } from './actions/set-role'

export const main = createHandler<typeof memberInputs, MemberOutputs>('member', memberInputs, {
  register: { audience: 'anyone', run: register },
  me: { audience: 'anyone', run: async ({ caller }) => ({ me: await describe(caller) }) },
  approve: { audience: 'member', roles: ['secretary'], run: approve },
  reject: { audience: 'member', roles: ['secretary'], run: reject },
  directory: { audience: 'member', run: directory },
  setRole: { audience: 'member', roles: ['districtAdmin', 'secretary'], run: setRole },
  // Guests use it while registering.
  phoneFromCode: { audience: 'anyone', run: phoneFromCode },
})
