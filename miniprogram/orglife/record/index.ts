// The frozen record of a closed session: materials, minutes, attendance (attended / on leave / absent) and
// every statement; readable by every member of the branch, absentees included, and by the community and district
// admins who oversee it. They decide the materials' images WeChat's check was unsure of with 通过 / 不通过.
// The secretary appends 补充纪要 (dated, signed, never an edit of the minutes above them).
import type { Addendum, SessionRecord, Statement } from '../../../typings/index'
import { api } from '../../services/api'
import { type ReviewData, mediaReview } from '../../behaviors/media-review'
import { type DraftIdData, freshDraft } from '../../behaviors/draft'
import { shown } from '../../behaviors/load'
import { type ByIdData, byId } from '../../behaviors/scoped'
import type { ElderData } from '../../behaviors/elder'
import { formatWhen } from '../../utils/date'
import { definePage } from '../../utils/define'
import { newDraftId } from '../../utils/interact'
import { finalRefusal, loadInto, runAction } from '../../utils/page'
import { typeLabels, windowText } from '../../pages/orglife/labels'

export type Data = ElderData &
  ByIdData &
  ReviewData &
  DraftIdData & {
    record: SessionRecord | null
    isSecretary: boolean
    typeLabel: string
    timeText: string
    closedText: string
    attendedNames: string
    absentNames: string
    statements: (Statement & { timeText: string })[]
    addenda: (Addendum & { timeText: string })[]
    addendum: string
    busy: boolean
  }

const namesOf = (people: { name: string }[]) => people.map((p) => p.name).join('、')

definePage<Data>()({
  behaviors: [byId('这份会议记录', { onShow: true }), shown, mediaReview, freshDraft],
  data: {
    record: null,
    isSecretary: false,
    typeLabel: '',
    timeText: '',
    closedText: '',
    attendedNames: '',
    absentNames: '',
    statements: [],
    addenda: [],
    addendum: '',
    busy: false,
  },

  methods: {
    loadItem(sessionId: string): Promise<void> {
      return loadInto(
        this,
        () => api.orglife.record({ sessionId }),
        ({ record, isSecretary }) => ({
          record,
          typeLabel: typeLabels[record.type],
          timeText: windowText(record),
          isSecretary,
          closedText: `${formatWhen(record.closedAt)} ${record.closedBy === 'auto' ? '到时自动结束' : '由支部书记结束'}`,
          attendedNames: namesOf(record.attended),
          absentNames: namesOf(record.absent),
          statements: record.statements.map((s) => ({ ...s, timeText: formatWhen(s.at) })),
          addenda: record.addenda.map((a) => ({ ...a, timeText: formatWhen(a.at) })),
        }),
        { fresh: true, failed: finalRefusal },
      )
    },

    onAddendum(e: WechatMiniprogram.Input) {
      this.setData({ addendum: e.detail.value })
    },

    async onAppend(): Promise<void> {
      const text = this.data.addendum.trim()
      if (text.length < 2) {
        wx.showToast({ title: '补充纪要至少 2 个字', icon: 'none' })
        return
      }
      const answer = await wx.showModal({
        title: '追加补充纪要',
        content:
          '补充纪要会注明日期和您的姓名，附在会议记录之后；追加后不能修改或删除，原纪要不变。',
        confirmText: '追加',
      })
      if (!answer.confirm) return
      await runAction(this, {
        busyKey: 'busy',
        work: () =>
          api.orglife.addAddendum({ sessionId: this.data.id, draftId: this.data.draftId, text }),
        done: '已追加',
        after: ({ record }) =>
          this.setData({
            addendum: '',
            draftId: newDraftId(),
            addenda: record.addenda.map((a) => ({ ...a, timeText: formatWhen(a.at) })),
          }),
      })
    },
  },
})
