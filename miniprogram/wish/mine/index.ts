// 我的心愿: a resident's own wishes, and the wishes a member has claimed.
import type { WishCard } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'

type Row = Pick<WishCard, 'id' | 'title' | 'status' | 'claimOverdue'>

export type Data = ElderData &
  LoadData & {
    asResident: Row[]
    asClaimer: Row[]
  }

const toRow = (c: WishCard): Row => ({
  id: c.id,
  title: c.title,
  status: c.status,
  claimOverdue: c.claimOverdue,
})

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { asResident: [], asClaimer: [] },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.wish.mine(),
        (mine) => ({
          asResident: mine.asResident.map(toRow),
          asClaimer: mine.asClaimer.map(toRow),
        }),
      )
    },

    onOpen(e: IdTap) {
      wx.navigateTo({ url: `/wish/detail/index?id=${e.currentTarget.dataset.id}` })
    },

    onWall() {
      wx.switchTab({ url: '/pages/wish-wall/index' })
    },
  },
})
