// 排行与月度统计: my month, a branch's member ranking, branches ranked fairly, xlsx export, settlement, reminders.
import { z } from 'zod'
import { Id, MonthString } from './common'
import type { BranchType } from './org'
import type { Minimums, RuleCounts } from './participation'

export const RANKING_SCOPES = ['community', 'district'] as const
export type RankingScope = (typeof RANKING_SCOPES)[number]
export const TREND_SCOPES = ['branch', 'community'] as const
export type TrendScope = (typeof TREND_SCOPES)[number]
/** Months a trend shows, ending at the month asked for. */
export const TREND_MONTHS = 12

export const statsInputs = {
  myMonth: z.object({ month: MonthString.optional() }).strict(),
  memberRanking: z
    .object({
      branchId: Id.optional(),
      month: MonthString.optional(),
      top: z.number().int().min(1).max(100, '最多显示前 100 名').optional(),
    })
    .strict(),
  branchRanking: z
    .object({
      scope: z.enum(RANKING_SCOPES).optional(),
      communityId: Id.optional(),
      month: MonthString.optional(),
      /** Pages of 1,000 branches (a district may rank tens of thousands); default 1. */
      page: z.number().int().min(1, '页码有误').max(10_000, '页码有误').optional(),
    })
    .strict(),
  exportMonth: z
    .object({
      rows: z.enum(['members', 'branches'], { message: '请选择按党员或按支部导出' }),
      branchId: Id.optional(),
      communityId: Id.optional(),
      month: MonthString.optional(),
    })
    .strict(),
  /** Per-capita score and 达标率 of a branch or a community for the 12 months ending at `month`. */
  trend: z
    .object({
      scope: z.enum(TREND_SCOPES, { message: '请选择支部或社区' }),
      branchId: Id.optional(),
      communityId: Id.optional(),
      month: MonthString.optional(),
    })
    .strict(),
  /** Members of a branch still below a minimum this month, and whether the reminder went out. */
  reminders: z.object({ branchId: Id.optional(), month: MonthString.optional() }).strict(),
  /** District admins: settle a month by hand (default: last month). */
  settle: z.object({ month: MonthString.optional() }).strict(),
  /** District admins: send this month's reminders by hand. */
  remind: z.object({}).strict(),
  /** District admins: open a month's counters by hand (default: the current month). */
  openMonth: z.object({ month: MonthString.optional() }).strict(),
  /** District admins: how far a month's settlement and opening have got (default: the current month). */
  monthProgress: z.object({ month: MonthString.optional() }).strict(),
}

export type RankedMember = {
  rank: number
  memberId: string
  name: string
  score: number
  /** True on the caller's own row. */
  mine: boolean
}

export type RankedBranch = {
  rank: number
  branchId: string
  name: string
  branchType: BranchType | ''
  activeMembers: number
  /** Members who met every minimum of the branch. */
  metCount: number
  /** metCount / activeMembers, 0..1. */
  activeRate: number
  /** Score per active member, one decimal: what the ranking is by, so small branches compete fairly. */
  perMember: number
  /** Raw totals, shown beside. */
  score: number
  counts: RuleCounts
  mine: boolean
}

export type BelowMinimum = {
  memberId: string
  name: string
  counts: RuleCounts
  shortfall: Minimums
  reminded: boolean
}

export type SettlementSummary = {
  month: string
  branches: number
  /** Members who scored in the month. */
  members: number
  /** Branches whose counters still differ from a recount of the ledger (recorded in settlement_audits). */
  differences: number
  /** Ledger entries whose request died before their counters moved, applied before the audit: how many, their
   * units now counted and now refused, and the branch counters corrected. */
  repaired: { entries: number; countedUnits: number; refusedUnits: number; branches: number }
  bulletins: number
  /** True when the month had been settled before: nothing was changed. */
  already: boolean
}

/** A month's work done in slices, each its own invocation: settling it, or opening its counters. */
export type WorkKind = 'settle' | 'open'

export type MonthProgress = {
  kind: WorkKind
  month: string
  /** none: not started; running: slices left (the trigger's next run carries on); done. */
  state: 'none' | 'running' | 'done'
  slices: { done: number; total: number }
  /** Slices running now (their invocation holds a lease), and slices whose invocation died or timed out:
   * the trigger's next run, or the district admin's next press, runs them again once their lease passed. */
  leased: number
  failed: number
  /** ISO times: when the work was planned, and when its result was assembled. */
  startedAt: string | null
  finishedAt: string | null
}

/** A settlement run: its progress, and the summary once every slice is done (null before). */
export type SettlementRun = { progress: MonthProgress; summary: SettlementSummary | null }

/** A month's counters opened at 0 for every branch and active member (see stats' openMonth trigger). */
export type MonthOpening = {
  month: string
  /** False when the run's time ran out; the next run continues where it stopped. */
  done: boolean
  /** True when the month had been opened before: nothing was written. */
  already: boolean
  /** Counters created so far (members approved meanwhile open their own). */
  members: number
  branches: number
}

/** One month of a trend; null figures where the month has no settlement (or no active members). */
export type TrendPoint = {
  month: string
  perMember: number | null
  activeRate: number | null
  /** True when read from the month's frozen snapshot; the current month is read live from the counters. */
  settled: boolean
}

export type StatsOutputs = {
  myMonth: {
    month: string
    score: number
    counts: RuleCounts
    minimums: Minimums
    shortfall: Minimums
    metAll: boolean
    /** My rank in my branch, or null without a score this month. */
    rank: number | null
    ranked: number
  }
  memberRanking: {
    branchId: string
    month: string
    /** True when read from the month's frozen snapshot. */
    settled: boolean
    /** Members with a score this month. */
    ranked: number
    top: RankedMember[]
    /** The caller's row even outside the top; null when the caller has no score in this branch. */
    mine: RankedMember | null
  }
  branchRanking: {
    scope: RankingScope
    scopeId: string
    month: string
    settled: boolean
    /** The page's branches, in rank order. */
    branches: RankedBranch[]
    /** 末位: the lowest-ranked branches of the whole ranking that are on this page. */
    bottom: RankedBranch[]
    page: number
    pages: number
    /** Branches ranked on every page. */
    total: number
  }
  trend: { scope: TrendScope; scopeId: string; name: string; points: TrendPoint[] }
  /** The month's rows as an .xlsx in cloud storage: `fileID` for wx.cloud.downloadFile, `filename` to show
   * and to forward it under. */
  exportMonth: { month: string; filename: string; fileID: string; rowCount: number }
  reminders: { branchId: string; month: string; minimums: Minimums; members: BelowMinimum[] }
  settle: SettlementRun
  openMonth: MonthOpening
  monthProgress: { month: string; settle: MonthProgress; open: MonthProgress }
  remind: {
    month: string
    below: number
    sent: number
    failed: number
    skipped: number
    /** Left for the next run of the trigger (it repeats on the 20th) when this run's time ran out. */
    remaining: number
  }
}
