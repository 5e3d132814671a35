// 我的心愿: a resident's own wishes, and the wishes a member has claimed; with none yet, a resident is led to
// 我有一个心愿 and a member to the wall.
import type { WishCard } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto } from '../../utils/page'

type Row = Pick<WishCard, 'id' | 'title' | 'statusText' | 'claimOverdue'>

export type Data = ElderData &
  LoadData & {
    asResident: Row[]
    asClaimer: Row[]
    /** Registered as a resident: may submit wishes. */
    isResident: boolean
  }

const toRow = (c: WishCard): Row => ({
  id: c.id,
  title: c.title,
  statusText: c.statusText,
  claimOverdue: c.claimOverdue,
})

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { asResident: [], asClaimer: [], isResident: false },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.wish.mine(), api.member.me()]),
        ([mine, { me }]) => ({
          asResident: mine.asResident.map(toRow),
          asClaimer: mine.asClaimer.map(toRow),
          isResident: me.kind === 'resident' || (me.kind === 'member' && !!me.resident),
        }),
      )
    },

    onOpen(e: IdTap) {
      wx.navigateTo({ url: `/wish/detail/index?id=${e.currentTarget.dataset.id}` })
    },

    onSubmitWish() {
      wx.navigateTo({ url: '/wish/submit/index' })
    },

    onWall() {
      wx.switchTab({ url: '/pages/wish-wall/index' })
    },
  },
})
