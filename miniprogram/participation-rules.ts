// The participation rules: one table that the ledger enforces and the pages show, so a score explains itself.
//
// It lives in the mini-program because pages need its values (积分规则) and typings/ is outside the uploaded
// package; typings/participation.ts re-exports it for the contract and the cloud functions, which bundle it with
// esbuild. Keep it plain data: no imports, nothing that touches wx.

export const RULE_IDS = [
  'checkin',
  'comment',
  'orglifeAttend',
  'orglifeSpeak',
  'newsPosted',
  'wishFulfilled',
  'serviceHours',
  'study',
  'duesOnTime',
] as const
export type RuleId = (typeof RULE_IDS)[number]

export type ParticipationRule = {
  label: string
  /** What one unit is called in the 积分规则 (每条 1 分). */
  unit: string
  /** Points per unit (a unit is one action, or one hour of service). */
  weight: number
  /** Units counted per member per Shanghai day / calendar month; beyond them an action is recorded but not counted. */
  dailyCap: number
  monthlyCap: number
  /** Where a single reference (one session) may count several times, at most this many. */
  perRefCap?: number
  explain: string
}

// Caps in the manner of 学习强国's daily caps, so scripted farming cannot climb the ranking;
// verified actions (attendance, a resident's confirmation, confirmed service) weigh more than clicks.
export const PARTICIPATION_RULES: Record<RuleId, ParticipationRule> = {
  checkin: {
    label: '党员报到',
    unit: '次',
    weight: 2,
    dailyCap: 1,
    monthlyCap: 31,
    explain: '每天报到一次记 2 分',
  },
  comment: {
    label: '评论留言',
    unit: '条',
    weight: 1,
    dailyCap: 5,
    monthlyCap: 60,
    explain: '评论或留言每条记 1 分，每天最多 5 条',
  },
  orglifeAttend: {
    label: '参加组织生活',
    unit: '次',
    weight: 5,
    dailyCap: 3,
    monthlyCap: 15,
    explain: '参加一次网上组织生活记 5 分',
  },
  orglifeSpeak: {
    label: '组织生活发言',
    unit: '条',
    weight: 2,
    dailyCap: 6,
    monthlyCap: 30,
    perRefCap: 3,
    explain: '组织生活中发言每条记 2 分，每次会议最多 3 条',
  },
  newsPosted: {
    label: '发布支部动态',
    unit: '篇',
    weight: 3,
    dailyCap: 2,
    monthlyCap: 20,
    explain: '发布支部动态每篇记 3 分，每天最多 2 篇',
  },
  wishFulfilled: {
    label: '完成微心愿',
    unit: '个',
    weight: 10,
    dailyCap: 3,
    monthlyCap: 10,
    explain: '居民确认心愿完成后记 10 分',
  },
  serviceHours: {
    label: '社区志愿服务',
    unit: '小时',
    weight: 2,
    dailyCap: 12,
    monthlyCap: 80,
    explain: '社区确认的志愿服务每小时记 2 分',
  },
  study: {
    label: '网上党校学习',
    unit: '项',
    weight: 3,
    dailyCap: 5,
    monthlyCap: 30,
    explain: '学完网上党校的一项内容（有测验的须测验合格）记 3 分，每项只记一次',
  },
  duesOnTime: {
    label: '按时交纳党费',
    unit: '次',
    weight: 2,
    dailyCap: 1,
    monthlyCap: 1,
    explain: '当月党费在月底前交纳记 2 分，每月一次',
  },
}
