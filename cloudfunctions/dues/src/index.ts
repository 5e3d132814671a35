// Cloud function `dues` (党费): declaring and confirming the base, paying a month through WeChat Pay (cloud
// payment, whose result callback names this function), the branch's 交纳 register, and reminders on the 25th.
import { duesInputs } from '../../../typings/dues'
import { monthOf, now } from '../../_shared/clock'
import { createMain } from '../../_shared/dispatcher'
import { byBranch } from './actions/branches'
import { correct } from './actions/correct'
import { declareBase, myDues, pay } from './actions/member'
import { confirmBase, register, setFixedAmount } from './actions/register'
import { applyPaymentResult, isPaymentResult } from './payment'
import { remindDues } from './remind'

export const main = createMain('dues', duesInputs, {
  actions: { myDues, declareBase, pay, register, byBranch, confirmBase, setFixedAmount, correct },
  timers: { remindDues: () => remindDues(monthOf(now())) },
  paymentResult: (event) => (isPaymentResult(event) ? applyPaymentResult(event) : null),
})
