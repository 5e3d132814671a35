// What the register's actions share: the community, branch or organisation an admin may manage (a district
// admin any; a community admin their own community's — anything else is answered as a missing id), and the
// scope a read covers.
import { type Caller, isCommunityAdminOf, isDistrictAdmin } from '../../_shared/caller'
import { getDb } from '../../_shared/cloud'
import { nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, count, findById, findVisible, rows } from '../../_shared/db'
import { conflict, notFound } from '../../_shared/errors'
import type { OrgDoc, OrganizationDoc } from '../../_shared/records'
import { assertTextSafe } from '../../_shared/security'
import { draftDocId } from '../../interact/src/domain'
import { officerOf } from '../../member/src/transfer-store'

/** Org documents a district holds at most (as org.tree reads them). */
export const ORGS = 1000
/** Organisations one read returns at most: a community's register, or a district's flagged ones. */
export const ORGANIZATIONS = 1000

const manages = (caller: Caller, communityId: string | null) =>
  isDistrictAdmin(caller) || isCommunityAdminOf(caller, communityId)

/** A community the caller manages (NOT_FOUND 该社区不存在 otherwise); retired ones only when `retired`. */
export async function managedCommunity(caller: Caller, id: string, retired = false) {
  const c = await findVisible<OrgDoc>(
    COLLECTIONS.orgs,
    id,
    '该社区',
    (o) => o.level === 'community' && manages(caller, o._id),
  )
  if (c.retiredAt && !retired) throw conflict('该社区已撤销')
  return c
}

/** A branch the caller manages (its community's admin, a district admin): NOT_FOUND otherwise. */
export async function managedBranch(caller: Caller, id: string) {
  const b = await findVisible<OrgDoc>(
    COLLECTIONS.orgs,
    id,
    '该支部',
    (o) => o.level === 'branch' && manages(caller, o.communityId),
  )
  if (b.retiredAt) throw conflict('该支部已撤销')
  return b
}

/** A 党总支 the caller manages (its community's admin, a district admin): NOT_FOUND otherwise. */
export async function managedGeneralBranch(caller: Caller, id: string) {
  const g = await findVisible<OrgDoc>(
    COLLECTIONS.orgs,
    id,
    '该党总支',
    (o) => o.level === 'generalBranch' && manages(caller, o.communityId),
  )
  if (g.retiredAt) throw conflict('该党总支已撤销')
  return g
}

export const managedOrganization = (caller: Caller, id: string) =>
  findVisible<OrganizationDoc>(COLLECTIONS.organizations, id, '该两新组织', (o) =>
    manages(caller, o.communityId),
  )

/**
 * The community a read covers: a district admin's choice or the whole district (null); a community admin's
 * own (another community is answered as a missing one).
 */
export function scopeOf(caller: Caller, communityId: string | undefined): string | null {
  if (isDistrictAdmin(caller)) return communityId ?? null
  const own = caller.member?.adminCommunityId ?? null
  if (!own || (communityId && communityId !== own) || !isCommunityAdminOf(caller, own))
    throw notFound('该社区')
  return own
}

const SAME_NAME = {
  community: '本区已有同名社区',
  branch: '本社区已有同名支部',
  generalBranch: '本社区已有同名党总支',
}

/** A name already used by another open org at the same level under the same parent: CONFLICT. */
export async function assertNameFree(
  level: keyof typeof SAME_NAME,
  parentId: string,
  name: string,
  self?: string,
) {
  const siblings = await rows<Pick<OrgDoc, '_id' | 'name' | 'retiredAt' | 'sort'>>(
    getDb()
      .collection(COLLECTIONS.orgs)
      .where({ level, parentId })
      .field({ name: true, retiredAt: true, sort: true })
      .limit(ORGS),
  )
  if (siblings.some((s) => s._id !== self && !s.retiredAt && s.name === name))
    throw conflict(SAME_NAME[level])
  /** Where a new one goes: after every sibling. */
  return siblings.reduce((max, s) => Math.max(max, s.sort + 1), 0)
}

const ID_PREFIX: Record<keyof typeof SAME_NAME, string> = {
  community: 'community-',
  branch: 'branch-',
  generalBranch: 'general-',
}

/**
 * Creates a community, branch or 党总支 once per form: its id holds the officer and the form's draft id, so a
 * retried create finds the one it made (created: false). A new one needs a name free among its open siblings
 * and passing content security, and goes after them. `parent.communityId` null: the org is a community (its own).
 */
export async function createOrgOnce(
  caller: Caller,
  input: { draftId: string; name: string },
  level: keyof typeof SAME_NAME,
  parent: { id: string; communityId: string | null; districtId: string },
  extra: Partial<OrgDoc> = {},
): Promise<{ org: OrgDoc; created: boolean }> {
  const id = draftDocId(ID_PREFIX[level], officerOf(caller).id, input.draftId)
  const made = await findById<OrgDoc>(COLLECTIONS.orgs, id)
  if (made) return { org: made, created: false }
  const [sort] = await Promise.all([
    assertNameFree(level, parent.id, input.name),
    assertTextSafe(caller.openid, 1, input.name),
  ])
  const now = nowDate()
  const org: OrgDoc = {
    _id: id,
    name: input.name,
    level,
    parentId: parent.id,
    communityId: parent.communityId ?? id,
    districtId: parent.districtId,
    sort,
    createdAt: now,
    updatedAt: now,
    retiredAt: null,
    ...extra,
  }
  await addIfAbsent(COLLECTIONS.orgs, org)
  return { org, created: true }
}

/** Transfers pending from or to a branch: they name it (and its community) as it is now. */
export async function transfersInFlight(branchId: string) {
  const db = getDb()
  const state = db.command.in(['requested', 'released'])
  const [outgoing, incoming] = await Promise.all([
    count(db.collection(COLLECTIONS.transfers).where({ 'from.branchId': branchId, state })),
    count(db.collection(COLLECTIONS.transfers).where({ 'to.branchId': branchId, state })),
  ])
  return outgoing + incoming
}
