// The caller as a reader and writer of 互动 content: their ids, branch and community, and what they may touch.
import { type Caller, isSecretaryOf } from '../../_shared/caller'
import { COLLECTIONS } from '../../_shared/collections'
import { findVisible } from '../../_shared/db'
import { mayOpenToReview, mayReviewInCommunity } from '../../_shared/media'
import { type NewsDoc, newsAudience, readerKeys } from '../../_shared/news'
import type { MemberDoc } from '../../_shared/records'

export type Reader = {
  id: string
  name: string
  kind: 'member' | 'resident'
  branchId: string | null
  communityId: string | null
}

/** An active member, else a resident (the dispatcher has checked the caller is one of them). */
export function readerOf(caller: Caller): Reader {
  const m = caller.member
  if (m?.status === 'active') {
    return {
      id: m._id,
      name: m.name,
      kind: 'member',
      branchId: m.branchId,
      communityId: m.communityId ?? m.adminCommunityId ?? null,
    }
  }
  const r = caller.resident!
  return { id: r._id, name: r.name, kind: 'resident', branchId: null, communityId: r.communityId }
}

/** Whether the caller raised it: as a member, or as the resident they were before (that side stays theirs). */
export const isOwn = (caller: Caller, id: string) =>
  caller.member?._id === id || caller.resident?._id === id

/** An active member of the branch: sees the names on its news and comments, which others see masked. */
export const inBranch = (
  member: Pick<MemberDoc, 'status' | 'branchId'> | null | undefined,
  branchId: string,
) => member?.status === 'active' && member.branchId === branchId

/** Deleted news and news outside the reader's branch, community or the public do not exist for them. */
export function mayRead(reader: Reader, news: NewsDoc): boolean {
  const keys = new Set(readerKeys(reader))
  return !news.deleted && newsAudience(news).some((key) => keys.has(key))
}

/**
 * Who decides news and appeal images WeChat was unsure of: the item's branch secretary, its community admin, a
 * district admin.
 */
export const mayReviewMedia = (
  caller: Caller,
  item: { branchId?: string | null; communityId: string | null },
) =>
  mayReviewInCommunity(caller, item.communityId) ||
  (!!item.branchId && isSecretaryOf(caller, item.branchId))

/** Whether the caller may open a news item: a reader may, and a reviewer while its images await them. */
export const mayOpenNews = (caller: Caller, news: NewsDoc) =>
  mayRead(readerOf(caller), news) ||
  (!news.deleted && mayOpenToReview(mayReviewMedia(caller, news), news.media))

/** A news item the caller may open, or NOT_FOUND (never a hint that another branch's item exists). */
export const openNews = (caller: Caller, newsId: string) =>
  findVisible<NewsDoc>(COLLECTIONS.news, newsId, '该动态', (news) => mayOpenNews(caller, news))

/** Posts (not bulletins) may be changed by their author or the branch secretary. */
export const mayManageNews = (caller: Caller, news: NewsDoc) =>
  news.kind === 'post' &&
  (caller.member?._id === news.authorId || isSecretaryOf(caller, news.branchId))

/** A comment or 留言 may be removed by its author or the secretary of the branch it belongs to. */
export const mayRemove = (caller: Caller, authorId: string, branchId: string) =>
  caller.member?._id === authorId || isSecretaryOf(caller, branchId)

/** Who keeps a branch's news and 留言板: its secretary and its 信息员 (the seeds' 网管员). */
export const KEEPERS = ['secretary', 'infoOfficer'] as const

/** The 留言板's keepers: the branch secretary and its 信息员. */
export const mayKeepBoard = (caller: Caller, branchId: string) =>
  isSecretaryOf(caller, branchId) ||
  (caller.roles.has('infoOfficer') && caller.member?.branchId === branchId)
