// 登记: a party member registers into a branch (the secretary approves), a resident into a community (at once).
import type { OrgNode } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { checkForm } from './checks'
import { pageStyle } from '../../utils/elder'
import { askToNotify } from '../../utils/subscribe'

type Kind = 'member' | 'resident'
type LoadStatus = 'loading' | 'ready' | 'error'
type Option = { id: string; name: string }
type Community = Option & { branches: Option[] }

type Data = {
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
}

type Custom = {
  loadTree(): Promise<void>
  onRetry(): void
  onKindTap(e: WechatMiniprogram.TouchEvent<object, object, { kind: Kind }>): void
  onNameInput(e: WechatMiniprogram.Input): void
  onPhoneInput(e: WechatMiniprogram.Input): void
  onPhoneNumber(e: WechatMiniprogram.ButtonGetPhoneNumber): Promise<void>
  onCommunityChange(e: WechatMiniprogram.PickerChange): void
  onBranchChange(e: WechatMiniprogram.PickerChange): void
  onSubmit(): Promise<void>
  onDone(): void
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

Page<Data, Custom>({
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
  },

  onLoad() {
    this.setData({ pageStyle: pageStyle() })
    this.loadTree()
  },

  async loadTree() {
    this.setData({ treeStatus: 'loading' })
    try {
      const { root } = await api.org.tree()
      this.setData({ treeStatus: 'ready', communities: toCommunities(root) })
    } catch (err) {
      this.setData({ treeStatus: 'error', treeError: errorMessage(err) })
    }
  },

  onRetry() {
    this.loadTree()
  },

  onKindTap(e) {
    this.setData({ kind: e.currentTarget.dataset.kind, placeError: '', submitError: '' })
  },

  onNameInput(e) {
    this.setData({ name: e.detail.value, nameError: '' })
  },

  onPhoneInput(e) {
    this.setData({ phone: e.detail.value.trim(), phoneError: '' })
  },

  async onPhoneNumber(e) {
    // No code when the user declines or WeChat has not verified a number: typing stays available.
    const { code } = e.detail
    if (!code || this.data.phoneLoading) return
    this.setData({ phoneLoading: true, phoneError: '' })
    try {
      const { phone } = await api.member.phoneFromCode({ code })
      this.setData({ phone })
    } catch (err) {
      this.setData({ phoneError: errorMessage(err) })
    } finally {
      this.setData({ phoneLoading: false })
    }
  },

  onCommunityChange(e) {
    const communityIndex = Number(e.detail.value)
    const community = this.data.communities[communityIndex]
    if (!community) return
    this.setData({ communityIndex, branches: community.branches, branchIndex: -1, placeError: '' })
  },

  onBranchChange(e) {
    const branchIndex = Number(e.detail.value)
    if (!this.data.branches[branchIndex]) return
    this.setData({ branchIndex, placeError: '' })
  },

  async onSubmit() {
    const { kind, phone, submitting } = this.data
    if (submitting) return
    const name = this.data.name.trim()
    const community = this.data.communities[this.data.communityIndex]
    const branch = this.data.branches[this.data.branchIndex]
    const place = kind === 'member' ? branch : community
    const errors = checkForm({ kind, name, phone, placeId: place?.id ?? '' })
    this.setData({ ...errors, submitError: '' })
    if (!place || errors.nameError || errors.phoneError) return

    this.setData({ submitting: true })
    // A member hears the secretary's review; a resident's registration is final at once.
    if (kind === 'member') await askToNotify(['memberReviewed'])
    try {
      await api.member.register(
        kind === 'member'
          ? { kind, name, phone, branchId: place.id }
          : { kind, name, phone, communityId: place.id },
      )
      if (kind === 'member') {
        this.setData({ submitted: true })
      } else {
        wx.showToast({ title: '登记成功', icon: 'success' })
        wx.switchTab({ url: '/pages/home/index' })
      }
    } catch (err) {
      this.setData({ submitError: errorMessage(err) })
    } finally {
      this.setData({ submitting: false })
    }
  },

  onDone() {
    wx.switchTab({ url: '/pages/mine/index' })
  },
})
