// The contract: every cloud function, its actions, their input schemas and output types.
import type { z } from 'zod'
import { checkinInputs, type CheckinOutputs } from './checkin'
import { communityInputs, type CommunityOutputs } from './community'
import { duesInputs, type DuesOutputs } from './dues'
import { interactInputs, type InteractOutputs } from './interact'
import { memberInputs, type MemberOutputs } from './member'
import { orgInputs, type OrgOutputs } from './org'
import { orglifeInputs, type OrglifeOutputs } from './orglife'
import { registerInputs, type RegisterOutputs } from './register'
import { statsInputs, type StatsOutputs } from './stats'
import { studyInputs, type StudyOutputs } from './study'
import { todoInputs, type TodoOutputs } from './todo'
import { wishInputs, type WishOutputs } from './wish'

export * from './checkin'
export * from './community'
export * from './common'
export * from './dues'
export * from './interact'
export * from './member'
export * from './org'
export * from './orglife'
export * from './participation'
export * from './register'
export * from './stats'
export * from './study'
export * from './todo'
export * from './transfer'
export * from './wish'

/** Input schemas by function and action; the cloud functions validate with these. */
export const contract = {
  member: memberInputs,
  org: { ...orgInputs, ...registerInputs },
  orglife: orglifeInputs,
  interact: interactInputs,
  checkin: checkinInputs,
  wish: wishInputs,
  community: communityInputs,
  stats: statsInputs,
  dues: duesInputs,
  study: studyInputs,
  todo: todoInputs,
}

type Outputs = {
  member: MemberOutputs
  org: OrgOutputs & RegisterOutputs
  orglife: OrglifeOutputs
  interact: InteractOutputs
  checkin: CheckinOutputs
  wish: WishOutputs
  community: CommunityOutputs
  stats: StatsOutputs
  dues: DuesOutputs
  study: StudyOutputs
  todo: TodoOutputs
}

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionName<F extends FunctionName> = keyof Contract[F] & string
type SchemaOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends z.ZodType
  ? Contract[F][A]
  : never
/** What a page sends: the schema's input (optional fields may be left out). */
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<SchemaOf<F, A>>
/** What an action's `run` receives: the input as its schema parsed it (defaults filled in). */
export type ParsedInput<F extends FunctionName, A extends ActionName<F>> = z.output<SchemaOf<F, A>>
export type ActionOutput<
  F extends FunctionName,
  A extends ActionName<F>,
> = A extends keyof Outputs[F] ? Outputs[F][A] : never
