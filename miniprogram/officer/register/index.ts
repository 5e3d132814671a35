// 组织名册: the communities (街道 / 社区综合党委) and their branches, each with its members and the 两新
// organisations it covers (its roster opens 两新组织), and the forms to add, edit and retire them: a district
// admin keeps communities and every branch, a community admin their community's branches. Retiring keeps the
// org, marked with when and by whom; the server refuses while members or organisations remain. A branch may be
// merged into another of its community, and a district admin may move one to another community.
// ?communityId= narrows a district admin's view to one community.
import type { BranchType, RegisterBranch, RegisterCommunity, Retired } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDate } from '../../utils/date'
import { definePage } from '../../utils/define'
import { newDraftId } from '../../utils/interact'
import { loadInto, runAction, showFailure } from '../../utils/page'
import { refusedWith } from '../district/officers-only'
import { REGISTER_ONLY } from './only'

const TYPES: BranchType[] = ['独立', '联合', '楼宇', '园区', '行业']

type BranchRow = Omit<RegisterBranch, 'retired'> & { retiredNote: string }
type CommunityRow = { id: string; name: string; retiredNote: string; branches: BranchRow[] }

/** The form open at the top of the page: a new or renamed community, a new or edited branch. */
type Form = {
  kind: 'community' | 'branch'
  /** '' for a new one. */
  id: string
  communityId: string
  name: string
  typeIndex: number
  draftId: string
}

/** Merging a branch into another of its community, or (district admins) moving it to another community. */
type Change = {
  kind: 'merge' | 'move'
  branchId: string
  branchName: string
  choices: { id: string; name: string }[]
  index: number
}

export type Data = ElderData &
  LoadData & {
    communityId: string
    communities: CommunityRow[]
    manageCommunities: boolean
    types: BranchType[]
    form: Form | null
    change: Change | null
    busy: boolean
  }

const retiredNote = (r: Retired) =>
  r ? `已于 ${formatDate(r.at)} 撤销${r.by ? `（${r.by}）` : ''}` : ''
const toCommunity = (c: RegisterCommunity): CommunityRow => ({
  id: c.id,
  name: c.name,
  retiredNote: retiredNote(c.retired),
  branches: c.branches.map(({ retired, ...b }) => ({ ...b, retiredNote: retiredNote(retired) })),
})

type Tap = WechatMiniprogram.TouchEvent<
  object,
  object,
  { id: string; name?: string; type?: BranchType; community?: string; kind?: Change['kind'] }
>

const blank = (kind: Form['kind'], communityId = ''): Form => ({
  kind,
  id: '',
  communityId,
  name: '',
  typeIndex: 0,
  draftId: newDraftId(),
})

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: {
    communityId: '',
    communities: [],
    manageCommunities: false,
    types: TYPES,
    form: null,
    change: null,
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ communityId: query.communityId ?? '' })
    },

    load(): Promise<void> {
      const { communityId } = this.data
      return loadInto(
        this,
        () => api.org.register(communityId ? { communityId } : {}),
        (r) => ({
          status: r.communities.length || r.manageCommunities ? 'ready' : 'empty',
          message: '还没有社区和支部',
          communities: r.communities.map(toCommunity),
          manageCommunities: r.manageCommunities,
        }),
        { failed: refusedWith(REGISTER_ONLY) },
      )
    },

    onNewCommunity() {
      this.setData({ form: blank('community') })
    },

    onNewBranch(e: Tap) {
      this.setData({ form: blank('branch', e.currentTarget.dataset.id) })
    },

    onEdit(e: Tap) {
      const { id, name = '', type, community = '' } = e.currentTarget.dataset
      const kind = type ? 'branch' : 'community'
      const typeIndex = Math.max(0, TYPES.indexOf(type ?? '独立'))
      this.setData({ form: { ...blank(kind, community), id, name, typeIndex } })
    },

    onCloseForm() {
      this.setData({ form: null })
    },

    onName(e: WechatMiniprogram.Input) {
      this.edit({ name: e.detail.value })
    },

    onType(e: WechatMiniprogram.PickerChange) {
      this.edit({ typeIndex: Number(e.detail.value) })
    },

    edit(change: Partial<Form>) {
      const form = this.data.form
      if (form) this.setData({ form: { ...form, ...change } })
    },

    async onSave(): Promise<void> {
      const form = this.data.form
      if (!form) return
      const name = form.name.trim()
      const branchType = TYPES[form.typeIndex]
      await runAction(this, {
        busyKey: 'busy',
        work: (): Promise<unknown> => {
          if (form.kind === 'community')
            return form.id
              ? api.org.updateCommunity({ communityId: form.id, name })
              : api.org.createCommunity({ draftId: form.draftId, name })
          return form.id
            ? api.org.updateBranch({ branchId: form.id, name, branchType })
            : api.org.createBranch({
                draftId: form.draftId,
                communityId: form.communityId,
                name,
                branchType,
              })
        },
        done: '已保存',
        after: () => {
          this.setData({ form: null })
          return this.load()
        },
        failed: (err) => void showFailure(err, '未能保存'),
      })
    },

    /** Retires a community (no data-type) or a branch after asking; the server says what still holds it. */
    async onRetire(e: Tap): Promise<void> {
      const { id, name, type } = e.currentTarget.dataset
      const { confirm } = await wx.showModal({
        title: `撤销「${name}」？`,
        content: '撤销后不再出现在组织架构中，记录保留。',
        confirmText: '撤销',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: (): Promise<unknown> =>
          type
            ? api.org.retireBranch({ branchId: id })
            : api.org.retireCommunity({ communityId: id }),
        done: '已撤销',
        after: () => this.load(),
        failed: (err) => void showFailure(err, '未能撤销'),
      })
    },

    /** The merge (data-kind merge) or move panel for a branch, with the open branches or communities to pick. */
    onChange(e: Tap) {
      const { id, name = '', community, kind = 'merge' } = e.currentTarget.dataset
      const open = this.data.communities.filter((c) => !c.retiredNote)
      const choices =
        kind === 'merge'
          ? (open.find((c) => c.id === community)?.branches ?? []).filter(
              (b) => b.id !== id && !b.retiredNote,
            )
          : open.filter((c) => c.id !== community)
      const none = kind === 'merge' ? '本社区没有其他支部可以合并' : '没有其他社区'
      if (!choices.length) return void wx.showToast({ title: none, icon: 'none' })
      this.setData({
        form: null,
        change: {
          kind,
          branchId: id,
          branchName: name,
          choices: choices.map((c) => ({ id: c.id, name: c.name })),
          index: 0,
        },
      })
    },

    onPickChange(e: WechatMiniprogram.PickerChange) {
      const change = this.data.change
      if (change) this.setData({ change: { ...change, index: Number(e.detail.value) } })
    },

    onCloseChange() {
      this.setData({ change: null })
    },

    async onConfirmChange(): Promise<void> {
      const change = this.data.change
      if (!change) return
      const target = change.choices[change.index]
      const merge = change.kind === 'merge'
      const { confirm } = await wx.showModal({
        title: merge ? `合并到「${target.name}」？` : `调整到「${target.name}」？`,
        content: merge
          ? '党员和覆盖的两新组织转入该支部，本月此后的积分计入该支部，原支部撤销、记录保留。'
          : '本月起该支部的积分计入新社区，已结算的月份不变。',
        confirmText: merge ? '合并' : '调整',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: (): Promise<unknown> =>
          merge
            ? api.org.mergeBranches({ fromBranchId: change.branchId, intoBranchId: target.id })
            : api.org.moveBranch({ branchId: change.branchId, toCommunityId: target.id }),
        done: merge ? '已合并' : '已调整',
        after: () => {
          this.setData({ change: null })
          return this.load()
        },
        failed: (err) => void showFailure(err, merge ? '未能合并' : '未能调整'),
      })
    },

    onRoster(e: Tap) {
      wx.navigateTo({ url: `/officer/organizations/index?branchId=${e.currentTarget.dataset.id}` })
    },
  },
})
