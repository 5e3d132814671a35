// 在职党员报到名册: the in-service members who reported to this community (area, skills, willingness, hours
// served this half-year), and those whose half-year report is due soon or overdue, each with 提醒.
import type { CommunityOutputs, OverdueMember, ReportState } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { formatDay } from '../../utils/date'
import { type IdTap, definePage } from '../../utils/define'
import { loadInto, runAction, setRow } from '../../utils/page'
import { NOT_FOR_YOU, forCommunityAdmin } from '../community/admin-only'

type Member = {
  memberId: string
  name: string
  area: string
  skills: string
  willingnessText: string
  hours: number
  services: number
  stateText: string
}
type Due = {
  memberId: string
  name: string
  overdue: boolean
  dueText: string
  remindedText: string
}

export type Data = ElderData &
  LoadData & {
    periodText: string
    members: Member[]
    due: Due[]
    busyId: string
  }

const STATE_TEXT: Record<ReportState, string> = {
  none: '未报到',
  current: '',
  dueSoon: '即将到期',
  overdue: '已超期',
}

type RosterMember = CommunityOutputs['roster']['members'][number]

const memberOf = (m: RosterMember): Member => ({
  memberId: m.memberId,
  name: m.name,
  area: m.area,
  skills: m.skills,
  willingnessText: m.willingness.join('、'),
  hours: m.hours,
  services: m.services,
  stateText: STATE_TEXT[m.state],
})

const dueOf = (m: OverdueMember): Due => ({
  memberId: m.memberId,
  name: m.name,
  overdue: m.state === 'overdue',
  dueText: m.dueAt ? `${formatDay(m.dueAt)}到期` : '',
  remindedText: m.remindedAt ? `${formatDay(m.remindedAt)}已提醒` : '',
})

/** `2027-01` … `2027-06` as 2027年1–6月. */
function periodOf(months: string[]): string {
  const [first, last] = [months[0], months[months.length - 1]]
  return `${Number(first.slice(0, 4))}年${Number(first.slice(5))}–${Number(last.slice(5))}月`
}

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { periodText: '', members: [], due: [], busyId: '' },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () =>
          forCommunityAdmin(() =>
            Promise.all([api.community.roster({ period: 'halfYear' }), api.community.overdue()]),
          ),
        (result) => {
          if (!result) return NOT_FOR_YOU
          const [roster, due] = result
          return {
            status: roster.members.length || due.members.length ? 'ready' : 'empty',
            message: '还没有在职党员到本社区报到',
            periodText: periodOf(roster.months),
            members: roster.members.map(memberOf),
            due: due.members.map(dueOf),
          }
        },
      )
    },

    /** Sends the member a reminder; within a week of the last one nothing goes out again. */
    onRemind(e: IdTap): Promise<boolean> {
      const memberId = e.currentTarget.dataset.id
      const index = this.data.due.findIndex((d) => d.memberId === memberId)
      return runAction(this, {
        busyKey: 'busyId',
        busyId: memberId,
        work: () => api.community.remindReport({ memberId }),
        done: ({ sent }) => (sent ? '已发送提醒' : '7 天内已提醒过'),
        after: ({ remindedAt }) =>
          setRow(this, 'due', index, {
            ...this.data.due[index],
            remindedText: `${formatDay(remindedAt)}已提醒`,
          }),
      })
    },
  },
})
