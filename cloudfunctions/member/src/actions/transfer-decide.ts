// 组织关系接转, the officers' side: the branch being left releases (转出), the branch joined accepts (转入),
// either refuses with a reason; and the transfers waiting for a branch.
import { withBranchLeases } from '../../../_shared/branch-offices'
import { branchOverseenBy } from '../../../_shared/branches'
import { branchNamedOrOwn } from '../../../_shared/caller'
import { nowDate } from '../../../_shared/clock'
import { rows } from '../../../_shared/db'
import { IN_FLIGHT_MS } from '../../../_shared/ledger'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict } from '../../../_shared/errors'
import { assertTextSafe } from '../../../_shared/security'
import { type TransferDoc, actingSide, nextState, toTransfer } from '../transfer'
import {
  assertActsFor,
  moveMember,
  officerOf,
  step,
  tellMember,
  transfers,
  visibleTransfer,
} from '../transfer-store'

const OFFICERS = ['secretary', 'communityAdmin', 'districtAdmin'] as const

export const releaseTransfer = defineAction('member', 'releaseTransfer', {
  audience: 'member',
  scope: OFFICERS,
  async run({ caller }, input) {
    const t = await visibleTransfer(caller, input.transferId)
    await assertActsFor(caller, t.from, t.memberId)
    const released = await step(t, 'release', { released: { ...officerOf(caller), at: nowDate() } })
    await tellMember(released, 'released')
    return { transfer: toTransfer(released) }
  },
})

export const acceptTransfer = defineAction('member', 'acceptTransfer', {
  audience: 'member',
  scope: OFFICERS,
  async run({ caller }, input) {
    const t = await visibleTransfer(caller, input.transferId)
    await assertActsFor(caller, t.to, t.memberId)
    // Accepted long enough ago that its request is over, and the member never moved: it died midway.
    const died =
      t.state === 'accepted' && !!t.accepted && +nowDate() - +new Date(t.accepted.at) > IN_FLIGHT_MS
    // Refused before the lease is taken, so that a refusal writes nothing.
    if (t.state === 'accepted' ? !died : !nextState(t.state, 'accept'))
      throw conflict('该转接申请已办理，请刷新后查看')
    // The member's offices in the branch they leave end with the move: under its lease (see moveMember).
    return withBranchLeases([t.from.branchId], async () => {
      if (died) {
        if (!(await moveMember(t))) throw conflict('该转接申请已办理，请刷新后查看')
        return { transfer: toTransfer(t) }
      }
      const accepted = await step(t, 'accept', {
        accepted: { ...officerOf(caller), at: nowDate() },
      })
      // The acceptance won; the member moves unless they left meanwhile, which cancels it instead.
      if (!(await moveMember(accepted))) {
        await step(accepted, 'cancel', {})
        throw conflict('该党员的状态已变化（可能已离开），转接已取消')
      }
      await tellMember(accepted, 'accepted')
      return { transfer: toTransfer(accepted) }
    })
  },
})

export const refuseTransfer = defineAction('member', 'refuseTransfer', {
  audience: 'member',
  scope: OFFICERS,
  async run({ caller }, input) {
    const t = await visibleTransfer(caller, input.transferId)
    const side = actingSide(t.state)
    if (!side) throw conflict('该转接申请已办理，请刷新后查看')
    await assertActsFor(caller, t[side], t.memberId)
    await assertTextSafe(caller.openid, 2, input.reason)
    const refusal = { ...officerOf(caller), at: nowDate(), reason: input.reason }
    const refused = await step(t, 'refuse', { refused: refusal })
    await tellMember(refused, 'refused')
    return { transfer: toTransfer(refused) }
  },
})

export const transferQueue = defineAction('member', 'transferQueue', {
  audience: 'member',
  scope: OFFICERS,
  async run({ caller }, input) {
    const branchId = branchNamedOrOwn(caller, input.branchId)
    const branch = await branchOverseenBy(caller, branchId, '只有本支部书记或上级管理员可以查看')
    const waiting = (side: 'from' | 'to', state: TransferDoc['state']) =>
      rows<TransferDoc>(
        transfers()
          .where({ [`${side}.branchId`]: branchId, state })
          .orderBy('createdAt', 'asc')
          .limit(100),
      )
    const [toRelease, toAccept] = await Promise.all([
      waiting('from', 'requested'),
      waiting('to', 'released'),
    ])
    return {
      branchId,
      branchName: branch.name,
      toRelease: toRelease.map(toTransfer),
      toAccept: toAccept.map(toTransfer),
    }
  },
})
