// 转发 into a WeChat chat: the page says what its card is (shareCard, null when it has nothing to forward) and
// offerShare() after each load shows or hides the menu's 转发 to match. A card links to the page itself, so
// whoever opens it is authorised by the server as usual: a card never carries what its reader may not see.
import { defineBehavior } from '../utils/define'

export type ShareCard = { title: string; path: string; imageUrl?: string }

/** What 转发 sends before the page has a card of its own (still loading): the front page, nothing more. */
const FRONT_PAGE: ShareCard = { title: '两新互动', path: '/pages/home/index' }

export const shared = defineBehavior<object, { shareCard(): ShareCard | null }>()({
  data: {},
  methods: {
    /** The menu's 转发 and `<button open-type="share">` both land here. */
    onShareAppMessage(): ShareCard {
      return this.shareCard() ?? FRONT_PAGE
    },

    offerShare() {
      if (this.shareCard()) wx.showShareMenu({ menus: ['shareAppMessage'] })
      else wx.hideShareMenu()
    },
  },
})
