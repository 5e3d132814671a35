// Editing and withdrawing an item, by its publisher's level: the branch's secretary for the branch's items, a
// district admin for any. Edits stop once a member completed it (the quiz once one attempted it); withdrawing
// hides it from members and from what is due, and keeps it and the completions already in the ledger.
import type { Caller } from '../../../_shared/caller'
import { getDb } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, findVisible, rows, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { conflict, denied, invalid } from '../../../_shared/errors'
import { memberIdOf } from '../../../_shared/identity'
import { assertTextSafe } from '../../../_shared/security'
import { type ItemDoc, type TopicDoc, itemView, mayManage, mayRead } from '../store'

const SCENE_FORUM = 3
const PUBLISHERS = ['secretary', 'districtAdmin'] as const

/** The item as its publisher's level finds it, withdrawn or not; others who read it are refused. */
async function managed(caller: Caller, itemId: string) {
  const item = await findVisible<ItemDoc>(COLLECTIONS.studyItems, itemId, '该学习内容', (i) =>
    mayRead(caller, i.target),
  )
  if (!mayManage(caller, item.target)) throw denied('只有发布它的支部书记或区委组织部可以修改')
  return item
}

/** Whether any member's record of the item matches: one row read at most. */
const anyProgress = async (itemId: string, where: object) =>
  (
    await rows<{ _id: string }>(
      getDb()
        .collection(COLLECTIONS.studyProgress)
        .where({ itemId, ...where })
        .field({ _id: true })
        .limit(1),
    )
  ).length > 0

/** Why an edit found the item changed under it. */
async function refusal(itemId: string): Promise<string> {
  const now = await findById<ItemDoc>(COLLECTIONS.studyItems, itemId)
  if (!now || now.withdrawnAt) return '该学习内容已撤回，不能再修改'
  return now.lockedAt ? '已有党员学完这项内容，不能再修改' : '已有党员做过测验，不能再修改测验'
}

export const editItem = defineAction('study', 'editItem', {
  audience: 'member',
  roles: PUBLISHERS,
  scope: ['secretary', 'districtAdmin'],
  async run({ caller }, input) {
    const item = await managed(caller, input.itemId)
    if (item.withdrawnAt) throw conflict('该学习内容已撤回，不能再修改')
    if (item.kind === 'article' && !input.body) throw invalid('请填写正文')
    const _ = getDb().command
    const [topic, completed, attempted] = await Promise.all([
      input.topicId === item.topicId
        ? null
        : findVisible<TopicDoc>(COLLECTIONS.studyTopics, input.topicId, '该专题', (t) =>
            mayRead(caller, t.target),
          ),
      anyProgress(item._id, { completed: true }),
      input.quiz !== undefined ? anyProgress(item._id, { attempts: _.gt(0) }) : false,
    ])
    // Its readers stay who they were: a topic for other branches would change them.
    if (topic && topic.target !== item.target) throw invalid('只能移到面向同一范围的专题')
    if (completed) throw conflict('已有党员学完这项内容，不能再修改')
    if (attempted) throw conflict('已有党员做过测验，不能再修改测验')
    const quizTexts = (input.quiz?.questions ?? []).flatMap((q) => [q.text, ...q.options])
    await assertTextSafe(caller.openid, SCENE_FORUM, input.title, input.body, ...quizTexts)
    const changes = {
      title: input.title,
      body: input.body,
      minutes: input.minutes,
      ...(topic ? { topicId: topic._id, topicTitle: topic.title, dueMonth: topic.dueMonth } : {}),
      editedAt: nowDate(),
    }
    // Only while not withdrawn, completed (lockedAt) or, for a new quiz, attempted (quizLockedAt) meanwhile:
    // the reads above only answer the common case quickly, these conditions decide a race.
    const db = getDb()
    const changed = await updatedCount(
      db
        .collection(COLLECTIONS.studyItems)
        .where({
          _id: item._id,
          withdrawnAt: null,
          lockedAt: null,
          ...(input.quiz !== undefined ? { quizLockedAt: null } : {}),
        })
        .update({
          // A quiz is replaced whole, never merged into the old one.
          data: { ...changes, ...(input.quiz !== undefined ? { quiz: _.set(input.quiz) } : {}) },
        }),
    )
    if (!changed) throw conflict(await refusal(item._id))
    // Members' records carry the due month (completion by month reads it there).
    if (topic && topic.dueMonth !== item.dueMonth)
      await db
        .collection(COLLECTIONS.studyProgress)
        .where({ itemId: item._id })
        .update({ data: { dueMonth: topic.dueMonth } })
    const stored = { ...item, ...changes, quiz: input.quiz === undefined ? item.quiz : input.quiz }
    return { item: itemView(stored, memberIdOf(caller.openid), null, { manager: true }) }
  },
})

export const withdrawItem = defineAction('study', 'withdrawItem', {
  audience: 'member',
  roles: PUBLISHERS,
  scope: ['secretary', 'districtAdmin'],
  async run({ caller }, { itemId }) {
    const item = await managed(caller, itemId)
    const at = nowDate()
    // Once: a second withdrawal answers the first one's time.
    const changed = await updatedCount(
      getDb()
        .collection(COLLECTIONS.studyItems)
        .where({ _id: item._id, withdrawnAt: null })
        .update({ data: { withdrawnAt: at, withdrawnBy: memberIdOf(caller.openid) } }),
    )
    const withdrawnAt = changed ? at : (item.withdrawnAt ?? at)
    return { itemId: item._id, withdrawnAt: new Date(withdrawnAt).toISOString() }
  },
})
