// The shared dispatcher: validate → identify the caller (OPENID) → check audience and roles → run → map errors.
import { randomUUID } from 'crypto'
import { z } from 'zod'
import { zhCN } from 'zod/locales'
import type { Fail, Reply } from '../../typings/common'
import type { Role } from '../../typings/member'
import { getCloud } from './cloud'
import { type Caller, activeMember, loadCaller } from './caller'
import { AppError } from './errors'

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

type Event = { action?: unknown; payload?: unknown }

const fail = (code: Fail['code'], message: string, requestId?: string): Fail => ({
  ok: false,
  code,
  message,
  ...(requestId ? { requestId } : {}),
})

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
export const actionTables = new Map<
  string,
  { schemas: Schemas; actions: Record<string, ActionDef<unknown, unknown>> }
>()

export function createHandler<S extends Schemas, O extends Record<keyof S, unknown>>(
  fnName: string,
  schemas: S,
  handlers: Handlers<S, O>,
) {
  actionTables.set(fnName, {
    schemas,
    actions: handlers as Record<string, ActionDef<unknown, unknown>>,
  })
  return async function main(
    event: Event,
    context?: { request_id?: string },
  ): Promise<Reply<unknown>> {
    const requestId = context?.request_id || randomUUID()
    const action = typeof event?.action === 'string' ? event.action : ''
    if (!Object.prototype.hasOwnProperty.call(handlers, action)) {
      return fail('INVALID_ARGUMENT', '不支持的操作')
    }
    const def = handlers[action] as ActionDef<unknown, unknown>
    const parsed = schemas[action].safeParse(event.payload ?? {})
    if (!parsed.success) {
      return fail('INVALID_ARGUMENT', parsed.error.issues[0]?.message ?? '请求参数有误')
    }
    const openid = getCloud().getWXContext().OPENID
    if (!openid) return fail('UNAUTHENTICATED', '请在微信中打开小程序')
    try {
      const needsMember = def.audience !== 'resident' || !!def.roles?.length
      const needsResident = def.audience === 'resident' || def.audience === 'registered'
      const caller = await loadCaller(openid, {
        member: needsMember || def.audience === 'anyone',
        resident: needsResident || def.audience === 'anyone',
      })
      authorise(caller, def.audience, def.roles)
      return { ok: true, data: await def.run({ caller, requestId }, parsed.data) }
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message)
      console.error(`[${fnName}.${action}] request ${requestId} failed:`, err)
      return fail('INTERNAL', '服务暂时不可用，请稍后重试', requestId)
    }
  }
}
