// 诉求 / 需求通道: members and residents submit; the branch (or the community party committee) accepts,
// answers or escalates; the requester rates the answer. Every state change notifies the requester.
import type { AppealLevel } from '../../../../typings/interact'
import { type Caller, isCommunityAdminOf, isSecretaryOf } from '../../../_shared/caller'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { count, findById, findVisible, updatedCount } from '../../../_shared/db'
import { APPEAL_OPEN_STATUSES, appealDueAt } from '../../../_shared/deadlines'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid } from '../../../_shared/errors'
import { awaitingReviewWhere, checkImages } from '../../../_shared/media'
import { notify } from '../../../_shared/notify'
import { orgNames } from '../../../_shared/org-names'
import { newestFirst } from '../../../_shared/paging'
import { takeRateUnit } from '../../../_shared/rate-limit'
import { assertTextSafe } from '../../../_shared/security'
import {
  APPEAL_STATUS_LABELS,
  type AppealAction,
  PAGE_SIZE,
  RATE_LIMITS,
  draftDocId,
  nextAppealState,
} from '../domain'
import { isOwn, readerOf } from '../reader'
import type { AppealDoc, StoredAppealEvent } from '../records'
import { handlerOrgId, toAppealView } from '../views'

const SCENE_PROFILE = 1

/** Who handles an appeal: the secretary or the community admin of its branch or community, whichever
 * handles it now (its level). */
const HANDLERS = ['secretary', 'communityAdmin'] as const

/** The caller's own pending images show to them, and images awaiting review to a reviewer (views.ts). */
async function views(docs: AppealDoc[], caller: Caller) {
  const names = await orgNames(docs.map(handlerOrgId))
  const now = nowDate()
  return docs.map((d) => toAppealView(d, names.get(handlerOrgId(d)) ?? '', now, caller))
}

export const submitAppeal = defineAction('interact', 'submitAppeal', {
  audience: 'registered',
  scope: ['ownCommunity'],
  async run({ caller }, input) {
    const requester = readerOf(caller)
    if (!requester.communityId) throw invalid('您还没有所属社区，暂不能提交诉求')
    await assertTextSafe(caller.openid, SCENE_PROFILE, input.text)
    await takeRateUnit(requester.id, RATE_LIMITS.appeal)
    const at = nowDate()
    const media = await checkImages(caller.openid, input.images)
    const doc: AppealDoc = {
      _id: draftDocId('a', requester.id, input.draftId),
      requesterId: requester.id,
      requesterKind: requester.kind,
      requesterName: requester.name,
      requesterOpenid: caller.openid,
      category: input.category,
      text: input.text,
      images: input.images,
      ...(media ? { media } : {}),
      branchId: requester.branchId,
      communityId: requester.communityId,
      level: requester.branchId ? 'branch' : 'community',
      status: 'submitted',
      answer: null,
      rating: null,
      timeline: [
        {
          action: 'submit',
          status: 'submitted',
          at,
          byId: requester.id,
          byName: requester.name,
          note: '',
        },
      ],
      createdAt: at,
      updatedAt: at,
      dueAt: appealDueAt(at),
    }
    let stored = doc
    try {
      await getDb().collection(COLLECTIONS.appeals).add({ data: doc })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      stored = (await findById<AppealDoc>(COLLECTIONS.appeals, doc._id)) ?? doc
    }
    const [appeal] = await views([stored], caller)
    return { appeal }
  },
})

export const myAppeals = defineAction('interact', 'myAppeals', {
  audience: 'registered',
  scope: ['self'],
  async run({ caller }, input) {
    const page = await newestFirst<AppealDoc>(
      COLLECTIONS.appeals,
      // A resident who became a member keeps the appeals they raised as a resident.
      {
        requesterId: getDb().command.in(
          [caller.member?._id, caller.resident?._id].filter((id): id is string => !!id),
        ),
      },
      { cursor: input.cursor, limit: PAGE_SIZE },
    )
    return { items: await views(page.items, caller), nextCursor: page.nextCursor }
  },
})

type InboxScope = { orgId: string; where: object; level: AppealLevel }

/**
 * Whose appeals a caller handles: a secretary their branch's, a community admin their community's (someone
 * who is both, their branch's first). Images awaiting review they decide at any level (mayReviewMedia), so
 * the review list holds every appeal of each scope they have: a community admin's also the branches'
 * appeals, a secretary's also their branch's escalated ones.
 */
function inboxScopes(caller: Caller): InboxScope[] {
  const m = caller.member
  const scopes: InboxScope[] = []
  if (caller.roles.has('secretary') && m?.branchId)
    scopes.push({ orgId: m.branchId, where: { branchId: m.branchId }, level: 'branch' })
  if (caller.roles.has('communityAdmin') && m?.adminCommunityId) {
    const communityId = m.adminCommunityId
    scopes.push({ orgId: communityId, where: { communityId }, level: 'community' })
  }
  if (!scopes.length) throw denied('只有支部书记或社区管理员可以处理诉求')
  return scopes
}

export const appealInbox = defineAction('interact', 'appealInbox', {
  audience: 'member',
  roles: HANDLERS,
  scope: ['ownBranch', 'ownCommunity'],
  async run({ caller }, input) {
    const scopes = inboxScopes(caller)
    const [scope] = scopes
    const handled = { ...scope.where, level: scope.level }
    const db = getDb()
    const _ = db.command
    const listed = input.awaitingReview
      ? _.and([_.or(scopes.map((s) => s.where)), awaitingReviewWhere('media')])
      : handled
    const [page, overdue, names] = await Promise.all([
      newestFirst<AppealDoc>(
        COLLECTIONS.appeals,
        input.status ? _.and([listed, { status: input.status }]) : listed,
        { cursor: input.cursor, limit: PAGE_SIZE },
      ),
      count(
        db.collection(COLLECTIONS.appeals).where({
          ...handled,
          status: _.in([...APPEAL_OPEN_STATUSES]),
          dueAt: _.lt(nowDate()),
        }),
      ),
      orgNames([scope.orgId]),
    ])
    return {
      items: await views(page.items, caller),
      nextCursor: page.nextCursor,
      handlerName: names.get(scope.orgId) ?? '',
      overdueCount: overdue,
    }
  },
})

const mayHandle = (caller: Caller, appeal: AppealDoc) =>
  appeal.level === 'branch'
    ? !!appeal.branchId && isSecretaryOf(caller, appeal.branchId)
    : isCommunityAdminOf(caller, appeal.communityId)

const ACTION_LABELS: Record<AppealAction, string> = {
  accept: '受理',
  answer: '答复',
  escalate: '转交社区',
  rate: '评价',
}

/** Moves an appeal one step, only from the state it was read in (a concurrent change answers CONFLICT). */
async function transition(
  caller: Caller,
  appealId: string,
  action: AppealAction,
  note: string,
  extra: Partial<Pick<AppealDoc, 'answer' | 'rating'>> = {},
) {
  const actor = readerOf(caller)
  // Only the requester rates and only the handler moves it on; to anyone else it does not exist.
  const appeal = await findVisible<AppealDoc>(COLLECTIONS.appeals, appealId, '该诉求', (a) =>
    action === 'rate' ? isOwn(caller, a.requesterId) : mayHandle(caller, a),
  )
  const next = nextAppealState(appeal, action)
  if (!next)
    throw conflict(`诉求${APPEAL_STATUS_LABELS[appeal.status]}，不能${ACTION_LABELS[action]}`)
  const at = nowDate()
  const event: StoredAppealEvent = {
    action,
    status: next.status,
    at,
    byId: actor.id,
    byName: actor.name,
    note,
  }
  const db = getDb()
  const updated = await updatedCount(
    db
      .collection(COLLECTIONS.appeals)
      .where({ _id: appeal._id, status: appeal.status, level: appeal.level })
      .update({
        data: { ...next, ...extra, updatedAt: at, timeline: db.command.push([event]) },
      }),
  )
  if (!updated) throw conflict('诉求状态已变化，请刷新后再试')
  const changed: AppealDoc = { ...appeal, ...next, ...extra, updatedAt: at }
  changed.timeline = [...appeal.timeline, event]
  await notify('appealUpdate', changed.requesterOpenid, 'appeal/mine/index', {
    appeal: `${changed.category}：${changed.text}`,
    status: APPEAL_STATUS_LABELS[changed.status],
    note: note || ACTION_LABELS[action],
  })
  const [view] = await views([changed], caller)
  return { appeal: view }
}

export const acceptAppeal = defineAction('interact', 'acceptAppeal', {
  audience: 'member',
  roles: HANDLERS,
  scope: ['secretary', 'communityAdmin'],
  run: ({ caller }, input) => transition(caller, input.appealId, 'accept', ''),
})

export const answerAppeal = defineAction('interact', 'answerAppeal', {
  audience: 'member',
  roles: HANDLERS,
  scope: ['secretary', 'communityAdmin'],
  async run({ caller }, input) {
    await assertTextSafe(caller.openid, SCENE_PROFILE, input.answer)
    return transition(caller, input.appealId, 'answer', input.answer, { answer: input.answer })
  },
})

export const escalateAppeal = defineAction('interact', 'escalateAppeal', {
  audience: 'member',
  roles: ['secretary'],
  scope: ['secretary'],
  async run({ caller }, input) {
    await assertTextSafe(caller.openid, SCENE_PROFILE, input.note)
    return transition(caller, input.appealId, 'escalate', input.note)
  },
})

export const rateAppeal = defineAction('interact', 'rateAppeal', {
  audience: 'registered',
  scope: ['owner'],
  async run({ caller }, input) {
    if (input.comment) await assertTextSafe(caller.openid, SCENE_PROFILE, input.comment)
    return transition(caller, input.appealId, 'rate', input.comment ?? '', { rating: input.rating })
  },
})
