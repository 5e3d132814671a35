// Cloud function `checkin`: 党员报到 — one check-in per member per Shanghai day — and the branch's minimums.
import { checkinInputs } from '../../../typings/checkin'
import {
  type Caller,
  activeMember,
  isCommunityAdminOf,
  isDistrictAdmin,
  isSecretaryOf,
} from '../../_shared/caller'
import { getDb } from '../../_shared/cloud'
import { now } from '../../_shared/clock'
import { COLLECTIONS } from '../../_shared/collections'
import { findById, rows } from '../../_shared/db'
import { createMain } from '../../_shared/dispatcher'
import { denied, notFound } from '../../_shared/errors'
import { recordParticipation } from '../../_shared/ledger'
import { minimumsOf } from '../../_shared/minimums'
import { memberMonthId } from '../../_shared/participation'
import type { MemberDoc, OrgDoc } from '../../_shared/records'
import type { RuleCounts } from '../../../typings/participation'
import { branchMonthOrder, progressOf } from './progress'

type MemberMonth = { memberId: string; score: number; counts: RuleCounts }

function ownBranch(caller: Caller): MemberDoc & { branchId: string } {
  const member = activeMember(caller)
  if (!member.branchId) throw denied('您不属于任何支部')
  return member as MemberDoc & { branchId: string }
}

async function findBranch(branchId: string): Promise<OrgDoc> {
  const branch = await findById<OrgDoc>(COLLECTIONS.orgs, branchId)
  if (!branch || branch.level !== 'branch') throw notFound('该支部')
  return branch
}

const counterOf = (month: string, memberId: string) =>
  findById<MemberMonth>(COLLECTIONS.memberMonths, memberMonthId(month, memberId))

export const main = createMain('checkin', checkinInputs, {
  actions: {
    checkIn: {
      audience: 'member',
      scope: ['ownBranch'],
      run: async ({ caller }) => {
        const member = ownBranch(caller)
        // The day is the ledger reference, so a second call the same day is a duplicate id, not a second count.
        const at = now()
        const recorded = await recordParticipation({
          member,
          rule: 'checkin',
          ref: at.format('YYYY-MM-DD'),
          at,
        })
        const [counter, branch] = await Promise.all([
          counterOf(recorded.month, member._id),
          findById<OrgDoc>(COLLECTIONS.orgs, member.branchId),
        ])
        const counts = counter?.counts ?? {}
        return {
          day: recorded.day,
          already: recorded.reason === 'duplicate',
          monthCount: counts.checkin ?? 0,
          progress: progressOf(counts, minimumsOf(branch)),
        }
      },
    },

    myMonth: {
      audience: 'member',
      scope: ['ownBranch'],
      run: async ({ caller }, input) => {
        const member = ownBranch(caller)
        const today = now()
        const month = input.month ?? today.format('YYYY-MM')
        const db = getDb()
        const [entries, counter, branch] = await Promise.all([
          rows<{ day: string }>(
            db
              .collection(COLLECTIONS.ledger)
              .where({ memberId: member._id, month, rule: 'checkin' })
              .field({ day: true })
              .limit(100),
          ),
          counterOf(month, member._id),
          findById<OrgDoc>(COLLECTIONS.orgs, member.branchId),
        ])
        return {
          month,
          today: today.format('YYYY-MM-DD'),
          checkedInDays: entries.map((e) => e.day).sort(),
          score: counter?.score ?? 0,
          progress: progressOf(counter?.counts ?? {}, minimumsOf(branch)),
          isSecretary: isSecretaryOf(caller, member.branchId),
        }
      },
    },

    branchMonth: {
      audience: 'member',
      scope: ['secretary', 'communityAdmin', 'districtAdmin'],
      run: async ({ caller }, input) => {
        const me = activeMember(caller)
        const branchId = input.branchId ?? me.branchId
        if (!branchId) throw denied('请指定支部')
        const month = input.month ?? now().format('YYYY-MM')
        const db = getDb()
        const [branch, members, counters] = await Promise.all([
          findBranch(branchId),
          rows<MemberDoc>(
            db.collection(COLLECTIONS.members).where({ branchId, status: 'active' }).limit(1000),
          ),
          rows<MemberMonth>(
            db
              .collection(COLLECTIONS.memberMonths)
              .where({ branchId, month })
              .field({ memberId: true, score: true, counts: true })
              .limit(1000),
          ),
        ])
        const allowed =
          isSecretaryOf(caller, branchId) ||
          isCommunityAdminOf(caller, branch.communityId) ||
          isDistrictAdmin(caller)
        if (!allowed) throw denied('只有本支部书记或上级管理员可以查看')
        const minimums = minimumsOf(branch)
        const byMember = new Map(counters.map((c) => [c.memberId, c]))
        const list = members
          .map((m) => {
            const counter = byMember.get(m._id)
            const progress = progressOf(counter?.counts ?? {}, minimums)
            return {
              id: m._id,
              name: m.name,
              score: counter?.score ?? 0,
              counts: progress.counts,
              shortfall: progress.shortfall,
              metAll: progress.metAll,
            }
          })
          .sort(branchMonthOrder)
        return {
          branchId,
          branchName: branch.name,
          month,
          minimums,
          members: list,
          belowCount: list.filter((m) => !m.metAll).length,
        }
      },
    },

    settings: {
      audience: 'member',
      scope: ['public'],
      run: async ({ caller }, input) => {
        const me = activeMember(caller)
        const branchId = input.branchId ?? me.branchId
        if (!branchId) throw denied('请指定支部')
        return { branchId, minimums: minimumsOf(await findBranch(branchId)) }
      },
    },

    updateSettings: {
      audience: 'member',
      roles: ['secretary'],
      scope: ['ownBranch'],
      run: async ({ caller }, { minimums }) => {
        const member = ownBranch(caller)
        if (!isSecretaryOf(caller, member.branchId)) throw denied('只有支部书记可以修改')
        await getDb()
          .collection(COLLECTIONS.orgs)
          .doc(member.branchId)
          .update({ data: { minimums: getDb().command.set(minimums) } })
        return { branchId: member.branchId, minimums }
      },
    },
  },
})
