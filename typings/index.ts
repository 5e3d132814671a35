// The contract: every cloud function, its actions, their input schemas and output types.
import type { z } from 'zod'
import { checkinInputs, type CheckinOutputs } from './checkin'
import { memberInputs, type MemberOutputs } from './member'
import { orgInputs, type OrgOutputs } from './org'

export * from './checkin'
export * from './common'
export * from './member'
export * from './org'
export * from './participation'

/** Input schemas by function and action; the cloud functions validate with these. */
export const contract = {
  member: memberInputs,
  org: orgInputs,
  checkin: checkinInputs,
}

type Outputs = {
  member: MemberOutputs
  org: OrgOutputs
  checkin: CheckinOutputs
}

export type FunctionName = keyof typeof contract
export type ActionName<F extends FunctionName> = keyof (typeof contract)[F] & string
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<
  (typeof contract)[F][A] extends z.ZodType ? (typeof contract)[F][A] : never
>
export type ActionOutput<
  F extends FunctionName,
  A extends ActionName<F>,
> = A extends keyof Outputs[F] ? Outputs[F][A] : never
