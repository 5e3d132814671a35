// 我的: who I am, my registration status, the secretary's review queue and branch directory, 长辈模式,
// the privacy guide and the dev identity switcher.
import type { DirectoryEntry, Me } from '../../../typings/index'
import { config, devOpenid } from '../../config'
import { api, errorMessage } from '../../services/api'
import { formatDate, rolesText, statusText } from '../../utils/format'
import { isElder, pageStyle, setElder } from '../../utils/elder'
import { type TodoScope, todoScopeOf } from '../../utils/todo'
import { pullHandlers } from '../../utils/refresh'

type LoadStatus = 'loading' | 'ready' | 'error'
type MemberRow = { id: string; name: string; phone: string; rolesText: string; joinedText: string }
type RowEvent = WechatMiniprogram.TouchEvent<object, object, { id: string; name: string }>

type Data = {
  status: LoadStatus
  errorMessage: string
  me: Me | null
  rolesText: string
  statusText: string
  isSecretary: boolean
  /** Which 待办 the caller has (a secretary's branch, a community admin's community); its count once loaded. */
  todoScope: TodoScope
  todoTotal: number | null
  branchStatus: LoadStatus
  branchError: string
  pending: MemberRow[]
  members: MemberRow[]
  busyId: string
  elder: boolean
  devMode: boolean
  devOpenid: string
  devIdentities: { openid: string; label: string }[]
}

type Custom = {
  load(): Promise<void>
  loadBranch(): Promise<void>
  loadTodo(): Promise<void>
  onRetry(): void
  onRegister(): void
  onApprove(e: RowEvent): Promise<void>
  onReject(e: RowEvent): Promise<void>
  review(memberId: string, act: () => Promise<unknown>, done: string): Promise<void>
  onUseIdentity(e: WechatMiniprogram.TouchEvent<object, object, { openid: string }>): void
  onNewGuest(): void
  onElderChange(e: WechatMiniprogram.SwitchChange): void
  switchIdentity(openid: string): void
}

const toRow = (entry: DirectoryEntry): MemberRow => ({
  id: entry.id,
  name: entry.name,
  phone: entry.phone,
  rolesText: rolesText(entry.roles),
  joinedText: formatDate(entry.joinedAt),
})

const showFailure = (err: unknown) =>
  wx.showModal({ title: '操作未完成', content: errorMessage(err), showCancel: false })

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorMessage: '',
    me: null,
    rolesText: '',
    statusText: '',
    isSecretary: false,
    todoScope: '',
    todoTotal: null,
    branchStatus: 'loading',
    branchError: '',
    pending: [],
    members: [],
    busyId: '',
    elder: false,
    devMode: config.transport === 'emulator',
    devOpenid: '',
    devIdentities: config.devIdentities,
  },

  onShow() {
    this.setData({ pageStyle: pageStyle(), elder: isElder() })
    this.load()
  },

  ...pullHandlers,

  async load() {
    // A refresh keeps what is on screen; only the first load shows the spinner.
    if (this.data.status !== 'ready') this.setData({ status: 'loading' })
    try {
      const { me } = await api.member.me()
      const isSecretary =
        me.kind === 'member' && me.status === 'active' && me.roles.includes('secretary')
      this.setData({
        status: 'ready',
        me,
        rolesText: me.kind === 'member' || me.kind === 'admin' ? rolesText(me.roles) : '',
        statusText: me.kind === 'member' ? statusText(me.status) : '',
        isSecretary,
        todoScope: todoScopeOf(me),
        devOpenid: devOpenid(),
      })
      await Promise.all([isSecretary && this.loadBranch(), this.data.todoScope && this.loadTodo()])
    } catch (err) {
      this.setData({ status: 'error', errorMessage: errorMessage(err) })
    }
  },

  async loadBranch() {
    if (this.data.branchStatus !== 'ready') this.setData({ branchStatus: 'loading' })
    try {
      const [pending, active] = await Promise.all([
        api.member.directory({ status: 'pending' }),
        api.member.directory({ status: 'active' }),
      ])
      this.setData({
        branchStatus: 'ready',
        pending: pending.members.map(toRow),
        members: active.members.map(toRow),
      })
    } catch (err) {
      this.setData({ branchStatus: 'error', branchError: errorMessage(err) })
    }
  },

  async loadTodo() {
    try {
      const todo = await (this.data.todoScope === 'community'
        ? api.todo.community()
        : api.todo.secretary())
      this.setData({ todoTotal: todo.total })
    } catch {
      // The card still opens the 待办 page, which shows the error and a retry.
      this.setData({ todoTotal: null })
    }
  },

  onRetry() {
    if (this.data.status === 'error') this.load()
    else this.loadBranch()
  },

  onRegister() {
    wx.navigateTo({ url: '/pages/register/index' })
  },

  onApprove(e) {
    const { id } = e.currentTarget.dataset
    return this.review(id, () => api.member.approve({ memberId: id }), '已通过')
  },

  async onReject(e) {
    const { id, name } = e.currentTarget.dataset
    const answer = await wx.showModal({
      title: `驳回${name}的申请`,
      editable: true,
      placeholderText: '请填写驳回原因，申请人会看到',
      confirmText: '驳回',
    })
    if (!answer.confirm) return
    const reason = (answer.content ?? '').trim()
    if (!reason) {
      wx.showModal({ title: '操作未完成', content: '请填写驳回原因', showCancel: false })
      return
    }
    await this.review(id, () => api.member.reject({ memberId: id, reason }), '已驳回')
  },

  async review(memberId, act, done) {
    if (this.data.busyId) return
    this.setData({ busyId: memberId })
    try {
      await act()
      wx.showToast({ title: done, icon: 'success' })
      await this.loadBranch()
    } catch (err) {
      showFailure(err)
    } finally {
      this.setData({ busyId: '' })
    }
  },

  onUseIdentity(e) {
    this.switchIdentity(e.currentTarget.dataset.openid)
  },

  onNewGuest() {
    this.switchIdentity(`dev-guest-${Date.now()}`)
  },

  onElderChange(e) {
    setElder(e.detail.value)
    this.setData({ elder: e.detail.value, pageStyle: pageStyle() })
  },

  switchIdentity(openid) {
    wx.setStorageSync(config.devOpenidKey, openid)
    this.setData({
      status: 'loading',
      me: null,
      isSecretary: false,
      todoScope: '',
      todoTotal: null,
      branchStatus: 'loading',
    })
    this.load()
  },
})
