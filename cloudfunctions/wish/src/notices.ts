// The subscription messages 微心愿 sends (templates in miniprogram/subscribe-templates.ts).
import { nowDate } from '../../_shared/clock'
import { notify, noticeTime } from '../../_shared/notify'
import type { WishDoc } from './store'

const page = (wish: WishDoc) => `wish/detail/index?id=${wish._id}`

export const noticeClaimed = (wish: WishDoc) =>
  notify('wishClaimed', wish.residentOpenid, page(wish), {
    wish: wish.title,
    claimer: wish.claimer?.name ?? '',
    at: noticeTime(nowDate()),
  })

export const noticeFulfilled = (wish: WishDoc) =>
  notify('wishFulfilled', wish.residentOpenid, page(wish), {
    wish: wish.title,
    note: wish.fulfilNote ?? '',
    at: noticeTime(nowDate()),
  })

export const noticeConfirmed = (wish: WishDoc) =>
  wish.claimer
    ? notify('wishConfirmed', wish.claimer.openid, page(wish), {
        wish: wish.title,
        review: wish.confirmedForResident
          ? '社区电话回访后代为确认'
          : `${wish.rating} 星：${wish.thanks ?? ''}`,
        at: noticeTime(nowDate()),
      })
    : Promise.resolve(false)

/** 还没办好 tells the claimer through the same template: the resident's word on their work. */
export const noticeReopened = (wish: WishDoc, note: string) =>
  wish.claimer
    ? notify('wishConfirmed', wish.claimer.openid, page(wish), {
        wish: wish.title,
        review: `还没办好：${note}`,
        at: noticeTime(nowDate()),
      })
    : Promise.resolve(false)

export const noticeClaimOverdue = (adminOpenid: string, wish: WishDoc) =>
  notify('wishClaimOverdue', adminOpenid, page(wish), {
    wish: wish.title,
    claimer: wish.claimer?.name ?? '',
    at: noticeTime(wish.claimedAt ? new Date(wish.claimedAt) : nowDate()),
  })
