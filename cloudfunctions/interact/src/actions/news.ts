// Branch news: secretaries and 信息员 post to their branch; readers see their branch, community and public news.
import { activeMember } from '../../../_shared/caller'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { nowDate } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import { findById, updatedCount } from '../../../_shared/db'
import { defineAction } from '../../../_shared/dispatcher'
import { denied, invalid, notFound } from '../../../_shared/errors'
import { recordParticipation, reverseParticipation } from '../../../_shared/ledger'
import { checkImages } from '../../../_shared/media'
import {
  type NewsDoc,
  insertNews,
  forgetLastNews,
  keepLastNews,
  newsAudience,
  readerKeys,
} from '../../../_shared/news'
import { orgNames } from '../../../_shared/org-names'
import { newestFirst } from '../../../_shared/paging'
import { takeRateUnit } from '../../../_shared/rate-limit'
import { assertTextSafe } from '../../../_shared/security'
import { PAGE_SIZE, RATE_LIMITS, draftDocId } from '../domain'
import { KEEPERS, mayManageNews, openNews, readerOf } from '../reader'
import { toNewsCard, toNewsDetail } from '../views'

const SCENE_FORUM = 3

async function branchName(branchId: string) {
  return (await orgNames([branchId])).get(branchId) ?? ''
}

export const postNews = defineAction('interact', 'postNews', {
  audience: 'member',
  roles: KEEPERS,
  scope: ['ownBranch'],
  async run({ caller }, input) {
    const me = activeMember(caller)
    if (!me.branchId) throw invalid('您不属于任何支部，不能发布支部动态')
    await assertTextSafe(caller.openid, SCENE_FORUM, input.title, input.body)
    await takeRateUnit(me._id, RATE_LIMITS.news)
    const at = nowDate()
    const media = await checkImages(caller.openid, input.images)
    const doc: NewsDoc = {
      _id: draftDocId('n', me._id, input.draftId),
      branchId: me.branchId,
      communityId: me.communityId ?? '',
      authorId: me._id,
      authorName: me.name,
      title: input.title,
      body: input.body,
      images: input.images,
      visibility: input.visibility,
      kind: 'post',
      createdAt: at,
      updatedAt: at,
      commentCount: 0,
      readCount: 0,
      deleted: false,
      ...(media ? { media } : {}),
    }
    let stored = doc
    try {
      await insertNews(doc)
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      // A retried submit of the same draft: answer what the first one stored.
      stored = (await findById<NewsDoc>(COLLECTIONS.news, doc._id)) ?? doc
    }
    const [name] = await Promise.all([
      branchName(stored.branchId),
      recordParticipation({ member: me, rule: 'newsPosted', ref: stored._id }),
      stored === doc && keepLastNews(stored.branchId, at),
    ])
    return { news: toNewsDetail(stored, name, caller) }
  },
})

export const editNews = defineAction('interact', 'editNews', {
  audience: 'member',
  scope: ['owner', 'secretary'],
  async run(ctx, input) {
    const { caller } = ctx
    const news = await openNews(caller, input.newsId)
    if (!mayManageNews(caller, news)) throw denied('只有作者或支部书记可以修改这条动态')
    await assertTextSafe(caller.openid, SCENE_FORUM, input.title, input.body)
    const sameImages = input.images.join('\n') === news.images.join('\n')
    const changes = {
      title: input.title,
      body: input.body,
      images: input.images,
      visibility: input.visibility,
      updatedAt: nowDate(),
    }
    const audience = newsAudience({ ...news, ...changes })
    const _ = getDb().command
    // Unchanged images keep their check untouched: a result or decision arriving since the read must stand.
    // New ones replace it whole (not merged), so they start without the old ones' results or review.
    const media = sameImages ? news.media : await checkImages(caller.openid, input.images)
    const newMedia = sameImages ? {} : { media: media ? _.set(media) : _.remove() }
    const updated = await updatedCount(
      getDb()
        .collection(COLLECTIONS.news)
        .where({ _id: news._id, deleted: false })
        .update({ data: { ...changes, audience, ...newMedia } }),
    )
    if (!updated) throw notFound('该动态')
    const edited: NewsDoc = { ...news, ...changes, audience, media }
    return { news: toNewsDetail(edited, await branchName(news.branchId), caller) }
  },
})

export const deleteNews = defineAction('interact', 'deleteNews', {
  audience: 'member',
  scope: ['owner', 'secretary'],
  async run(ctx, input) {
    const news = await openNews(ctx.caller, input.newsId)
    if (!mayManageNews(ctx.caller, news)) throw denied('只有作者或支部书记可以删除这条动态')
    const updated = await updatedCount(
      getDb()
        .collection(COLLECTIONS.news)
        .where({ _id: news._id, deleted: false })
        .update({
          data: { deleted: true, deletedBy: ctx.caller.member?._id, updatedAt: nowDate() },
        }),
    )
    if (!updated) throw notFound('该动态')
    // A deleted post does not count: the ledger takes its points back, and the branch's latest post may be
    // an earlier one now.
    await Promise.all([
      reverseParticipation(news.authorId, 'newsPosted', news._id),
      forgetLastNews(news.branchId, news.createdAt),
    ])
    return { newsId: news._id }
  },
})

export const listNews = defineAction('interact', 'listNews', {
  audience: 'registered',
  scope: ['self'],
  async run({ caller }, input) {
    const _ = getDb().command
    const page = await newestFirst<NewsDoc>(
      COLLECTIONS.news,
      { audience: _.in(readerKeys(readerOf(caller))), deleted: false },
      { cursor: input.cursor, limit: PAGE_SIZE },
    )
    const names = await orgNames(page.items.map((n) => n.branchId))
    return {
      items: page.items.map((n) => toNewsCard(n, names.get(n.branchId) ?? '', caller)),
      nextCursor: page.nextCursor,
    }
  },
})

/** One read per reader: the read marker's id is (news, reader), so only its first insert bumps the count. */
async function countRead(news: NewsDoc, readerId: string): Promise<boolean> {
  const db = getDb()
  try {
    await db.collection(COLLECTIONS.newsReads).add({
      data: { _id: `${news._id}_${readerId}`, newsId: news._id, readerId, at: nowDate() },
    })
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
  await db
    .collection(COLLECTIONS.news)
    .doc(news._id)
    .update({ data: { readCount: db.command.inc(1) } })
  return true
}

export const newsDetail = defineAction('interact', 'newsDetail', {
  audience: 'registered',
  scope: ['readers'],
  async run(ctx, input) {
    const news = await openNews(ctx.caller, input.newsId)
    const [name, firstRead] = await Promise.all([
      branchName(news.branchId),
      countRead(news, readerOf(ctx.caller).id),
    ])
    const shown = firstRead ? { ...news, readCount: news.readCount + 1 } : news
    return { news: toNewsDetail(shown, name, ctx.caller) }
  },
})
