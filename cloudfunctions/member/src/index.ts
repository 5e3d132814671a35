// Cloud function `member`: registration (with WeChat's phone number), review, the branch directory, roles
// and the district admin's search for whom to appoint.
import { memberInputs } from '../../../typings/member'
import { createMain } from '../../_shared/dispatcher'
import { directory, revealPhone } from './actions/directory'
import { history, markLeft } from './actions/lifecycle'
import { me } from './actions/me'
import { phoneFromCode } from './actions/phone'
import { register } from './actions/register'
import { approve, reject } from './actions/review'
import { search } from './actions/search'
import { setRole } from './actions/set-role'
import { vacancies } from './actions/vacancies'
import {
  acceptTransfer,
  refuseTransfer,
  releaseTransfer,
  transferQueue,
} from './actions/transfer-decide'
import { myTransfers, requestTransfer, withdrawTransfer } from './actions/transfer-request'

export const main = createMain('member', memberInputs, {
  actions: {
    ...{ register, me, approve, reject, directory, revealPhone, setRole, phoneFromCode, search },
    vacancies,
    // 组织关系接转 and leaving (transfer-request, transfer-decide, lifecycle)
    ...{ requestTransfer, withdrawTransfer, myTransfers },
    ...{ releaseTransfer, acceptTransfer, refuseTransfer, transferQueue },
    ...{ history, markLeft },
  },
})
