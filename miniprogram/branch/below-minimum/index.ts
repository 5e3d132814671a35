// The secretary's members below this month's minimums, the furthest short first, each with what is still
// missing (还差 报到 1 次 · 留言 5 条), and 一键提醒: one reminder a day at most per member, whoever presses.
import type { BelowMinimumMember } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, opened } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { monthLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto } from '../../utils/page'
import { remindBelow } from '../../utils/todo'

export type Data = ElderData &
  LoadData & {
    monthTitle: string
    branchName: string
    members: BelowMinimumMember[]
    remindedToday: number
    reminding: boolean
  }

definePage<Data>()({
  behaviors: [loaded, pulled, opened],
  data: {
    monthTitle: '',
    branchName: '',
    members: [],
    remindedToday: 0,
    reminding: false,
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.checkin.belowMinimum({}),
        (view) => ({
          status: view.members.length ? 'ready' : 'empty',
          message: `${monthLabel(view.month)}全部党员都已达到最低要求`,
          monthTitle: monthLabel(view.month),
          branchName: view.branchName,
          members: view.members,
          remindedToday: view.remindedToday,
        }),
        {
          failed: (err) =>
            finalRefusal(
              err,
              `这里是支部书记查看、提醒本支部未达到每月最低要求的党员的页面。${OFFICERS_GO}`,
            ),
        },
      )
    },

    onRemind(): Promise<boolean> {
      return remindBelow(this, () => this.load())
    },

    onOpenMonth() {
      wx.navigateTo({ url: '/branch/branch-month/index' })
    },
  },
})
