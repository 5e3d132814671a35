// 首页: each role's starting point. A member's month leads (today's 报到, the minimums, 网上党校 必学, 组织生活
// and a session open now, 党费, a claimed 微心愿), officers (a 信息员 too) get their 待办 with its count,
// residents their 微心愿 actions.
import type { CheckinOutputs, Me, WishCard } from '../../../typings/index'
import { api } from '../../services/api'
import { pulled, retried, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDay, formatWhen, monthLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { rolesText, yuanText } from '../../utils/format'
import { openUrl } from '../../utils/tabs'
import { cachedTabRole } from '../../utils/viewer'
import { type LoadStatus, loadInto } from '../../utils/page'
import { type TodoScope, todoScopeOf, todoTotal, workbenchOf } from '../../utils/todo'
import { typeLabels } from '../orglife/labels'

/** One line of the month: status above its title, and where its action goes ('' when there is none). */
type Task = {
  key: string
  status: string
  done: boolean
  title: string
  action: string
  url: string
}
/** Sessions and wishes also say when, under the title. */
type SessionTask = { id: string; status: string; topic: string; note: string; signedIn: boolean }
type WishTask = { id: string; status: string; title: string; note: string; overdue: boolean }
/** A resident's wish that moved and wants a look: claimed (who will call), or done and waiting to be confirmed. */
type MyWish = { id: string; status: string; title: string; note: string; action: string }
type Today = CheckinOutputs['today']

/** Who I am loads first; a member's month and an officer's 待办 count follow, each failing on its own. */
export type Data = ElderData & {
  meStatus: LoadStatus
  meError: string
  me: Me | null
  rolesText: string
  todoScope: TodoScope
  /** The 待办 badge: its count once read; on an error the entry still opens 待办, which says why. */
  todoStatus: LoadStatus
  todoTotal: number
  /** An officer's workbench page ('' for everyone else). */
  workbench: string
  tasksStatus: LoadStatus
  tasksError: string
  monthText: string
  /** Lines not done yet, for the card's summary. */
  owed: number
  tasks: Task[]
  sessions: SessionTask[]
  wishes: WishTask[]
  myWishes: MyWish[]
}

const ACTIONS = {
  checkin: ['去报到', '/pages/checkin/index', '次'],
  comment: ['去评论', '/pages/interact/index', '条'],
  study: ['去学习', '/study/index/index', '项'],
} as const

function tasksOf(t: Today): Task[] {
  const rows = t.progress.items.map(({ rule, label, count, minimum, missing }): Task => {
    const [action, url, unit] = ACTIONS[rule]
    const owed = missing ? `还差 ${missing} ${unit}` : minimum ? '已达到本月要求' : '本月不作要求'
    // 报到 is today's task whatever the month's count: done today, or still to do.
    const today = rule === 'checkin'
    return {
      key: rule,
      status: today ? `${t.checkedInToday ? '今日已报到' : '今日未报到'} · ${owed}` : owed,
      done: today ? t.checkedInToday : !missing,
      title: minimum ? `${label} ${count}/${minimum}` : `${label} ${count}`,
      action: today && t.checkedInToday ? '' : action,
      url,
    }
  })
  const { done, required, nextItemId } = t.study
  if (required)
    rows.push({
      key: 'studyDue',
      status: done < required ? `还差 ${required - done} 项` : '已完成',
      done: done >= required,
      title: `网上党校 必学 ${done}/${required}`,
      action: done < required ? '去学习' : '',
      url: nextItemId ? `/study/item/index?id=${nextItemId}` : '/study/index/index',
    })
  const { attended, excused, missed, ahead, total } = t.orglife
  if (total)
    rows.push({
      key: 'orglife',
      // A missed session stays in sight: 已参加 1 · 错过 1 · 还可参加 1.
      status: [
        `已参加 ${attended}`,
        excused ? `已请假 ${excused}` : '',
        missed ? `错过 ${missed}` : '',
        ahead ? `还可参加 ${ahead}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
      done: !ahead,
      title: `组织生活 本月 ${total} 次`,
      action: ahead ? '去参加' : '',
      url: '/pages/orglife/index',
    })
  if (t.dues) {
    const [status, action] = DUES[t.dues.state]
    rows.push({
      key: 'dues',
      status: t.dues.state === 'owed' ? `${status} ${yuanText(t.dues.amountFen)} 元` : status,
      // A base waiting for the secretary is theirs to do, not the member's.
      done: !['owed', 'undeclared'].includes(t.dues.state),
      title: `${monthLabel(t.month, new Date())}党费`,
      action,
      url: '/dues/mine/index',
    })
  }
  return rows
}

/** 党费 of the month by its state: the status and the action (both lead to 我的党费). */
const DUES: Record<NonNullable<Today['dues']>['state'], [string, string]> = {
  paid: ['已交', ''],
  owed: ['未交', '去交纳'],
  unconfirmed: ['基数待确认', '查看'],
  undeclared: ['未申报基数', '去申报'],
}

const todayOf = (t: Today) => {
  const tasks = tasksOf(t)
  const sessions = t.openSessions.map((s) => ({
    id: s.id,
    status: `${typeLabels[s.type]} · ${s.signedIn ? '已签到' : '进行中'}`,
    topic: s.topic,
    note: `${formatWhen(s.closesAt)} 结束`,
    signedIn: s.signedIn,
  }))
  const wishes = t.claimedWishes.map((w) => ({
    id: w.id,
    status: w.overdue ? '微心愿 · 已超期' : '微心愿 · 待完成',
    title: w.title,
    note: `${w.overdue ? '约定' : '请在'}${formatDay(w.dueAt)}前完成`,
    overdue: w.overdue,
  }))
  return {
    monthText: monthLabel(t.month, new Date()),
    // A session open now is the month's 组织生活 line acted on, not one more task.
    owed: tasks.filter((task) => !task.done).length + wishes.length,
    tasks,
    sessions,
    wishes,
  }
}

function myWishOf(w: WishCard): MyWish[] {
  const who = w.claimerName ?? '党员'
  if (w.status === '已实现')
    return [
      {
        id: w.id,
        status: '待您确认',
        title: w.title,
        note: `${who}已完成，请您确认`,
        action: '去确认',
      },
    ]
  if (w.status === '已认领')
    return [
      { id: w.id, status: '已认领', title: w.title, note: `${who}认领了您的心愿`, action: '查看' },
    ]
  return []
}

type GoTap = WechatMiniprogram.TouchEvent<object, object, { url: string }>

definePage<Data>()({
  behaviors: [retried, shown, pulled],
  data: {
    meStatus: 'loading',
    meError: '',
    me: null,
    rolesText: '',
    todoScope: '',
    todoStatus: 'loading',
    todoTotal: 0,
    workbench: '',
    tasksStatus: 'loading',
    tasksError: '',
    monthText: '',
    owed: 0,
    tasks: [],
    sessions: [],
    wishes: [],
    myWishes: [],
  },

  methods: {
    async load(): Promise<void> {
      // Where this phone last saw a member, their month is asked for beside who they are: the first screen
      // waits for one call, not two in a row. Not a member after all: the answer is dropped.
      const month = cachedTabRole() === 'member' ? api.checkin.today() : null
      month?.catch(() => undefined)
      await loadInto(
        this,
        () => api.member.me(),
        ({ me }) => ({
          me,
          rolesText: me.kind === 'member' || me.kind === 'admin' ? rolesText(me.roles) : '',
          todoScope: todoScopeOf(me),
          workbench: workbenchOf(me),
        }),
        { slot: { status: 'meStatus', message: 'meError' } },
      )
      const { meStatus, me, todoScope } = this.data
      if (meStatus !== 'ready') return
      const member = me?.kind === 'member' && me.status === 'active'
      const resident = me?.kind === 'resident' || (me?.kind === 'member' && me.resident)
      await Promise.all([
        member && this.loadTasks(month),
        resident && this.loadMyWishes(),
        todoScope &&
          todoTotal(todoScope).then((total) =>
            this.setData(
              total === null ? { todoStatus: 'error' } : { todoStatus: 'ready', todoTotal: total },
            ),
          ),
      ])
    },

    /** Best effort: the card's buttons lead to 我的心愿 whatever this answers. */
    async loadMyWishes(): Promise<void> {
      const mine = await api.wish.mine().catch(() => null)
      if (mine) this.setData({ myWishes: mine.asResident.flatMap(myWishOf) })
    },

    loadTasks(asked: Promise<Today> | null): Promise<void> {
      return loadInto(this, () => asked ?? api.checkin.today(), todayOf, {
        slot: { status: 'tasksStatus', message: 'tasksError' },
      })
    },

    /** A task's action: a tab or a page (utils/tabs.ts). */
    onGo(e: GoTap) {
      const { url } = e.currentTarget.dataset
      openUrl(url)
    },

    onRegister() {
      wx.navigateTo({ url: '/pages/register/index' })
    },
  },
})
