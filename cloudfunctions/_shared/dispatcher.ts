// Every cloud function's one entry (createMain): actions — validate → identify the caller (OPENID) → check
// audience and roles → run — and the platform's timer triggers and pushes, all answered in one envelope by
// one error mapper.
import { randomUUID } from 'crypto'
import { z } from 'zod'
import { zhCN } from 'zod/locales'
import type { ActionName, ActionOutput, Contract, FunctionName, ParsedInput } from '../../typings'
import type { Fail, Reply } from '../../typings/common'
import type { Role } from '../../typings/member'
import { getCloud } from './cloud'
import { type Caller, activeMember, loadCaller } from './caller'
import { AppError } from './errors'
import { type TimerEvent, fromPlatform, isTimerEvent } from './timer'

z.config(zhCN())

/**
 * Who may call an action before any scope check:
 * - anyone: any WeChat user, registered or not (registration, the org tree);
 * - member: an active party member;
 * - resident: a registered resident;
 * - registered: an active member or a resident.
 */
export type Audience = 'anyone' | 'member' | 'resident' | 'registered'

export type ActionContext = { caller: Caller; requestId: string }

/**
 * Who may act on what the payload aims at (the target: an object, or a branch or community named by id);
 * any one grant suffices, on top of audience and roles. `run` checks it; tests/functions/auth-matrix holds
 * every action to what it declares.
 * - self: the caller's own records only; public: data everyone in the audience may read or use;
 * - ownBranch / ownCommunity: the caller's own branch / community, which they must have;
 * - owner: whoever created, claimed or signed up for the target;
 * - branch: an active member of the target's branch; secretary: that branch's secretary;
 * - community: a member or resident of the target's community; communityAdmin: its admin;
 * - districtAdmin: a district admin;
 * - readers: whoever may read the target (its visibility or state decides).
 */
export type Grant =
  | 'self'
  | 'public'
  | 'ownBranch'
  | 'ownCommunity'
  | 'owner'
  | 'branch'
  | 'secretary'
  | 'community'
  | 'communityAdmin'
  | 'districtAdmin'
  | 'readers'

/** The grants, or, where one input field changes them (a role to appoint, a kind of images), per value. */
export type Scope = readonly Grant[] | { by: string; cases: Record<string, readonly Grant[]> }

export type ActionDef<I, O> = {
  audience: Audience
  /** When set, the caller must hold one of these roles. */
  roles?: readonly Role[]
  scope: Scope
  run: (ctx: ActionContext, input: I) => Promise<O>
}

type Schemas = Record<string, z.ZodType>
export type Handlers<S extends Schemas, O extends Record<keyof S, unknown>> = {
  [A in keyof S]: ActionDef<z.output<S[A]>, O[A]>
}
/** A function's actions, each typed by the contract: its parsed input and its output. */
export type ActionsOf<F extends FunctionName> = {
  [A in ActionName<F>]: ActionDef<ParsedInput<F, A>, ActionOutput<F, A>>
}

/** One action of the contract in one declaration: who may call it, and `run`, whose input and output types
 * come from the contract's entry for `fn.action` (NoInfer: from the names alone, so that `run`'s literals
 * are checked against the output type rather than widened). */
export const defineAction = <F extends FunctionName, A extends ActionName<F>>(
  _fn: F,
  _action: A,
  def: NoInfer<ActionDef<ParsedInput<F, A>, ActionOutput<F, A>>>,
) => def

type AnyActions = Record<string, ActionDef<unknown, unknown>>

type Event = { action?: unknown; payload?: unknown }
type Context = { request_id?: string }

const fail = (code: Fail['code'], message: string, requestId?: string): Fail => ({
  ok: false,
  code,
  message,
  ...(requestId ? { requestId } : {}),
})

const has = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key)

/** The one error mapper: deliberate errors keep their code; anything else is logged with the request id and
 * answered INTERNAL, never with internals. */
async function settle<T>(
  label: string,
  requestId: string,
  run: () => Promise<T>,
): Promise<Reply<T>> {
  try {
    return { ok: true, data: await run() }
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message)
    console.error(`[${label}] request ${requestId} failed:`, err)
    return fail('INTERNAL', '服务暂时不可用，请稍后重试', requestId)
  }
}

function authorise(caller: Caller, audience: Audience, roles?: readonly Role[]) {
  if (roles?.length) {
    if (!roles.some((r) => caller.roles.has(r))) {
      activeMember(caller) // says why when the caller is not even an active member
      throw new AppError('PERMISSION_DENIED', '您没有权限进行此操作')
    }
    return
  }
  if (audience === 'member') activeMember(caller)
  if (audience === 'resident' && !caller.resident)
    throw new AppError('PERMISSION_DENIED', '请先登记为居民')
  if (audience === 'registered' && !caller.resident) activeMember(caller)
}

/** Every action table created in this process, by function name (one in a deployed bundle; all in tests). */
export const actionTables = new Map<string, { schemas: Schemas; actions: AnyActions }>()

function dispatcher(fnName: string, schemas: Schemas, actions: AnyActions) {
  actionTables.set(fnName, { schemas, actions })
  return async function dispatch(event: Event, context?: Context): Promise<Reply<unknown>> {
    const requestId = context?.request_id || randomUUID()
    const action = typeof event?.action === 'string' ? event.action : ''
    if (!has(actions, action)) return fail('INVALID_ARGUMENT', '不支持的操作')
    const def = actions[action]
    const parsed = schemas[action].safeParse(event.payload ?? {})
    if (!parsed.success) {
      return fail('INVALID_ARGUMENT', parsed.error.issues[0]?.message ?? '请求参数有误')
    }
    const openid = getCloud().getWXContext().OPENID
    if (!openid) return fail('UNAUTHENTICATED', '请在微信中打开小程序')
    return settle(`${fnName}.${action}`, requestId, async () => {
      const needsMember = def.audience !== 'resident' || !!def.roles?.length
      const needsResident = def.audience === 'resident' || def.audience === 'registered'
      const caller = await loadCaller(openid, {
        member: needsMember || def.audience === 'anyone',
        resident: needsResident || def.audience === 'anyone',
      })
      authorise(caller, def.audience, def.roles)
      return def.run({ caller, requestId }, parsed.data)
    })
  }
}

/** An action table outside the contract (the dispatcher's own tests); functions use createMain. */
export function createHandler<S extends Schemas, O extends Record<keyof S, unknown>>(
  fnName: string,
  schemas: S,
  handlers: Handlers<S, O>,
) {
  return dispatcher(fnName, schemas, handlers as AnyActions)
}

/** A timer trigger's work, by the trigger's name in config.json; it gets the event (a function calling itself
 * with a timer event may add to it). */
export type Timer = (event: TimerEvent) => Promise<unknown>
/** A 消息推送 handler: runs a push of its kind, and answers null for any other event. */
export type Push = (event: unknown) => Promise<unknown> | null

type Main = (event: unknown, context?: Context) => Promise<Reply<unknown>>

/** Each function's main and its timer and push names, as createMain made them (tests hold config.json's
 * triggers to them). */
export const functionEntries = new Map<string, { main: Main; timers: string[]; pushes: string[] }>()

/**
 * A function's `main`. Timer events and pushes count only from the platform (no user): a user's call shaped
 * like one is an action call, which the dispatcher refuses.
 */
export function createMain<F extends FunctionName>(
  fnName: F,
  schemas: Contract[F],
  entry: {
    actions: ActionsOf<F>
    timers?: Record<string, Timer>
    pushes?: Record<string, Push>
    /** WeChat Pay's result callback (cloudPay's functionName): it may arrive with the payer's OPENID, so the
     * handler verifies the event itself (queryOrder) and answers in its own protocol ({ errcode, errmsg }). */
    paymentResult?: Push
  },
): Main {
  const { timers = {}, pushes = {}, paymentResult } = entry
  const dispatch = dispatcher(fnName, schemas, entry.actions as unknown as AnyActions)
  const main: Main = async (event, context) => {
    const requestId = context?.request_id || randomUUID()
    if (isTimerEvent(event)) {
      const name = String(event.TriggerName)
      if (!has(timers, name)) return fail('INVALID_ARGUMENT', `未知的定时任务 ${name}`)
      return settle(`${fnName} timer ${name}`, requestId, () => timers[name](event))
    }
    const paid = paymentResult?.(event)
    if (paid) {
      try {
        return (await paid) as Reply<unknown>
      } catch (err) {
        console.error(`[${fnName} payment result] request ${requestId} failed:`, err)
        // Anything but errcode 0 makes WeChat Pay deliver the result again (for up to two days).
        return { errcode: -1, errmsg: '处理失败，请重试' } as unknown as Reply<unknown>
      }
    }
    if (fromPlatform()) {
      for (const [name, push] of Object.entries(pushes)) {
        const running = push(event)
        if (running) return settle(`${fnName} push ${name}`, requestId, () => running)
      }
    }
    return dispatch(event as Event, context)
  }
  functionEntries.set(fnName, { main, timers: Object.keys(timers), pushes: Object.keys(pushes) })
  return main
}
