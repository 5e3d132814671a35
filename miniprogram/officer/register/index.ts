// 组织名册: the communities (街道 / 社区综合党委) and their branches, each with its members and the 两新
// organisations it covers (its roster opens 两新组织), and the forms to add, edit and retire them: a district
// admin keeps communities and every branch, a community admin their community's branches. Where a district uses
// them, 联合党总支 group some of a community's branches: shown with the branches under them, before the others.
// Retiring keeps the org, marked with when and by whom; the server refuses while members, organisations or
// (for a 党总支) branches remain. A branch may be merged into another of its community, put under a 党总支 of
// its community or taken out, and a district admin may move one to another community: those rarer actions sit
// behind each branch's 更多 (an action sheet), beside 覆盖的组织 and 编辑. The search box narrows the list, all
// loaded, by name as one types. ?communityId= narrows a district admin's view to one community.
import type { BranchType, RegisterBranch, RegisterCommunity, Retired } from '../../../typings/index'
import { api } from '../../services/api'
import { communityScoped } from '../../behaviors/scoped'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDay } from '../../utils/date'
import { definePage } from '../../utils/define'
import { newDraftId } from '../../utils/interact'
import { loadInto, runAction, showFailure } from '../../utils/page'
import { refusedWith } from '../district/officers-only'
import { REGISTER_ONLY } from './only'

const TYPES: BranchType[] = ['独立', '联合', '楼宇', '园区', '行业']

type BranchRow = Omit<RegisterBranch, 'retired'> & { retiredNote: string }
/** A 联合党总支 with the branches under it. */
type GroupRow = { id: string; name: string; retiredNote: string; branches: BranchRow[] }
type CommunityRow = {
  id: string
  name: string
  retiredNote: string
  groups: GroupRow[]
  /** Open 党总支: a branch may be put under one. */
  openGroups: number
  /** The branches under no open 党总支. */
  branches: BranchRow[]
}

/** The form open at the top of the page: a new or renamed community, 党总支 or branch. */
type Form = {
  kind: 'community' | 'general' | 'branch'
  /** '' for a new one. */
  id: string
  communityId: string
  name: string
  typeIndex: number
  draftId: string
}

/**
 * Merging a branch into another of its community, putting it under a 党总支 of its community (or out of one),
 * or (district admins) moving it to another community.
 */
type Change = {
  kind: 'merge' | 'general' | 'move'
  branchId: string
  branchName: string
  choices: { id: string; name: string }[]
  index: number
}

export type Data = ElderData &
  LoadData & {
    communityId: string
    /** The communities shown: those matching the search, with the 党总支 and branches that match. */
    communities: CommunityRow[]
    /** The words searched in names, '' for all. */
    query: string
    manageCommunities: boolean
    types: BranchType[]
    form: Form | null
    change: Change | null
    busy: boolean
  }

const retiredNote = (r: Retired) =>
  r ? `已于${formatDay(r.at)}撤销${r.by ? `（${r.by}）` : ''}` : ''
const toCommunity = (c: RegisterCommunity): CommunityRow => {
  const rows = c.branches.map(({ retired, ...b }) => ({ ...b, retiredNote: retiredNote(retired) }))
  const groups = c.generalBranches.map((g) => ({
    id: g.id,
    name: g.name,
    retiredNote: retiredNote(g.retired),
    branches: g.branchIds.flatMap((id) => rows.filter((b) => b.id === id)),
  }))
  const grouped = new Set(c.generalBranches.flatMap((g) => g.branchIds))
  return {
    id: c.id,
    name: c.name,
    retiredNote: retiredNote(c.retired),
    groups,
    openGroups: groups.filter((g) => !g.retiredNote).length,
    branches: rows.filter((b) => !grouped.has(b.id)),
  }
}

/** Each page's whole register as loaded, which the search narrows (kept out of data: setData stays small). */
const loadedLists = new WeakMap<object, CommunityRow[]>()

/**
 * The communities whose name holds the words, whole; of the others, the 党总支 whose name holds them (whole) or
 * with branches that do (those only), and the branches that do.
 */
function matching(all: CommunityRow[], query: string): CommunityRow[] {
  const words = query.trim()
  if (!words) return all
  const has = (name: string) => name.includes(words)
  const branchesOf = (rows: BranchRow[]) => rows.filter((b) => has(b.name))
  return all.flatMap((c) => {
    if (has(c.name)) return [c]
    const groups = c.groups.flatMap((g) =>
      has(g.name)
        ? [g]
        : branchesOf(g.branches).length
          ? [{ ...g, branches: branchesOf(g.branches) }]
          : [],
    )
    const branches = branchesOf(c.branches)
    return groups.length || branches.length ? [{ ...c, groups, branches }] : []
  })
}

/** Every branch of a community, under a 党总支 or not. */
const allBranches = (c: CommunityRow) => [...c.groups.flatMap((g) => g.branches), ...c.branches]

type Target = {
  id: string
  name?: string
  type?: BranchType
  community?: string
  kind?: Change['kind']
  general?: string
  level?: 'general'
}
type Tap = WechatMiniprogram.TouchEvent<object, object, Target>

const blank = (kind: Form['kind'], communityId = ''): Form => ({
  kind,
  id: '',
  communityId,
  name: '',
  typeIndex: 0,
  draftId: newDraftId(),
})

definePage<Data>()({
  behaviors: [loaded, shown, pulled, communityScoped],
  data: {
    communityId: '',
    communities: [],
    query: '',
    manageCommunities: false,
    types: TYPES,
    form: null,
    change: null,
    busy: false,
  },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.org.register(this.communityScope()),
        (r) => {
          const all = r.communities.map(toCommunity)
          loadedLists.set(this, all)
          return {
            status: r.communities.length || r.manageCommunities ? 'ready' : 'empty',
            message: '还没有社区和支部',
            communities: matching(all, this.data.query),
            manageCommunities: r.manageCommunities,
          }
        },
        { failed: refusedWith(REGISTER_ONLY) },
      )
    },

    onQuery(e: WechatMiniprogram.Input) {
      const query = e.detail.value
      this.setData({ query, communities: matching(this.all(), query) })
    },

    /** The whole register as last loaded, whatever the search shows. */
    all(): CommunityRow[] {
      return loadedLists.get(this) ?? this.data.communities
    },

    /** A branch's 更多: merging, its 党总支, its community (district admins) and retiring it. */
    async onMore(e: Tap): Promise<void> {
      const target = e.currentTarget.dataset
      const own = this.all().find((c) => c.id === target.community)
      const actions: [string, () => unknown][] = [
        ['合并到其他支部', () => this.openChange({ ...target, kind: 'merge' })],
        ...(target.general || own?.openGroups
          ? [
              [
                target.general ? '调整所属党总支' : '归入党总支',
                () => this.openChange({ ...target, kind: 'general' }),
              ] as [string, () => unknown],
            ]
          : []),
        ...(this.data.manageCommunities
          ? [
              ['调整所属社区', () => this.openChange({ ...target, kind: 'move' })] as [
                string,
                () => unknown,
              ],
            ]
          : []),
        ['撤销支部', () => this.retire(target)],
      ]
      const picked = await wx
        .showActionSheet({ itemList: actions.map(([label]) => label) })
        .catch(() => null)
      if (picked) await actions[picked.tapIndex]?.[1]()
    },

    onNewCommunity() {
      this.setData({ form: blank('community') })
    },

    onNewBranch(e: Tap) {
      this.setData({ form: blank('branch', e.currentTarget.dataset.id) })
    },

    onNewGeneral(e: Tap) {
      this.setData({ form: blank('general', e.currentTarget.dataset.id) })
    },

    onEdit(e: Tap) {
      const { id, name = '', type, community = '', level } = e.currentTarget.dataset
      const kind = level ?? (type ? 'branch' : 'community')
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
          if (form.kind === 'general')
            return form.id
              ? api.org.updateGeneralBranch({ generalBranchId: form.id, name })
              : api.org.createGeneralBranch({
                  draftId: form.draftId,
                  communityId: form.communityId,
                  name,
                })
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

    /**
     * Retires a community (no data-type), a 党总支 (data-level) or a branch after asking; the server says what
     * still holds it.
     */
    onRetire(e: Tap): Promise<void> {
      return this.retire(e.currentTarget.dataset)
    },

    async retire({ id, name, type, level }: Target): Promise<void> {
      const { confirm } = await wx.showModal({
        title: `撤销「${name}」？`,
        content: '撤销后不再出现在组织架构中，记录保留。',
        confirmText: '撤销',
      })
      if (!confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: (): Promise<unknown> => {
          if (level) return api.org.retireGeneralBranch({ generalBranchId: id })
          return type
            ? api.org.retireBranch({ branchId: id })
            : api.org.retireCommunity({ communityId: id })
        },
        done: '已撤销',
        after: () => this.load(),
        failed: (err) => void showFailure(err, '未能撤销'),
      })
    },

    /**
     * The merge (data-kind merge), 党总支 (general) or move panel for a branch, with the open branches, 党总支
     * (and, for a branch under one, none) or communities to pick.
     */
    openChange({ id, name = '', community, kind = 'merge', general = '' }: Target) {
      const open = this.all().filter((c) => !c.retiredNote)
      const own = open.find((c) => c.id === community)
      const choices = {
        merge: () => (own ? allBranches(own) : []).filter((b) => b.id !== id && !b.retiredNote),
        general: () => [
          ...(own?.groups ?? []).filter((g) => g.id !== general && !g.retiredNote),
          ...(general ? [{ id: '', name: '不归属党总支' }] : []),
        ],
        move: () => open.filter((c) => c.id !== community),
      }[kind]()
      const none = {
        merge: '本社区没有其他支部可以合并',
        general: '本社区还没有党总支，请先新建',
        move: '没有其他社区',
      }[kind]
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
      if (change.kind === 'general') return this.place(change.branchId, target.id)
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

    /** Puts a branch under a 党总支 ('' takes it out of its one): nothing moves but the grouping. */
    async place(branchId: string, generalBranchId: string): Promise<void> {
      await runAction(this, {
        busyKey: 'busy',
        work: () => api.org.placeBranch({ branchId, generalBranchId: generalBranchId || null }),
        done: generalBranchId ? '已归入党总支' : '已移出党总支',
        after: () => {
          this.setData({ change: null })
          return this.load()
        },
        failed: (err) => void showFailure(err, '未能调整'),
      })
    },

    onRoster(e: Tap) {
      wx.navigateTo({ url: `/officer/organizations/index?branchId=${e.currentTarget.dataset.id}` })
    },
  },
})
