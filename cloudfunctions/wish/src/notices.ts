// The subscription messages 微心愿 sends. Template ids are placeholders until the templates are applied for
// in the mini-program's console; each template's fields are the keys below.
import dayjs from 'dayjs'
import { ZONE, nowDate } from '../../_shared/clock'
import { notify, thing } from '../../_shared/notify'
import type { WishDoc } from './store'

export const TEMPLATES = {
  /** To the resident: 心愿名称 thing1, 认领党员 thing2, 时间 time3. */
  claimed: 'TMPL_WISH_CLAIMED_PLACEHOLDER',
  /** To the resident: 心愿名称 thing1, 完成情况 thing2, 时间 time3. */
  fulfilled: 'TMPL_WISH_FULFILLED_PLACEHOLDER',
  /** To the claimer: 心愿名称 thing1, 居民评价 thing2, 时间 time3. */
  confirmed: 'TMPL_WISH_CONFIRMED_PLACEHOLDER',
  /** To the community admin: 心愿名称 thing1, 认领党员 thing2, 认领时间 time3. */
  claimOverdue: 'TMPL_WISH_CLAIM_OVERDUE_PLACEHOLDER',
} as const

const page = (wish: WishDoc) => `pages/wish-detail/index?id=${wish._id}`
// `time` fields read like 2026年3月8日 09:30 (Shanghai).
const time = (d: Date) => ({ value: dayjs(d).tz(ZONE).format('YYYY年M月D日 HH:mm') })

export const noticeClaimed = (wish: WishDoc) =>
  notify({
    touser: wish.residentOpenid,
    templateId: TEMPLATES.claimed,
    page: page(wish),
    data: {
      thing1: thing(wish.title),
      thing2: thing(wish.claimer?.name ?? ''),
      time3: time(nowDate()),
    },
  })

export const noticeFulfilled = (wish: WishDoc) =>
  notify({
    touser: wish.residentOpenid,
    templateId: TEMPLATES.fulfilled,
    page: page(wish),
    data: {
      thing1: thing(wish.title),
      thing2: thing(wish.fulfilNote ?? ''),
      time3: time(nowDate()),
    },
  })

export const noticeConfirmed = (wish: WishDoc) =>
  wish.claimer
    ? notify({
        touser: wish.claimer.openid,
        templateId: TEMPLATES.confirmed,
        page: page(wish),
        data: {
          thing1: thing(wish.title),
          thing2: thing(`${wish.rating} 星：${wish.thanks ?? ''}`),
          time3: time(nowDate()),
        },
      })
    : Promise.resolve(false)

export const noticeClaimOverdue = (adminOpenid: string, wish: WishDoc) =>
  notify({
    touser: adminOpenid,
    templateId: TEMPLATES.claimOverdue,
    page: page(wish),
    data: {
      thing1: thing(wish.title),
      thing2: thing(wish.claimer?.name ?? ''),
      time3: time(wish.claimedAt ? new Date(wish.claimedAt) : nowDate()),
    },
  })
