// 信息员: the secretary appoints or removes the branch's 信息员, who post the branch's news and reply on its
// 留言板, among its members; each change is confirmed first. Anyone else is told whose page it is.
import type { DirectoryEntry } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, opened } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { forRole, forbidden, loadInto, runAction, setRow } from '../../utils/page'
import { holds } from '../../utils/viewer'

type Row = { id: string; name: string; isOfficer: boolean; isSecretary: boolean }
type RowEvent = WechatMiniprogram.TouchEvent<object, object, { index: number }>

export type Data = ElderData &
  LoadData & {
    branchName: string
    /** The branch shown: an appointment is made there only (refused if the member has moved since). */
    branchId: string
    members: Row[]
    /** The row being changed (one at a time). */
    busyId: string
  }

const NOT_SECRETARY = '信息员由支部书记在这里任免：信息员负责发布本支部动态、回复留言板。'

const toRow = (m: Pick<DirectoryEntry, 'id' | 'name' | 'roles'>): Row => ({
  id: m.id,
  name: m.name,
  isOfficer: m.roles.includes('infoOfficer'),
  isSecretary: m.roles.includes('secretary'),
})

definePage<Data>()({
  behaviors: [loaded, pulled, opened],
  data: { branchName: '', branchId: '', members: [], busyId: '' },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () =>
          forRole(
            (me) => holds(me, 'secretary'),
            () => api.member.directory({ status: 'active' }),
          ),
        (allowed) =>
          allowed
            ? {
                branchName: allowed.data.branchName,
                branchId: allowed.data.branchId,
                members: allowed.data.members.map(toRow),
              }
            : forbidden(NOT_SECRETARY),
      )
    },

    async onToggle(e: RowEvent): Promise<void> {
      const index = e.currentTarget.dataset.index
      const row = this.data.members[index]
      const grant = !row.isOfficer
      const answer = await wx.showModal({
        title: grant ? `任命${row.name}为信息员？` : `免去${row.name}的信息员职务？`,
        content: grant
          ? '信息员可以发布本支部动态、回复留言板。'
          : '免去后不能再发布支部动态，已发布的动态保留。',
        confirmText: grant ? '任命' : '免去',
      })
      if (!answer.confirm) return
      await runAction(this, {
        busyKey: 'busyId',
        busyId: row.id,
        work: () =>
          api.member.setRole({
            memberId: row.id,
            role: 'infoOfficer',
            grant,
            branchId: this.data.branchId,
          }),
        done: grant ? '已任命' : '已免去',
        after: ({ roles }) => setRow(this, 'members', index, toRow({ ...row, roles })),
      })
    },
  },
})
