// Publishing: a secretary for their branch, a district admin for every branch (or one); text passes
// msgSecCheck before anything is stored, images start WeChat's asynchronous check.
import { findBranch } from '../../../_shared/branches'
import { activeMember, isDistrictAdmin, isSecretaryOf } from '../../../_shared/caller'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { addIfAbsent, findById, findVisible } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import { memberIdOf } from '../../../_shared/identity'
import { checkImages } from '../../../_shared/media'
import { assertTextSafe } from '../../../_shared/security'
import { EVERY_BRANCH, type ItemDoc, type TopicDoc, draftDocId, itemView, mayRead } from '../store'

/** msgSecCheck scene 3 (论坛), as news. */
const SCENE_FORUM = 3
const PUBLISHERS = ['secretary', 'districtAdmin'] as const

export const createTopic = defineAction('study', 'createTopic', {
  audience: 'member',
  roles: PUBLISHERS,
  scope: ['ownBranch', 'districtAdmin'],
  async run({ caller }, input) {
    let target: string
    if (isDistrictAdmin(caller)) {
      target = input.branchId ? (await findBranch(input.branchId))._id : EVERY_BRANCH
    } else {
      const own = activeMember(caller).branchId
      if (!own || !isSecretaryOf(caller, own) || (input.branchId && input.branchId !== own))
        throw denied('支部书记只能为本支部发布专题')
      target = own
    }
    await assertTextSafe(caller.openid, SCENE_FORUM, input.title)
    const topic: TopicDoc = {
      _id: draftDocId('t', caller.openid, input.draftId),
      title: input.title,
      dueMonth: input.dueMonth,
      target,
      authorId: memberIdOf(caller.openid),
      createdAt: nowDate(),
    }
    // A retried call finds the topic the first one stored.
    const stored = (await addIfAbsent(COLLECTIONS.studyTopics, topic))
      ? topic
      : ((await findById<TopicDoc>(COLLECTIONS.studyTopics, topic._id)) ?? topic)
    return {
      topic: {
        id: stored._id,
        title: stored.title,
        dueMonth: stored.dueMonth,
        branchId: stored.target === EVERY_BRANCH ? null : stored.target,
      },
    }
  },
})

export const publish = defineAction('study', 'publish', {
  audience: 'member',
  roles: PUBLISHERS,
  scope: ['secretary', 'districtAdmin'],
  async run({ caller }, input) {
    const topic = await findVisible<TopicDoc>(
      COLLECTIONS.studyTopics,
      input.topicId,
      '该专题',
      (t) => mayRead(caller, t.target),
    )
    if (!isDistrictAdmin(caller) && !isSecretaryOf(caller, topic.target))
      throw denied('只能在本支部的专题下发布')
    const quizTexts = (input.quiz?.questions ?? []).flatMap((q) => [q.text, ...q.options])
    await assertTextSafe(caller.openid, SCENE_FORUM, input.title, input.body, ...quizTexts)
    const authorId = memberIdOf(caller.openid)
    const _id = draftDocId('i', caller.openid, input.draftId)
    const [existing, communityId] = await Promise.all([
      findById<ItemDoc>(COLLECTIONS.studyItems, _id),
      // Who reviews the images WeChat may be unsure of: the branch's community admin (mayReviewStudy).
      topic.target === EVERY_BRANCH ? null : findBranch(topic.target).then((b) => b.communityId),
    ])
    if (existing) return { item: itemView(existing, authorId, null) }
    const media = await checkImages(caller.openid, input.images)
    const item: ItemDoc = {
      _id,
      topicId: topic._id,
      topicTitle: topic.title,
      target: topic.target,
      communityId,
      dueMonth: topic.dueMonth,
      title: input.title,
      kind: input.kind,
      body: input.body,
      images: input.images,
      ...(media ? { media } : {}),
      link: input.link ?? null,
      minutes: input.minutes,
      quiz: input.quiz ?? null,
      authorId,
      createdAt: nowDate(),
    }
    const stored = (await addIfAbsent(COLLECTIONS.studyItems, item))
      ? item
      : ((await findById<ItemDoc>(COLLECTIONS.studyItems, _id)) ?? item)
    return { item: itemView(stored, authorId, null) }
  },
})
