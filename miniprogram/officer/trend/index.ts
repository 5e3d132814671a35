// A branch's or a community's last 12 months: per-capita score and 达标率 drawn on a 2D canvas (no chart
// library: see README) and listed as a table, which large type and screen readers read; for a branch, also
// who was below the minimum in the month.
import type { BelowMinimum, TrendPoint, TrendScope } from '../../../typings/index'
import { api } from '../../services/api'
import { type LoadData, loaded, pulled } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { monthLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { type LoadStatus, finalRefusal, loadInto } from '../../utils/page'
import { type Box, PAD, niceScale, runsOf, ticksOf, xOf } from './chart'

type Row = { month: string; label: string; perMember: string; rate: string }
type MemberRow = { id: string; name: string; detail: string; reminded: boolean }

export type Data = ElderData &
  LoadData & {
    scope: TrendScope
    id: string
    month: string
    monthTitle: string
    name: string
    rows: Row[]
    members: MemberRow[]
    membersStatus: LoadStatus
    membersMessage: string
  }

const RED = '#C8102E'
const BLUE = '#1f6fd1'
const GREY = '#999999'

const shortfallText = (m: BelowMinimum) =>
  [
    m.shortfall.checkin ? `报到还差 ${m.shortfall.checkin} 次` : '',
    m.shortfall.comment ? `留言还差 ${m.shortfall.comment} 条` : '',
    m.shortfall.study ? `学习还差 ${m.shortfall.study} 项` : '',
  ]
    .filter(Boolean)
    .join('，')

/** Draws the two series; without a canvas node (older base libraries, tests) the table alone shows them. */
function draw(page: WechatMiniprogram.Component.TrivialInstance, points: TrendPoint[]) {
  const query = page.createSelectorQuery?.()
  if (!query) return
  query
    .select('#trend')
    .fields({ node: true, size: true })
    .exec((res: { node?: WechatMiniprogram.Canvas; width: number; height: number }[]) => {
      const found = res?.[0]
      const canvas = found?.node
      if (!canvas?.getContext) return
      const dpr = wx.getWindowInfo?.().pixelRatio ?? 2
      const box: Box = { width: found.width, height: found.height }
      canvas.width = box.width * dpr
      canvas.height = box.height * dpr
      const ctx = canvas.getContext('2d')
      ctx.scale(dpr, dpr)
      const score = niceScale(Math.max(0, ...points.map((p) => p.perMember ?? 0)))
      ctx.font = '11px sans-serif'
      ctx.fillStyle = GREY
      ctx.strokeStyle = '#eeeeee'
      for (const t of ticksOf(score, box)) {
        ctx.beginPath()
        ctx.moveTo(PAD.left, t.y)
        ctx.lineTo(box.width - PAD.right, t.y)
        ctx.stroke()
        ctx.fillText(String(t.value), 4, t.y + 4)
      }
      for (const t of ticksOf({ max: 100, step: 25 }, box))
        ctx.fillText(`${t.value}%`, box.width - PAD.right + 4, t.y + 4)
      points.forEach((p, i) => {
        if (i % 2 === 0 || i === points.length - 1)
          ctx.fillText(p.month.slice(2), xOf(i, points.length, box) - 14, box.height - 8)
      })
      const series: [(number | null)[], number, string][] = [
        [points.map((p) => p.perMember), score.max, RED],
        [points.map((p) => (p.activeRate === null ? null : p.activeRate * 100)), 100, BLUE],
      ]
      for (const [values, max, color] of series) {
        ctx.strokeStyle = color
        ctx.fillStyle = color
        ctx.lineWidth = 2
        for (const run of runsOf(values, max, box)) {
          ctx.beginPath()
          run.forEach((pt, i) => (i ? ctx.lineTo(pt.x, pt.y) : ctx.moveTo(pt.x, pt.y)))
          ctx.stroke()
          for (const pt of run) ctx.fillRect(pt.x - 2, pt.y - 2, 4, 4)
        }
      }
    })
}

/** A refusal is this page's answer: the server's reason and what the page is for. */
function refused(err: unknown) {
  const answer = finalRefusal(err)
  return (
    answer && {
      ...answer,
      message: `${answer.message}。走势和未达标名单供支部书记、社区党委和区委组织部查看`,
    }
  )
}

definePage<Data>()({
  behaviors: [loaded, pulled],
  data: {
    scope: 'branch',
    id: '',
    month: '',
    monthTitle: '',
    name: '',
    rows: [],
    members: [],
    membersStatus: 'loading',
    membersMessage: '',
  },

  methods: {
    onLoad(q: Record<string, string | undefined>) {
      const scope: TrendScope = q.scope === 'community' ? 'community' : 'branch'
      this.setData({
        scope,
        id: (scope === 'community' ? q.communityId : q.branchId) ?? '',
        month: q.month ?? '',
      })
      this.load()
    },

    load(): Promise<unknown> {
      const { scope, id, month } = this.data
      const where = {
        ...(id ? (scope === 'community' ? { communityId: id } : { branchId: id }) : {}),
        ...(month ? { month } : {}),
      }
      let points: TrendPoint[] = []
      const trend = loadInto(
        this,
        () => api.stats.trend({ scope, ...where }),
        (r) => {
          points = r.points
          const last = r.points[r.points.length - 1]
          return {
            name: r.name,
            month: last.month,
            monthTitle: monthLabel(last.month),
            rows: r.points.map((p) => ({
              month: p.month,
              label: monthLabel(p.month),
              perMember: p.perMember === null ? '—' : String(p.perMember),
              rate: p.activeRate === null ? '—' : `${Math.round(p.activeRate * 100)}%`,
            })),
          }
        },
        { fresh: true, failed: refused },
      ).then(() => {
        // Drawn once the canvas is on the page: setData's callback runs after the view has rendered.
        if (this.data.status === 'ready') this.setData({}, () => draw(this as never, points))
      })
      if (scope !== 'branch') return trend
      const members = loadInto(
        this,
        () => api.stats.reminders(where),
        (r) => ({
          membersStatus: r.members.length ? ('ready' as const) : ('empty' as const),
          membersMessage: '该月全体党员都达到了最低要求',
          members: r.members.map((m) => ({
            id: m.memberId,
            name: m.name,
            detail: shortfallText(m),
            reminded: m.reminded,
          })),
        }),
        { slot: { status: 'membersStatus', message: 'membersMessage' }, failed: finalRefusal },
      )
      return Promise.all([trend, members])
    },
  },
})
