// An appeal as the 诉求 pages show it: labelled status and a readable timeline.
import type { AppealView } from '../../typings/index'
import { formatWhen } from './date'
import { appealStatusLabels } from './interact'

const actionLabels: Record<AppealView['timeline'][number]['action'], string> = {
  submit: '提交',
  accept: '受理',
  answer: '答复',
  escalate: '转交社区',
  rate: '评价',
}

export type AppealCard = AppealView & {
  statusText: string
  timeText: string
  dueText: string
  events: { key: string; text: string; note: string; timeText: string }[]
}

export function toAppealCard(a: AppealView): AppealCard {
  return {
    ...a,
    statusText: appealStatusLabels[a.status],
    timeText: formatWhen(a.createdAt),
    dueText: formatWhen(a.dueAt),
    events: a.timeline.map((e, i) => ({
      key: `${i}`,
      text: `${e.byName} ${actionLabels[e.action]}`,
      note: e.note,
      timeText: formatWhen(e.at),
    })),
  }
}
