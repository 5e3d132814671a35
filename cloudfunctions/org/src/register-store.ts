// What the register's actions share: the community, branch or organisation an admin may manage (a district
// admin any; a community admin their own community's — anything else is answered as a missing id), and the
// scope a read covers.
import { type Caller, isCommunityAdminOf, isDistrictAdmin } from '../../_shared/caller'
import { getDb } from '../../_shared/cloud'
import { nowDate } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { addIfAbsent, count, findById, findVisible, rows, updatedCount } from '../../_shared/db'
import { conflict, notFound } from '../../_shared/errors'
import type { OrgDoc, OrganizationDoc } from '../../_shared/records'
import { assertTextSafe } from '../../_shared/security'
import { draftDocId } from '../../interact/src/domain'
import { officerOf } from '../../member/src/transfer-store'
import { bearsName, claimLapsed, nameClaimId } from './register'

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

type Level = keyof typeof SAME_NAME

/**
 * A name already borne by another open org at the same level under the same parent: CONFLICT, with nothing
 * written. Names given before org_names existed (demo data among them) have no claim, so this read of the
 * siblings stays in front of the claim: it refuses those, the claim refuses the rest however calls interleave.
 */
export async function assertNameFree(level: Level, parentId: string, name: string, self?: string) {
  const siblings = await rows<
    Pick<OrgDoc, '_id' | 'level' | 'parentId' | 'name' | 'retiredAt' | 'sort'>
  >(
    getDb()
      .collection(COLLECTIONS.orgs)
      .where({ level, parentId })
      .field({ level: true, parentId: true, name: true, retiredAt: true, sort: true })
      .limit(ORGS),
  )
  if (siblings.some((s) => s._id !== self && bearsName(s, level, parentId, name)))
    throw conflict(SAME_NAME[level])
  /** Where a new one goes: after every sibling. */
  return siblings.reduce((max, s) => Math.max(max, s.sort + 1), 0)
}

/** One name's claim (org_names): `rev` grows with every take, so a takeover loses to any take between. */
type NameClaimDoc = {
  _id: string
  orgId: string
  level: Level
  parentId: string
  name: string
  atMs: number
  rev: number
}

type Named = { _id: string; level: Level; parentId: string; name: string }

/**
 * Takes the claim on `org`'s name for it, insert-once by a natural id, so of two orgs racing for one name one
 * wins and the other is answered CONFLICT. Its own claim (a retried create, a kept name) is taken again; one
 * whose holder no longer bears the name is taken over once it has lapsed (claimLapsed).
 */
export async function claimName(org: Named) {
  const _id = nameClaimId(org)
  const atMs = nowDate().getTime()
  const mine = { orgId: org._id, level: org.level, parentId: org.parentId, name: org.name, atMs }
  if (await addIfAbsent<NameClaimDoc>(COLLECTIONS.orgNames, { _id, ...mine, rev: 0 })) return
  const claim = await findById<NameClaimDoc>(COLLECTIONS.orgNames, _id)
  const ours = claim?.orgId === org._id
  if (
    !claim ||
    (!ours && !claimLapsed(claim, await findById<OrgDoc>(COLLECTIONS.orgs, claim.orgId), atMs))
  )
    throw conflict(SAME_NAME[org.level])
  const db = getDb()
  const taken = await updatedCount(
    db
      .collection(COLLECTIONS.orgNames)
      .where(ours ? { _id, orgId: org._id } : { _id, orgId: claim.orgId, rev: claim.rev })
      .update({ data: { ...mine, rev: db.command.inc(1) } }),
  )
  if (!taken) throw conflict(SAME_NAME[org.level])
}

/** Gives a name back: only while `org` holds its claim (one taken over since is another's). */
export const releaseName = (org: Named) =>
  getDb()
    .collection(COLLECTIONS.orgNames)
    .where({ _id: nameClaimId(org), orgId: org._id })
    .remove()

/** The name an org bears, as its claim names it (a community's parent is the district). */
export const namedOf = (org: OrgDoc): Named => ({
  _id: org._id,
  level: org.level as Level,
  parentId: org.parentId ?? '',
  name: org.name,
})

/**
 * Renames or moves an open org through `write` (answering how many orgs it changed) holding the name it is
 * to bear: the claim is taken first, given back when the write changed nothing, and the org's former one
 * released once it has. A write that throws keeps the claim: whether it landed is unknown, and an unused one
 * lapses.
 */
export async function renameHolding(
  org: OrgDoc,
  to: { name?: string; parentId?: string },
  write: () => Promise<number>,
) {
  const before = namedOf(org)
  const after = { ...before, ...to }
  const moved = nameClaimId(after) !== nameClaimId(before)
  await claimName(after)
  const changed = (await write()) > 0
  if (moved) await releaseName(changed ? before : after)
  return changed
}

const ID_PREFIX: Record<Level, string> = {
  community: 'community-',
  branch: 'branch-',
  generalBranch: 'general-',
}

/**
 * Creates a community, branch or 党总支 once per form: its id holds the officer and the form's draft id, so a
 * retried create finds the one it made (created: false). A new one needs a name free among its open siblings
 * and passing content security, then the name's claim, and goes after them. `parent.communityId` null: the
 * org is a community (its own).
 */
export async function createOrgOnce(
  caller: Caller,
  input: { draftId: string; name: string },
  level: Level,
  parent: { id: string; communityId: string | null; districtId: string },
  extra: Partial<OrgDoc> = {},
): Promise<{ org: OrgDoc; created: boolean }> {
  const id = draftDocId(ID_PREFIX[level], officerOf(caller).id, input.draftId)
  const made = await findById<OrgDoc>(COLLECTIONS.orgs, id)
  if (made) return { org: made, created: false }
  const [sort] = await Promise.all([
    assertNameFree(level, parent.id, input.name, id),
    assertTextSafe(caller.openid, 1, input.name),
  ])
  await claimName({ _id: id, level, parentId: parent.id, name: input.name })
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
  // Not added: a retry of the same form running alongside made it (and shares the claim).
  if (!(await addIfAbsent(COLLECTIONS.orgs, org)))
    return { org: (await findById<OrgDoc>(COLLECTIONS.orgs, id)) ?? org, created: false }
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
