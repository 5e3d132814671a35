// 支部通讯录: the branch's members with masked numbers (138****1234), searchable by name. Only the branch
// secretary sees a full number, on demand (查看完整号码 or 拨打, each look recorded by member.revealPhone);
// members see masked numbers only and call through their secretary, as the privacy guide says.
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, opened } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage, type IdTap } from '../../utils/define'
import { rolesText } from '../../utils/format'
import { OFFICERS_GO, forRole, forbidden, loadInto, runAction } from '../../utils/page'

/** `own`: the secretary's own row (a branch has one secretary), offered no reveal or call. */
type Row = {
  id: string
  name: string
  phone: string
  rolesText: string
  revealed: boolean
  own: boolean
}

/** Rows drawn at a time: a branch has at most 1,000 members, read in one call and filtered here. */
const PAGE = 50

export type Data = ElderData &
  LoadData & {
    branchName: string
    /** The branch secretary: full numbers on demand and a call button. */
    secretary: boolean
    members: Row[]
    query: string
    /** The rows that match `query`, the first `limit` of them drawn. */
    shown: Row[]
    matched: number
    limit: number
    revealingId: string
  }

const FOR_MEMBERS = `支部通讯录供本支部党员查看。${OFFICERS_GO}`

definePage<Data>()({
  behaviors: [loaded, pulled, opened],
  data: {
    branchName: '',
    secretary: false,
    members: [],
    query: '',
    shown: [],
    matched: 0,
    limit: PAGE,
    revealingId: '',
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () =>
          forRole(
            (me) => me.kind === 'member' && me.status === 'active',
            () => api.member.directory({ status: 'active' }),
          ),
        (found) => {
          if (!found) return forbidden(FOR_MEMBERS)
          const d = found.data
          const members = d.members.map((m): Row => ({
            id: m.id,
            name: m.name,
            phone: m.phone,
            rolesText: rolesText(m.roles),
            revealed: false,
            own: d.mayReveal && m.roles.includes('secretary'),
          }))
          return {
            status: members.length ? 'ready' : 'empty',
            message: `${d.branchName}还没有已认证的党员`,
            branchName: d.branchName,
            secretary: d.mayReveal,
            members,
            ...this.filtered(members, this.data.query, PAGE),
          }
        },
      )
    },

    filtered(members: Row[], query: string, limit: number) {
      const q = query.trim()
      const matching = q ? members.filter((m) => m.name.includes(q)) : members
      return { shown: matching.slice(0, limit), matched: matching.length, limit }
    },

    onSearch(e: WechatMiniprogram.Input) {
      const query = e.detail.value
      this.setData({ query, ...this.filtered(this.data.members, query, PAGE) })
    },

    onClear() {
      this.setData({ query: '', ...this.filtered(this.data.members, '', PAGE) })
    },

    onMore() {
      const { members, query, limit } = this.data
      this.setData(this.filtered(members, query, limit + PAGE))
    },

    /** The secretary's 查看完整号码: the number replaces the masked one in this row. */
    onReveal(e: IdTap): Promise<boolean> {
      return this.reveal(e.currentTarget.dataset.id)
    },

    /** 拨打: the full number is asked for (and recorded) first if it is not shown yet. */
    async onCall(e: IdTap): Promise<void> {
      const id = e.currentTarget.dataset.id
      const row = this.data.members.find((m) => m.id === id)
      if (!row || (!row.revealed && !(await this.reveal(id)))) return
      const phone = this.data.members.find((m) => m.id === id)!.phone
      wx.makePhoneCall({ phoneNumber: phone })
    },

    reveal(memberId: string): Promise<boolean> {
      return runAction(this, {
        busyKey: 'revealingId',
        busyId: memberId,
        work: () => api.member.revealPhone({ memberId }),
        after: ({ phone }) => {
          const members = this.data.members.map((m) =>
            m.id === memberId ? { ...m, phone, revealed: true } : m,
          )
          const { query, limit } = this.data
          this.setData({ members, ...this.filtered(members, query, limit) })
        },
      })
    },
  },
})
