// 网上党校: the topics for my branch (the district's and the branch's own) with my progress on each item, the
// month's study minimum, and for publishers the way to 发布学习内容.
import type { StudyKind } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { periodLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { OFFICERS_GO, finalRefusal, loadInto } from '../../utils/page'

type Line = { id: string; title: string; note: string; done: boolean }
type Topic = { id: string; title: string; note: string; progress: string; items: Line[] }

export type Data = ElderData &
  LoadData & {
    topics: Topic[]
    summary: string
    canPublish: boolean
    publishAs: 'district' | 'secretary' | ''
  }

// The contract's STUDY_KIND_LABELS is a value and cannot ship in the package; `Record<…>` keeps this complete.
const KIND_LABELS: Record<StudyKind, string> = { article: '图文', video: '视频', audio: '音频' }

const FOR_MEMBERS = '网上党校是在册党员学习专题内容、参加测验的地方。' + OFFICERS_GO

definePage<Data>()({
  behaviors: [loaded, shown, pulled],
  data: { topics: [], summary: '', canPublish: false, publishAs: '' },

  methods: {
    load(): Promise<void> {
      return loadInto(
        this,
        () => api.study.list({}),
        (r) => ({
          status: r.topics.length ? 'ready' : 'empty',
          message: r.canPublish
            ? '还没有学习专题，点击下方「发布学习内容」开始'
            : '还没有学习内容，支部书记或区委发布后会出现在这里',
          canPublish: r.canPublish,
          publishAs: r.publishAs ?? ('' as const),
          summary: r.minimum
            ? `本月已学 ${r.doneThisMonth} 项，支部要求每月至少 ${r.minimum} 项`
            : `本月已学 ${r.doneThisMonth} 项`,
          topics: r.topics.map((t) => ({
            id: t.id,
            title: t.title,
            note: `${t.fromDistrict ? '区委推送' : '本支部'} · ${periodLabel(t.dueMonth)}完成`,
            progress: `${t.done}/${t.items.length}`,
            items: t.items.map((i) => ({
              id: i.id,
              title: i.title,
              note: `${KIND_LABELS[i.kind]} · 约 ${i.minutes} 分钟${i.hasQuiz ? ' · 含测验' : ''}`,
              done: i.completed,
            })),
          })),
        }),
        { failed: (err) => finalRefusal(err, FOR_MEMBERS) },
      )
    },
  },
})
