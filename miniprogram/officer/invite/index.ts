// 邀请党员登记: the branch secretary forwards an invitation into the branch's WeChat group or to one person; it
// opens 登记 with this branch (and its community) chosen. Only the secretary approves registrations, so only the
// secretary invites; anyone else is told whose page it is.
import { api } from '../../services/api'
import { type LoadData, loaded, opened } from '../../behaviors/load'
import { type ShareCard, shared } from '../../behaviors/share'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { forbidden, loadInto } from '../../utils/page'
import { holds } from '../../utils/viewer'

export type Data = ElderData &
  LoadData & {
    branchId: string
    branchName: string
    communityName: string
  }

const NOT_SECRETARY =
  '邀请党员登记由支部书记发出：转发到支部微信群，党员点开即可登记到本支部，由书记审核。'

definePage<Data>()({
  behaviors: [loaded, opened, shared],
  data: { branchId: '', branchName: '', communityName: '' },

  methods: {
    async load(): Promise<void> {
      await loadInto(
        this,
        () => api.member.me(),
        ({ me }) =>
          me.kind === 'member' && holds(me, 'secretary')
            ? { branchId: me.branchId, branchName: me.branchName, communityName: me.communityName }
            : forbidden(NOT_SECRETARY),
      )
      this.offerShare()
    },

    /** The card shows this page (the branch's name and what to do), nobody's details. */
    shareCard(): ShareCard | null {
      const { status, branchId, branchName } = this.data
      if (status !== 'ready') return null
      return {
        title: `邀请您登记到${branchName}`,
        path: `/pages/register/index?branchId=${encodeURIComponent(branchId)}`,
      }
    },
  },
})
