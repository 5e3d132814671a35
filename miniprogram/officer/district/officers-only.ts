// The district's pages (区工作台, 任免, 组织概况): whoever the server refuses — a member or resident following a
// link — is told what the page is for, as an empty state rather than an error with 重试.
import { finalRefusal } from '../../utils/page'

export const DISTRICT_ONLY =
  '这里是区委组织部的工作页面：任免书记和社区管理员、查看组织概况和月度排行。'
export const OFFICERS_ONLY = '这里是区委组织部和街道社区综合党委查看各支部情况的页面。'

/** For loadInto's `failed`: a refusal becomes an empty state saying `message`. */
export const refusedWith = (message: string) => (err: unknown) => {
  const refused = finalRefusal(err)
  return refused && { ...refused, message }
}
