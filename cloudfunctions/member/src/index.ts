// Cloud function `member`: registration (with WeChat's phone number), review, the branch directory, roles.
import { memberInputs } from '../../../typings/member'
import { createMain } from '../../_shared/dispatcher'
import { directory } from './actions/directory'
import { me } from './actions/me'
import { phoneFromCode } from './actions/phone'
import { register } from './actions/register'
import { approve, reject } from './actions/review'
import { setRole } from './actions/set-role'

export const main = createMain('member', memberInputs, {
  actions: { register, me, approve, reject, directory, setRole, phoneFromCode },
})
