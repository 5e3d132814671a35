// The community's service posts (公益岗位 / 志愿活动): upcoming ones to edit, cancel and see who signed up, past
// ones whose sign-ups wait for a 反馈卡, each with how many signed up.
import type { ServicePost } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { todayKey } from '../../utils/date'
import { type ServiceCard, serviceCard } from '../../utils/format'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'
import { NOT_FOR_YOU, forCommunityAdmin } from '../community/admin-only'

type When = 'upcoming' | 'past'
type Row = ServiceCard & {
  /** Sign-ups whose hours are still to confirm. */
  waiting: number
  /** Its day has begun: hours may be confirmed. */
  held: boolean
  /** Not cancelled, its day not over, nothing confirmed yet. */
  editable: boolean
}
type WhenTap = WechatMiniprogram.TouchEvent<object, object, { when: When }>

export type Data = ElderData &
  LoadData & {
    when: When
    /** A community admin: the tabs and 发布 show. */
    forMe: boolean
    rows: Row[]
  }

function rowOf(s: ServicePost, today: string): Row {
  const signups = s.signups ?? []
  const confirmed = signups.filter((x) => x.status === 'confirmed').length
  return {
    ...serviceCard(s),
    waiting: signups.length - confirmed,
    held: s.date <= today,
    editable: !s.cancelled && s.date >= today && confirmed === 0,
  }
}

const EMPTY: Record<When, string> = {
  upcoming: '近期没有服务岗位，点"发布服务岗位"添加',
  past: '还没有已结束的服务岗位',
}

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { when: 'upcoming', forMe: false, rows: [] },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.when === 'past') this.setData({ when: 'past' })
    },

    load(): Promise<void> {
      const { when } = this.data
      return loadInto(
        this,
        () => forCommunityAdmin(() => api.community.services({ when })),
        (result) => {
          if (!result) return NOT_FOR_YOU
          const today = todayKey()
          return {
            status: result.services.length ? 'ready' : 'empty',
            message: EMPTY[when],
            forMe: true,
            rows: result.services.map((s) => rowOf(s, today)),
          }
        },
      )
    },

    onWhen(e: WhenTap) {
      const { when } = e.currentTarget.dataset
      if (when === this.data.when) return
      this.setData({ when, status: 'loading', rows: [] })
      this.load()
    },

    onPost() {
      wx.navigateTo({ url: '/officer/service-form/index' })
    },

    onEdit(e: IdTap) {
      wx.navigateTo({ url: `/officer/service-form/index?id=${e.currentTarget.dataset.id}` })
    },

    onConfirm(e: IdTap) {
      wx.navigateTo({ url: `/officer/service-confirm/index?id=${e.currentTarget.dataset.id}` })
    },
  },
})
