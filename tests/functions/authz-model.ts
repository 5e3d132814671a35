// What the authorisation matrix knows before calling anything: every action of every function, read from the
// action tables the functions register (a new action shows up here by itself), the kinds of caller, and the
// verdict an action's declared audience, roles and scope give a caller for what the payload aims at.
import fs from 'fs'
import path from 'path'
import type { z } from 'zod'
import '../../cloudfunctions/checkin/src/index'
import '../../cloudfunctions/community/src/index'
import '../../cloudfunctions/dues/src/index'
import '../../cloudfunctions/interact/src/index'
import '../../cloudfunctions/member/src/index'
import '../../cloudfunctions/org/src/index'
import '../../cloudfunctions/orglife/src/index'
import '../../cloudfunctions/stats/src/index'
import '../../cloudfunctions/study/src/index'
import '../../cloudfunctions/todo/src/index'
import '../../cloudfunctions/wish/src/index'
import {
  type ActionDef,
  type Grant,
  type Scope,
  actionTables,
} from '../../cloudfunctions/_shared/dispatcher'
import type { MemberDoc, ResidentDoc } from '../../cloudfunctions/_shared/records'
import { memberIdOf, residentIdOf } from '../../cloudfunctions/_shared/identity'
import { rows } from '../../cloudfunctions/_shared/db'
import type { Role } from '../../typings/member'
import type { TestCloud } from '../support/cloud'

const ROOT = path.join(__dirname, '../../cloudfunctions')

/** Every cloud function folder with an action table (src/index.ts). */
export const FUNCTION_NAMES = fs
  .readdirSync(ROOT)
  .filter((d) => !d.startsWith('_') && fs.existsSync(path.join(ROOT, d, 'src/index.ts')))
  .sort()

export type ActionRef = {
  fn: string
  action: string
  /** `fn.action`, how the matrix names it. */
  key: string
  def: ActionDef<unknown, unknown>
  schema: z.ZodType
}

/** Every action of every registered table, in a stable order. */
export function allActions(): ActionRef[] {
  return [...actionTables.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([fn, table]) =>
      Object.entries(table.actions).map(([action, def]) => ({
        fn,
        action,
        key: `${fn}.${action}`,
        def,
        schema: table.schemas[action],
      })),
    )
}

/**
 * The people the matrix calls as. Objects under test live in branch-1 of community-xinhua; "here" is there,
 * "other" another branch of the same community, "away" the other community. The owner of each object is
 * added per payload (see Target.owner).
 */
export const CALLERS = {
  stranger: 'matrix-stranger',
  pending: 'matrix-pending',
  residentHere: 'demo-resident-3',
  residentAway: 'demo-resident-2',
  memberHere: 'demo-member-1',
  infoOfficer: 'demo-member-2',
  secretaryHere: 'demo-secretary-1',
  memberOtherBranch: 'demo-member-34',
  secretaryOther: 'demo-secretary-3',
  memberAway: 'demo-member-64',
  adminHere: 'demo-community-admin-1',
  adminAway: 'demo-community-admin-2',
  districtAdmin: 'demo-district-admin',
} as const
export type CallerKind = keyof typeof CALLERS | 'owner'

export const HERE = { branchId: 'branch-1', communityId: 'community-xinhua' } as const

/** What a payload aims at, as the action sees it. */
export type Target = {
  branchId?: string
  communityId?: string
  /** The openid of whoever created, claimed or signed up for it. */
  owner?: string
  /** Who may see it at all; others must be answered as if it did not exist. */
  readers?: readonly Grant[]
  /** The payload field naming it, to ask the same with an id that does not exist. */
  idField?: string
}

/** A caller as stored: their member and resident records (either may be missing). */
export type Profile = { openid: string; member: MemberDoc | null; resident: ResidentDoc | null }

export async function loadProfiles(cloud: TestCloud, openids: string[]) {
  const _ = cloud.db.command
  const [members, residents] = await Promise.all([
    rows<MemberDoc>(
      cloud.db
        .collection('members')
        .where({ _id: _.in(openids.map(memberIdOf)) })
        .limit(1000),
    ),
    rows<ResidentDoc>(
      cloud.db
        .collection('residents')
        .where({ _id: _.in(openids.map(residentIdOf)) })
        .limit(1000),
    ),
  ])
  return new Map(
    openids.map((openid) => [
      openid,
      {
        openid,
        member: members.find((m) => m.openid === openid) ?? null,
        resident: residents.find((r) => r.openid === openid) ?? null,
      } satisfies Profile,
    ]),
  )
}

const activeOf = (p: Profile) => (p.member?.status === 'active' ? p.member : null)
const rolesOf = (p: Profile) => new Set<Role>(activeOf(p)?.roles ?? [])

/** The dispatcher's gate: roles when the action names any, else the audience. */
export function passesGate(p: Profile, def: ActionDef<unknown, unknown>): boolean {
  if (def.roles?.length) return def.roles.some((r) => rolesOf(p).has(r))
  const active = !!activeOf(p)
  if (def.audience === 'member') return active
  if (def.audience === 'resident') return !!p.resident
  if (def.audience === 'registered') return active || !!p.resident
  return true
}

/** Whether `p` holds `grant` towards `t` (see Grant in the dispatcher). */
function holds(p: Profile, grant: Grant, t: Target): boolean {
  const m = activeOf(p)
  const roles = rolesOf(p)
  switch (grant) {
    case 'self':
    case 'public':
      return true
    case 'ownBranch':
      return !!m?.branchId
    case 'ownCommunity':
      return !!(m ? (m.communityId ?? m.adminCommunityId) : p.resident?.communityId)
    case 'owner':
      return !!t.owner && p.openid === t.owner
    case 'branch':
      return !!m && !!t.branchId && m.branchId === t.branchId
    case 'secretary':
      return roles.has('secretary') && !!t.branchId && m?.branchId === t.branchId
    case 'community':
      return (
        !!t.communityId &&
        (m?.communityId === t.communityId || p.resident?.communityId === t.communityId)
      )
    case 'communityAdmin':
      return roles.has('communityAdmin') && !!t.communityId && m?.adminCommunityId === t.communityId
    case 'districtAdmin':
      return roles.has('districtAdmin')
    case 'readers':
      return mayRead(p, t)
  }
}

/** The grants that apply to this payload. */
export function grantsOf(scope: Scope, payload: Record<string, unknown>): readonly Grant[] {
  if (!('by' in scope)) return scope
  const grants = scope.cases[String(payload[scope.by])]
  if (!grants) throw new Error(`no scope declared for ${scope.by}=${String(payload[scope.by])}`)
  return grants
}

/** Whether `p` may see the target at all (everyone may when it names no readers). */
export const mayRead = (p: Profile, t: Target) =>
  !t.readers || t.readers.some((g) => g !== 'readers' && holds(p, g, t))

/** The verdict: the gate passes and one of the scope's grants holds. */
export const isAllowed = (
  p: Profile,
  def: ActionDef<unknown, unknown>,
  payload: Record<string, unknown>,
  t: Target,
) => passesGate(p, def) && grantsOf(def.scope, payload).some((g) => holds(p, g, t))
