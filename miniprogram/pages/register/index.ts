// 登记: a party member registers into a branch (the secretary approves), a resident into a community (at once).
// What the caller already gave opens filled in: a rejected member's registration, a resident's name and place.
// A secretary's invitation (邀请党员登记, `?branchId=`) opens with that branch and its community chosen.
import type { Me, OrgNode } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { retried } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { type LoadStatus, loadInto, runAction } from '../../utils/page'
import { askToNotify } from '../../utils/subscribe'
import { checkForm, whyDisabled } from './checks'

type Kind = 'member' | 'resident'
type Option = { id: string; name: string }
type Community = Option & { branches: Option[] }

export type Data = ElderData & {
  kind: Kind
  name: string
  phone: string
  treeStatus: LoadStatus
  treeError: string
  communities: Community[]
  communityIndex: number
  branches: Option[]
  branchIndex: number
  nameError: string
  phoneError: string
  placeError: string
  submitError: string
  phoneLoading: boolean
  submitting: boolean
  submitted: boolean
  /** Why 提交登记 is disabled ('' when it is not). */
  why: string
  /** The branch a secretary's invitation named (`?branchId=`), '' when opened otherwise. */
  invitedBranchId: string
  /** What became of the invitation: the branch chosen, or that it takes nobody any more. */
  inviteNote: string
}

/** Only names and ids travel to the view: the pickers need nothing else. */
const toCommunities = (root: OrgNode): Community[] =>
  root.children
    .filter((node) => node.level === 'community')
    .map((community) => ({
      id: community.id,
      name: community.name,
      branches: community.children
        .filter((node) => node.level === 'branch')
        .map(({ id, name }) => ({ id, name })),
    }))

/** The form as the caller left it: a rejected member's registration, or a resident registering as a member. */
function prefilled(communities: Community[], me: Me): Partial<Data> {
  const again = me.kind === 'member' && me.status === 'rejected'
  if (!again && me.kind !== 'resident') return {}
  const communityIndex = communities.findIndex((c) => c.id === me.communityId)
  const branches = communities[communityIndex]?.branches ?? []
  const branchIndex = again ? branches.findIndex((b) => b.id === me.branchId) : -1
  return { name: me.name, phone: me.phone, communityIndex, branches, branchIndex }
}

/**
 * The branch an invitation names, chosen with its community, or a note that it is not among the branches
 * taking registrations (retired, merged or never there): then the caller chooses as usual. A member already
 * in the register (or awaiting review) cannot register again: the note says so, and how to move branches.
 */
function invited(communities: Community[], branchId: string, me: Me): Partial<Data> {
  if (me.kind === 'member' && me.status === 'pending')
    return { inviteNote: `您的登记正在等待${me.branchName}书记审核，无需再登记` }
  if (me.kind === 'member' && me.status === 'active')
    return {
      inviteNote:
        me.branchId === branchId
          ? `您已是${me.branchName}的党员，无需再登记`
          : `您已是${me.branchName}的党员；要转到邀请您的支部，请在「我的 → 组织关系接转」中申请`,
    }
  const communityIndex = communities.findIndex((c) => c.branches.some((b) => b.id === branchId))
  const community = communities[communityIndex]
  if (!community) return { inviteNote: '邀请链接中的支部已不再接收登记，请自己选择所在支部' }
  const branchIndex = community.branches.findIndex((b) => b.id === branchId)
  return {
    kind: 'member',
    communityIndex,
    branches: community.branches,
    branchIndex,
    inviteNote: `已选择：${community.name} · ${community.branches[branchIndex].name}，可更改`,
  }
}

definePage<Data>()({
  behaviors: [retried],
  data: {
    kind: 'member',
    name: '',
    phone: '',
    treeStatus: 'loading',
    treeError: '',
    communities: [],
    communityIndex: -1,
    branches: [],
    branchIndex: -1,
    nameError: '',
    phoneError: '',
    placeError: '',
    submitError: '',
    phoneLoading: false,
    submitting: false,
    submitted: false,
    why: '请先填写姓名',
    invitedBranchId: '',
    inviteNote: '',
  },

  observers: {
    'kind, name, phone, communityIndex, branchIndex'() {
      this.setData({ why: whyDisabled(this.data) })
    },
  },

  methods: {
    onLoad(query: { branchId?: string }) {
      this.setData({ invitedBranchId: decodeURIComponent(query.branchId ?? '') })
      this.load()
    },

    /** The pickers' communities and branches. */
    load(): Promise<void> {
      const { invitedBranchId } = this.data
      return loadInto(
        this,
        () => Promise.all([api.org.tree(), api.member.me()]),
        ([{ root }, { me }]) => {
          const communities = toCommunities(root)
          return {
            communities,
            ...prefilled(communities, me),
            ...(invitedBranchId ? invited(communities, invitedBranchId, me) : {}),
          }
        },
        { slot: { status: 'treeStatus', message: 'treeError' }, fresh: true },
      )
    },

    onKindTap(e: WechatMiniprogram.TouchEvent<object, object, { kind: Kind }>) {
      this.setData({ kind: e.currentTarget.dataset.kind, placeError: '', submitError: '' })
    },

    onNameInput(e: WechatMiniprogram.Input) {
      this.setData({ name: e.detail.value, nameError: '' })
    },

    onPhoneInput(e: WechatMiniprogram.Input) {
      this.setData({ phone: e.detail.value.trim(), phoneError: '' })
    },

    async onPhoneNumber(e: WechatMiniprogram.ButtonGetPhoneNumber): Promise<void> {
      // No code when the user declines or WeChat has not verified a number: typing stays available.
      const { code } = e.detail
      if (!code || this.data.phoneLoading) return
      this.setData({ phoneError: '' })
      await runAction(this, {
        busyKey: 'phoneLoading',
        work: () => api.member.phoneFromCode({ code }),
        after: ({ phone }) => this.setData({ phone }),
        failed: (err) => this.setData({ phoneError: errorMessage(err) }),
      })
    },

    onCommunityChange(e: WechatMiniprogram.PickerChange) {
      const communityIndex = Number(e.detail.value)
      const community = this.data.communities[communityIndex]
      if (!community) return
      this.setData({
        communityIndex,
        branches: community.branches,
        branchIndex: -1,
        placeError: '',
        inviteNote: '',
      })
    },

    onBranchChange(e: WechatMiniprogram.PickerChange) {
      const branchIndex = Number(e.detail.value)
      if (!this.data.branches[branchIndex]) return
      this.setData({ branchIndex, placeError: '', inviteNote: '' })
    },

    async onSubmit(): Promise<void> {
      const { kind, phone, submitting } = this.data
      if (submitting) return
      const name = this.data.name.trim()
      const community = this.data.communities[this.data.communityIndex]
      const branch = this.data.branches[this.data.branchIndex]
      const place = kind === 'member' ? branch : community
      const errors = checkForm({ kind, name, phone, placeId: place?.id ?? '' })
      this.setData({ ...errors, submitError: '' })
      if (!place || errors.nameError || errors.phoneError) return

      await runAction(this, {
        busyKey: 'submitting',
        work: async () => {
          // A member hears the secretary's review; a resident's registration is final at once.
          if (kind === 'member') await askToNotify(['memberReviewed'])
          await api.member.register(
            kind === 'member'
              ? { kind, name, phone, branchId: place.id }
              : { kind, name, phone, communityId: place.id },
          )
        },
        done: kind === 'member' ? '' : '登记成功',
        after: () =>
          kind === 'member'
            ? this.setData({ submitted: true })
            : void wx.switchTab({ url: '/pages/home/index' }),
        failed: (err) => this.setData({ submitError: errorMessage(err) }),
      })
    },

    onDone() {
      wx.switchTab({ url: '/pages/mine/index' })
    },
  },
})
