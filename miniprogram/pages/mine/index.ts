// 我的: who I am, my registration status, the secretary's review queue, the way to 支部通讯录, the branch
// officers' 支部工作 pages, 长辈模式, the privacy guide and the dev identity switcher.
import type { DirectoryEntry, Me, Role } from '../../../typings/index'
import { config, devOpenid } from '../../config'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { elderData, setElder } from '../../utils/elder'
import { rolesText, statusText } from '../../utils/format'
import { type LoadStatus, loadInto, runAction } from '../../utils/page'
import { type TodoScope, todoScopeOf, todoTotal, workbenchOf } from '../../utils/todo'
import { holds, showTab } from '../../utils/viewer'

type MemberRow = { id: string; name: string; phone: string }
type WorkLink = { key: string; label: string; url: string }
type RowEvent = WechatMiniprogram.TouchEvent<object, object, { id: string; name: string }>

export type Data = ElderData &
  LoadData & {
    me: Me | null
    rolesText: string
    statusText: string
    isSecretary: boolean
    /** Which 待办 the caller has (a secretary's branch, a community admin's community); its count once loaded. */
    todoScope: TodoScope
    todoTotal: number | null
    /** An officer's workbench page ('' for everyone else). */
    workbench: string
    /** 支部工作: the branch pages the caller's office lets them use (none for other members). */
    branchWork: WorkLink[]
    /** The secretary's review queue loads (and fails) apart. */
    branchStatus: LoadStatus
    branchError: string
    pending: MemberRow[]
    busyId: string
    devMode: boolean
    devOpenid: string
    devIdentities: { openid: string; label: string }[]
  }

const KEEPERS: Role[] = ['secretary', 'infoOfficer']
/** Each branch page with the offices its actions serve: the 信息员 posts news, answers the board and reads the
 * roll; the rest is the secretary's. */
const BRANCH_WORK: (WorkLink & { roles: Role[] })[] = [
  { key: 'month', label: '支部本月情况', url: '/branch/branch-month/index', roles: ['secretary'] },
  { key: 'directory', label: '党员名册', url: '/branch/directory/index', roles: KEEPERS },
  { key: 'dues', label: '党费交纳登记', url: '/dues/register/index', roles: ['secretary'] },
  { key: 'study', label: '本支部学习情况', url: '/study/members/index', roles: ['secretary'] },
  {
    key: 'transfers',
    label: '组织关系接转与办理离开',
    url: '/officer/transfers/index',
    roles: ['secretary'],
  },
  { key: 'news', label: '发布动态', url: '/branch/news-editor/index', roles: KEEPERS },
  {
    key: 'orglife',
    label: '安排组织生活',
    url: '/branch/orglife-form/index',
    roles: ['secretary'],
  },
  { key: 'board', label: '留言板', url: '/pages/board/index', roles: KEEPERS },
  {
    key: 'info-officers',
    label: '任免信息员',
    url: '/officer/info-officers/index',
    roles: ['secretary'],
  },
]

// Only members hold a branch office (holds() also checks they are active).
const branchWorkOf = (me: Me): WorkLink[] =>
  BRANCH_WORK.filter((link) => holds(me, ...link.roles)).map(({ key, label, url }) => ({
    key,
    label,
    url,
  }))

const toRow = (entry: DirectoryEntry): MemberRow => ({
  id: entry.id,
  name: entry.name,
  phone: entry.phone,
})

definePage<Data>()({
  behaviors: [loaded, pulled],
  data: {
    me: null,
    rolesText: '',
    statusText: '',
    isSecretary: false,
    todoScope: '',
    todoTotal: null,
    workbench: '',
    branchWork: [],
    branchStatus: 'loading',
    branchError: '',
    pending: [],
    busyId: '',
    devMode: config.transport === 'emulator',
    devOpenid: '',
    devIdentities: config.devIdentities,
  },

  methods: {
    onShow() {
      this.setData(elderData())
      showTab(this)
      this.load()
    },

    async load(): Promise<void> {
      await loadInto(
        this,
        () => api.member.me(),
        ({ me }) => ({
          me,
          rolesText: me.kind === 'member' || me.kind === 'admin' ? rolesText(me.roles) : '',
          statusText: me.kind === 'member' ? statusText(me.status) : '',
          isSecretary:
            me.kind === 'member' && me.status === 'active' && me.roles.includes('secretary'),
          todoScope: todoScopeOf(me),
          workbench: workbenchOf(me),
          branchWork: branchWorkOf(me),
          devOpenid: devOpenid(),
        }),
      )
      const { status, isSecretary, todoScope } = this.data
      if (status === 'ready')
        await Promise.all([isSecretary && this.loadBranch(), todoScope && this.loadTodo()])
    },

    loadBranch(): Promise<void> {
      return loadInto(
        this,
        () => api.member.directory({ status: 'pending' }),
        (pending) => ({ pending: pending.members.map(toRow) }),
        { slot: { status: 'branchStatus', message: 'branchError' } },
      )
    },

    async loadTodo(): Promise<void> {
      const scope = this.data.todoScope
      // Unread (null), the card still opens the 待办 page, which shows the error and a retry.
      if (scope) this.setData({ todoTotal: await todoTotal(scope) })
    },

    onRegister() {
      wx.navigateTo({ url: '/pages/register/index' })
    },

    onApprove(e: RowEvent): Promise<boolean> {
      const { id } = e.currentTarget.dataset
      return this.review(id, () => api.member.approve({ memberId: id }), '已通过')
    },

    async onReject(e: RowEvent): Promise<void> {
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

    /** One registration at a time; the queue reloads after. */
    review(memberId: string, work: () => Promise<unknown>, done: string): Promise<boolean> {
      return runAction(this, {
        busyKey: 'busyId',
        busyId: memberId,
        work,
        done,
        after: () => this.loadBranch(),
      })
    },

    onUseIdentity(e: WechatMiniprogram.TouchEvent<object, object, { openid: string }>) {
      this.switchIdentity(e.currentTarget.dataset.openid)
    },

    onNewGuest() {
      this.switchIdentity(`dev-guest-${Date.now()}`)
    },

    onElderChange(e: WechatMiniprogram.SwitchChange) {
      setElder(e.detail.value)
      this.setData(elderData())
      showTab(this)
    },

    switchIdentity(openid: string) {
      wx.setStorageSync(config.devOpenidKey, openid)
      this.setData({
        status: 'loading',
        me: null,
        isSecretary: false,
        todoScope: '',
        todoTotal: null,
        workbench: '',
        branchWork: [],
        branchStatus: 'loading',
      })
      this.load()
    },
  },
})
