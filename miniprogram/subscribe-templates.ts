// Subscription-message templates (订阅消息), the one place their ids and fields are configured. Apply for each
// title in the 小程序管理后台 (订阅消息 → 公共模板库), pick keywords like the labels below, then copy the template
// id and the field names WeChat shows (thing1, time3 …) here; README "订阅消息模板" lists them.
//
// It lives in the mini-program because both sides need the ids as values: pages pass them to
// wx.requestSubscribeMessage, and typings/ is outside the uploaded package (pages import it as types only). The
// cloud functions bundle this file with esbuild. Keep it plain data: no imports, nothing that touches wx.

/** An id that has not been configured yet; `npm run deploy` warns while any is left. */
export const UNSET_ID_PREFIX = 'unset-'

export const SUBSCRIBE_TEMPLATES = {
  memberReviewed: {
    title: '审核结果通知',
    id: 'unset-memberReviewed',
    fields: {
      result: { name: 'phrase1', label: '审核结果' },
      item: { name: 'thing2', label: '申请事项' },
      note: { name: 'thing3', label: '备注' },
      at: { name: 'time4', label: '审核时间' },
    },
  },
  leaveDecided: {
    title: '请假审批结果通知',
    id: 'unset-leaveDecided',
    fields: {
      topic: { name: 'thing1', label: '会议主题' },
      result: { name: 'phrase2', label: '审批结果' },
      at: { name: 'time3', label: '审批时间' },
    },
  },
  appealUpdate: {
    title: '诉求处理进度通知',
    id: 'unset-appealUpdate',
    fields: {
      appeal: { name: 'thing1', label: '诉求内容' },
      status: { name: 'phrase2', label: '处理状态' },
      note: { name: 'thing3', label: '处理意见' },
    },
  },
  commentReply: {
    title: '评论回复通知',
    id: 'unset-commentReply',
    fields: {
      news: { name: 'thing1', label: '动态标题' },
      replier: { name: 'name2', label: '回复人' },
      text: { name: 'thing3', label: '回复内容' },
    },
  },
  wishClaimed: {
    title: '心愿认领通知',
    id: 'unset-wishClaimed',
    fields: {
      wish: { name: 'thing1', label: '心愿名称' },
      claimer: { name: 'thing2', label: '认领党员' },
      at: { name: 'time3', label: '认领时间' },
    },
  },
  wishFulfilled: {
    title: '心愿完成通知',
    id: 'unset-wishFulfilled',
    fields: {
      wish: { name: 'thing1', label: '心愿名称' },
      note: { name: 'thing2', label: '完成情况' },
      at: { name: 'time3', label: '完成时间' },
    },
  },
  wishConfirmed: {
    title: '心愿确认通知',
    id: 'unset-wishConfirmed',
    fields: {
      wish: { name: 'thing1', label: '心愿名称' },
      review: { name: 'thing2', label: '居民评价' },
      at: { name: 'time3', label: '确认时间' },
    },
  },
  wishClaimOverdue: {
    title: '心愿认领超时提醒',
    id: 'unset-wishClaimOverdue',
    fields: {
      wish: { name: 'thing1', label: '心愿名称' },
      claimer: { name: 'thing2', label: '认领党员' },
      at: { name: 'time3', label: '认领时间' },
    },
  },
  duesDue: {
    title: '党费交纳提醒',
    id: 'unset-duesDue',
    fields: {
      item: { name: 'thing1', label: '缴费项目' },
      amount: { name: 'thing2', label: '应缴金额' },
      due: { name: 'date3', label: '截止日期' },
    },
  },
  monthlyMinimum: {
    title: '月度任务提醒',
    id: 'unset-monthlyMinimum',
    fields: {
      shortfall: { name: 'thing1', label: '未完成事项' },
      branch: { name: 'thing2', label: '所在支部' },
      due: { name: 'date3', label: '截止日期' },
    },
  },
  sessionOpened: {
    title: '会议开始提醒',
    id: 'unset-sessionOpened',
    fields: {
      topic: { name: 'thing1', label: '会议主题' },
      type: { name: 'thing2', label: '会议类型' },
      closes: { name: 'time3', label: '截止时间' },
      tip: { name: 'thing4', label: '温馨提示' },
    },
  },
  closingReminder: {
    title: '会议截止提醒',
    id: 'unset-closingReminder',
    fields: {
      topic: { name: 'thing1', label: '会议主题' },
      type: { name: 'thing2', label: '会议类型' },
      closes: { name: 'time3', label: '截止时间' },
      tip: { name: 'thing4', label: '温馨提示' },
    },
  },
  serviceCancelled: {
    title: '活动取消通知',
    id: 'unset-serviceCancelled',
    fields: {
      service: { name: 'thing1', label: '活动名称' },
      date: { name: 'date2', label: '活动日期' },
      reason: { name: 'thing3', label: '取消原因' },
    },
  },
  reportDue: {
    title: '到期提醒',
    id: 'unset-reportDue',
    fields: {
      item: { name: 'thing1', label: '提醒事项' },
      community: { name: 'thing2', label: '报到社区' },
      due: { name: 'date3', label: '到期日期' },
    },
  },
} as const

export type TemplateKey = keyof typeof SUBSCRIBE_TEMPLATES

/** The values a message of template `K` carries, by the template's own field keys. */
export type TemplateValues<K extends TemplateKey> = Record<
  keyof (typeof SUBSCRIBE_TEMPLATES)[K]['fields'],
  string
>
