import { COLLECTIONS } from '../../../_shared/collections'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { findById, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, notFound } from '../../../_shared/errors'
import { memberIdOf, residentIdOf } from '../../../_shared/identity'
import type { MemberDoc, OrgDoc, ResidentDoc } from '../../../_shared/records'
import { assertTextSafe } from '../../../_shared/security'
import { mayRegisterOver } from '../domain'
import { describe } from './me'

async function findOrg(id: string, level: OrgDoc['level'], what: string) {
  const org = await findById<OrgDoc>(COLLECTIONS.orgs, id)
  // Retired communities and branches (org register) take nobody new.
  if (!org || org.level !== level || org.retiredAt) throw notFound(what)
  return org
}

export const register = defineAction('member', 'register', {
  audience: 'anyone',
  scope: ['public'],
  async run({ caller }, input) {
    await assertTextSafe(caller.openid, 1, input.name)
    const db = getDb()
    const now = nowDate()

    if (input.kind === 'resident') {
      if (caller.resident) throw conflict('您已登记为居民')
      if (caller.member) throw conflict('您已注册为党员，无需再登记为居民')
      await findOrg(input.communityId, 'community', '所选社区')
      const resident: ResidentDoc = {
        _id: residentIdOf(caller.openid),
        openid: caller.openid,
        name: input.name,
        phone: input.phone,
        communityId: input.communityId,
        createdAt: now,
      }
      try {
        await db.collection(COLLECTIONS.residents).add({ data: resident })
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('您已登记为居民')
        throw err
      }
      return { me: await describe({ ...caller, resident }) }
    }

    // A resident registering as a member keeps their resident record (wishes, confirmations): the member
    // record is added beside it, and 我的 shows both.
    if (!mayRegisterOver(caller.member?.status ?? null)) {
      throw conflict(caller.member?.status === 'pending' ? '您的注册正在审核中' : '您已是在册党员')
    }
    const branch = await findOrg(input.branchId, 'branch', '所选支部')
    const fields = {
      name: input.name,
      phone: input.phone,
      status: 'pending' as const,
      roles: [],
      branchId: branch._id,
      communityId: branch.communityId,
      rejectReason: null,
      updatedAt: now,
    }
    const member: MemberDoc = {
      _id: memberIdOf(caller.openid),
      openid: caller.openid,
      createdAt: now,
      ...fields,
    }
    if (!caller.member) {
      try {
        await db.collection(COLLECTIONS.members).add({ data: member })
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('您的注册正在审核中')
        throw err
      }
    } else {
      // Re-registration after a rejection: only from that state, so a concurrent approval is never undone.
      const _ = db.command
      const updated = await updatedCount(
        db
          .collection(COLLECTIONS.members)
          .where({ _id: member._id, status: _.in(['rejected', 'left']) })
          .update({ data: fields }),
      )
      if (!updated) throw conflict('您的注册状态已变化，请刷新后再试')
    }
    return {
      me: await describe({
        ...caller,
        member: { ...member, createdAt: caller.member?.createdAt ?? now },
      }),
    }
  },
})
