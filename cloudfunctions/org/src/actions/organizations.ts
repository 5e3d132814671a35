// The register of 两新 organisations (一企一表), kept by community admins for their community and district
// admins for all: list (a scope's, or a branch's roster of those it covers), add and edit. Each save dates the
// entry, so 五清's quarterly update shows which are due.
import type { z } from 'zod'
import type { registerInputs } from '../../../../typings/register'
import type { Caller } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { addIfAbsent, findById, rows } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { invalid } from '../../../_shared/errors'
import { orgNames } from '../../../_shared/org-names'
import type { OrganizationDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { draftDocId } from '../../../interact/src/domain'
import { officerOf } from '../../../member/src/transfer-store'
import { coverageRefusal, quarterOf, shouldFormOwn, toOrganization } from '../register'
import {
  ORGANIZATIONS,
  managedBranch,
  managedCommunity,
  managedOrganization,
  scopeOf,
} from '../register-store'

const GRANTS = ['communityAdmin', 'districtAdmin'] as const

/** Organisations shown with their branches' names, flagged ones first, then by name. */
export async function shownOrganizations(docs: OrganizationDoc[], now: Date) {
  const names = await orgNames(docs.map((o) => o.branchId))
  return docs
    .map((o) => toOrganization(o, o.branchId ? (names.get(o.branchId) ?? '') : '', now))
    .sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.name.localeCompare(b.name, 'zh'))
}

export const organizations = defineAction('org', 'organizations', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, input) {
    const branch = input.branchId ? await managedBranch(caller, input.branchId) : null
    const communityId = branch ? null : scopeOf(caller, input.communityId)
    const where = branch ? { branchId: branch._id } : communityId ? { communityId } : {}
    const docs = await rows<OrganizationDoc>(
      getDb().collection(COLLECTIONS.organizations).where(where).limit(ORGANIZATIONS),
    )
    const now = nowDate()
    return {
      branch: branch ? { id: branch._id, name: branch.name } : null,
      organizations: await shownOrganizations(
        input.flaggedOnly ? docs.filter(shouldFormOwn) : docs,
        now,
      ),
      quarter: quarterOf(now),
    }
  },
})

type Fields = Omit<z.output<typeof registerInputs.createOrganization>, 'draftId'>

/** The stored fields of a save: the branch checked (the caller's to manage, of a kind that fits), the texts
 * checked by content security, dated now by the caller. */
async function fieldsOf(caller: Caller, input: Fields) {
  const [community, branch] = await Promise.all([
    managedCommunity(caller, input.communityId),
    input.branchId ? managedBranch(caller, input.branchId) : null,
  ])
  const refusal = coverageRefusal(input.coverage, branch?.branchType)
  if (refusal) throw invalid(refusal)
  await assertTextSafe(caller.openid, 1, input.name, input.industry, input.address)
  return {
    name: input.name,
    kind: input.kind,
    communityId: community._id,
    branchId: branch?._id ?? null,
    industry: input.industry,
    address: input.address,
    employees: input.employees,
    partyMembers: input.partyMembers,
    coverage: input.coverage,
    instructor: input.instructor,
    updatedAt: nowDate(),
    updatedBy: officerOf(caller).name,
  }
}

export const createOrganization = defineAction('org', 'createOrganization', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, { draftId, ...input }) {
    const made: OrganizationDoc = {
      _id: draftDocId('org-', officerOf(caller).id, draftId),
      ...(await fieldsOf(caller, input)),
    }
    // A retried create answers the organisation its first attempt stored.
    const doc = (await addIfAbsent(COLLECTIONS.organizations, made))
      ? made
      : ((await findById<OrganizationDoc>(COLLECTIONS.organizations, made._id)) ?? made)
    const [organization] = await shownOrganizations([doc], nowDate())
    return { organization }
  },
})

export const updateOrganization = defineAction('org', 'updateOrganization', {
  audience: 'member',
  roles: GRANTS,
  scope: GRANTS,
  async run({ caller }, { organizationId, ...input }) {
    const o = await managedOrganization(caller, organizationId)
    const fields = await fieldsOf(caller, input)
    await getDb().collection(COLLECTIONS.organizations).doc(o._id).update({ data: fields })
    const [organization] = await shownOrganizations([{ _id: o._id, ...fields }], fields.updatedAt)
    return { organization }
  },
})
