// 组织关系接转, the member's side: asking to move to another branch of the district, withdrawing while it is
// pending, and seeing their transfers.
import { activeMember } from '../../../_shared/caller'
import { findBranch } from '../../../_shared/branches'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { monthOf, nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid, notFound } from '../../../_shared/errors'
import { orgNames } from '../../../_shared/org-names'
import { assertTextSafe } from '../../../_shared/security'
import {
  type LifecycleMember,
  type TransferDoc,
  isPending,
  requestRefusal,
  toTransfer,
  nextTransferId,
} from '../transfer'
import { step, transfers, visibleTransfer } from '../transfer-store'

const IN_FLIGHT = '您已有一份正在办理的转接申请，请等待办理结果或先撤回'

export const requestTransfer = defineAction('member', 'requestTransfer', {
  audience: 'member',
  scope: ['ownBranch'],
  async run({ caller }, input) {
    const me = activeMember(caller) as LifecycleMember
    if (!me.branchId) throw denied('您不属于任何支部，无需办理组织关系接转')
    const now = nowDate()
    const refusal = requestRefusal(me.branchId, input, monthOf(now))
    if (refusal) throw invalid(refusal)
    const [to, previous, names] = await Promise.all([
      findBranch(input.toBranchId),
      me.transferId ? findById<TransferDoc>(COLLECTIONS.transfers, me.transferId) : null,
      orgNames([me.branchId]),
    ])
    // A retired branch (org register) takes nobody new.
    if (to.retiredAt) throw notFound('该支部')
    if (previous && isPending(previous.state)) throw conflict(IN_FLIGHT)
    await assertTextSafe(caller.openid, 1, input.reason)
    const doc: TransferDoc = {
      _id: nextTransferId(me._id, me.transferId),
      memberId: me._id,
      openid: caller.openid,
      name: me.name,
      standing: input.standing,
      duesPaidUntil: input.duesPaidUntil,
      reason: input.reason,
      from: {
        branchId: me.branchId,
        branchName: names.get(me.branchId) ?? '',
        communityId: me.communityId ?? '',
      },
      to: { branchId: to._id, branchName: to.name, communityId: to.communityId ?? '' },
      state: 'requested',
      createdAt: now,
      updatedAt: now,
      released: null,
      accepted: null,
      refused: null,
      closedAt: null,
    }
    // One transfer in flight: the member record names the latest, and only the request that still finds the
    // one it read there may name its own (two requests at once: one wins).
    const db = getDb()
    const locked = await updatedCount(
      db
        .collection(COLLECTIONS.members)
        .where({
          _id: me._id,
          status: 'active',
          branchId: me.branchId,
          transferId: me.transferId ?? db.command.exists(false),
        })
        .update({ data: { transferId: doc._id } }),
    )
    if (!locked) throw conflict(IN_FLIGHT)
    try {
      await transfers().add({ data: doc })
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict(IN_FLIGHT)
      throw err
    }
    return { transfer: toTransfer(doc) }
  },
})

export const withdrawTransfer = defineAction('member', 'withdrawTransfer', {
  audience: 'member',
  scope: ['owner'],
  async run({ caller }, input) {
    const t = await visibleTransfer(caller, input.transferId)
    if (t.memberId !== caller.member?._id) throw denied('只有申请人本人可以撤回')
    return { transfer: toTransfer(await step(t, 'withdraw', {})) }
  },
})

export const myTransfers = defineAction('member', 'myTransfers', {
  // A member who left still sees the transfers they made.
  audience: 'anyone',
  scope: ['self'],
  async run({ caller }) {
    const memberId = caller.member?._id
    if (!memberId) return { current: null, past: [] }
    const found = await rows<TransferDoc>(
      transfers().where({ memberId }).orderBy('createdAt', 'desc').limit(20),
    )
    const current = found.find((t) => isPending(t.state)) ?? null
    return {
      current: current && toTransfer(current),
      past: found.filter((t) => t !== current).map(toTransfer),
    }
  },
})
