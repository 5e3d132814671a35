// Each branch's 留言板: members write, the secretary or 信息员 replies; unanswered 留言 over 3 days are flagged.
import { branchReadBy } from '../../../_shared/branches'
import { activeMember } from '../../../_shared/caller'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { count, findById, findVisible, updatedCount } from '../../../_shared/db'
import { messageOverdueBefore } from '../../../_shared/deadlines'
import { type ActionContext, defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid, notFound } from '../../../_shared/errors'
import { recordParticipation, reverseParticipation } from '../../../_shared/ledger'
import { orgNames } from '../../../_shared/org-names'
import { newestFirst } from '../../../_shared/paging'
import { takeRateUnit } from '../../../_shared/rate-limit'
import { assertTextSafe } from '../../../_shared/security'
import { cappedBy } from '../capped'
import { PAGE_SIZE, RATE_LIMITS, draftDocId } from '../domain'
import { KEEPERS, mayKeepBoard, mayRemove } from '../reader'
import type { BoardMessageDoc } from '../records'
import { toMessageView } from '../views'

const SCENE_COMMENT = 2

function myBranch(ctx: ActionContext) {
  const me = activeMember(ctx.caller)
  if (!me.branchId) throw invalid('您不属于任何支部，没有留言板')
  return { me, branchId: me.branchId }
}

export const postMessage = defineAction('interact', 'postMessage', {
  audience: 'member',
  scope: ['ownBranch'],
  async run(ctx, input) {
    const { me, branchId } = myBranch(ctx)
    await assertTextSafe(ctx.caller.openid, SCENE_COMMENT, input.text)
    await takeRateUnit(me._id, RATE_LIMITS.comment)
    const doc: BoardMessageDoc = {
      _id: draftDocId('m', me._id, input.draftId),
      branchId,
      communityId: me.communityId,
      authorId: me._id,
      authorName: me.name,
      authorOpenid: ctx.caller.openid,
      text: input.text,
      createdAt: nowDate(),
      answered: false,
      reply: null,
      deleted: false,
    }
    try {
      await getDb().collection(COLLECTIONS.boardMessages).add({ data: doc })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      const stored = await findById<BoardMessageDoc>(COLLECTIONS.boardMessages, doc._id)
      return {
        message: toMessageView(stored ?? doc, ctx.caller, nowDate()),
        counted: false,
        capped: null,
      }
    }
    const recorded = await recordParticipation({ member: me, rule: 'comment', ref: doc._id })
    return {
      message: toMessageView(doc, ctx.caller, nowDate()),
      counted: recorded.counted,
      capped: await cappedBy(me, recorded),
    }
  },
})

export const listMessages = defineAction('interact', 'listMessages', {
  audience: 'member',
  // The caller's own board, or a branch they belong to or oversee (its community's admin, a district admin).
  scope: ['readers'],
  async run(ctx, input) {
    const branchId = input.branchId
      ? (await branchReadBy(ctx.caller, input.branchId))._id
      : myBranch(ctx).branchId
    const canReply = mayKeepBoard(ctx.caller, branchId)
    const now = nowDate()
    const db = getDb()
    const _ = db.command
    const messages = db.collection(COLLECTIONS.boardMessages)
    const open = { branchId, answered: false, deleted: false }
    const [page, overdue, names] = await Promise.all([
      newestFirst<BoardMessageDoc>(
        COLLECTIONS.boardMessages,
        input.unansweredOnly ? open : { branchId, deleted: false },
        { cursor: input.cursor, limit: PAGE_SIZE },
      ),
      canReply
        ? count(messages.where({ ...open, createdAt: _.lt(messageOverdueBefore(now)) }))
        : null,
      orgNames([branchId]),
    ])
    return {
      items: page.items.map((m) => toMessageView(m, ctx.caller, now)),
      nextCursor: page.nextCursor,
      branchName: names.get(branchId) ?? '',
      canPost: ctx.caller.member?.branchId === branchId,
      canReply,
      overdueCount: overdue,
    }
  },
})

/** A 留言 on the caller's branch's board, or NOT_FOUND: other branches' boards are not theirs to see. */
const boardMessage = (messageId: string, branchId: string | null | undefined) =>
  findVisible<BoardMessageDoc>(
    COLLECTIONS.boardMessages,
    messageId,
    '该留言',
    (m) => !m.deleted && m.branchId === branchId,
  )

export const replyMessage = defineAction('interact', 'replyMessage', {
  audience: 'member',
  roles: KEEPERS,
  scope: ['branch'],
  async run({ caller }, input) {
    const me = activeMember(caller)
    const message = await boardMessage(input.messageId, me.branchId)
    if (!mayKeepBoard(caller, message.branchId)) throw denied('只有支部书记或信息员可以回复留言')
    if (message.answered) throw conflict('该留言已有回复')
    await assertTextSafe(caller.openid, SCENE_COMMENT, input.text)
    const now = nowDate()
    const reply = { text: input.text, byId: me._id, byName: me.name, at: now }
    const updated = await updatedCount(
      getDb()
        .collection(COLLECTIONS.boardMessages)
        .where({ _id: message._id, deleted: false, answered: false })
        .update({ data: { answered: true, reply } }),
    )
    if (!updated) {
      // Lost a race: another keeper replied first, or the author deleted the message meanwhile.
      const latest = await findById<BoardMessageDoc>(COLLECTIONS.boardMessages, message._id)
      if (!latest || latest.deleted) throw notFound('该留言')
      throw conflict('该留言已有回复')
    }
    return { message: toMessageView({ ...message, answered: true, reply }, caller, now) }
  },
})

export const deleteMessage = defineAction('interact', 'deleteMessage', {
  audience: 'member',
  scope: ['owner', 'secretary'],
  async run({ caller }, input) {
    const message = await boardMessage(input.messageId, caller.member?.branchId)
    if (!mayRemove(caller, message.authorId, message.branchId))
      throw denied('只有作者或支部书记可以删除留言')
    const updated = await updatedCount(
      getDb()
        .collection(COLLECTIONS.boardMessages)
        .where({ _id: message._id, deleted: false })
        .update({ data: { deleted: true, deletedBy: caller.member?._id, deletedAt: nowDate() } }),
    )
    if (!updated) throw notFound('该留言')
    // A deleted 留言 does not count: the ledger takes its point back.
    await reverseParticipation(message.authorId, 'comment', message._id)
    return { messageId: message._id }
  },
})
