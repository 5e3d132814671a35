// 服务岗位: the community's upcoming 公益岗位 and 志愿活动, with sign-up and withdrawal.
import type { ServicePost } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type ServiceCard, serviceCard } from '../../utils/format'
import { type IdTap, definePage } from '../../utils/define'
import { askToNotify } from '../../utils/subscribe'
import {
  OFFICERS_GO,
  finalRefusal,
  loadInto,
  runAction,
  setRow,
  showFailure,
} from '../../utils/page'

type Row = ServiceCard & Pick<ServicePost, 'mine'> & { full: boolean }

export type Data = ElderData &
  LoadData & {
    needsReport: boolean
    services: Row[]
    busyId: string
  }

const toRow = (s: ServicePost): Row => ({
  ...serviceCard(s),
  mine: s.mine,
  full: s.signedUp >= s.slots,
})

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { needsReport: false, services: [], busyId: '' },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.community.services(), api.community.myRecord()]),
        ([{ services }, record]) => {
          const state = record.report?.state ?? 'none'
          return {
            needsReport: state === 'none' || state === 'overdue',
            services: services.map(toRow),
          }
        },
        {
          failed: (err) =>
            finalRefusal(
              err,
              `服务岗位由各社区党委发布，在职党员到居住社区报到后报名。${OFFICERS_GO}`,
            ),
        },
      )
    },

    onSignup(e: IdTap): Promise<boolean> {
      const id = e.currentTarget.dataset.id
      return this.act(
        id,
        async () => {
          // Whoever signs up hears if the community cancels the post.
          await askToNotify(['serviceCancelled'])
          return api.community.signup({ serviceId: id })
        },
        '报名成功',
      )
    },

    onWithdraw(e: IdTap): Promise<boolean> {
      const id = e.currentTarget.dataset.id
      return this.act(id, () => api.community.withdraw({ serviceId: id }), '已取消报名')
    },

    /** One service at a time; the changed service replaces its row, a refusal reloads the list. */
    act(id: string, work: () => Promise<{ service: ServicePost }>, done: string): Promise<boolean> {
      return runAction(this, {
        busyKey: 'busyId',
        busyId: id,
        work,
        done,
        after: ({ service }) => {
          const index = this.data.services.findIndex((s) => s.id === id)
          setRow(this, 'services', index, toRow(service))
        },
        failed: (err) => {
          showFailure(err)
          return this.load()
        },
      })
    },

    onReport() {
      wx.navigateTo({ url: '/community/report/index' })
    },

    onRecord() {
      wx.navigateTo({ url: '/community/record/index' })
    },
  },
})
