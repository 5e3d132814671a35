// Cloud function `member`: registration (with WeChat's phone number), review, the branch directory, roles.
import { memberInputs } from '../../../typings/member'
import { createMain } from '../../_shared/dispatcher'
import { directory } from './actions/directory'
import { describe } from './actions/names'
import { phoneFromCode } from './actions/phone'
import { register } from './actions/register'
import { approve, reject } from './actions/review'
import { setRole } from './actions/set-role'

export const main = createMain('member', memberInputs, {
  actions: {
    register: { audience: 'anyone', scope: ['public'], run: register },
    me: {
      audience: 'anyone',
      scope: ['self'],
      run: async ({ caller }) => ({ me: await describe(caller) }),
    },
    approve: { audience: 'member', roles: ['secretary'], scope: ['secretary'], run: approve },
    reject: { audience: 'member', roles: ['secretary'], scope: ['secretary'], run: reject },
    directory: {
      audience: 'member',
      scope: ['branch', 'communityAdmin', 'districtAdmin'],
      run: directory,
    },
    setRole: {
      audience: 'member',
      roles: ['districtAdmin', 'secretary'],
      // The district appoints secretaries and community admins anywhere; a secretary, their branch's 信息员.
      scope: {
        by: 'role',
        cases: {
          infoOfficer: ['secretary'],
          secretary: ['districtAdmin'],
          communityAdmin: ['districtAdmin'],
        },
      },
      run: setRole,
    },
    // Guests use it while registering.
    phoneFromCode: { audience: 'anyone', scope: ['self'], run: phoneFromCode },
  },
})
