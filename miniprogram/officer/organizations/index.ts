// 两新组织 (一企一表): the register of 两新 organisations in a community admin's community or a district
// admin's district (?communityId= one community), or a branch's roster (?branchId=: those it covers); the
// ones that should form their own party organisation and the ones due for the quarterly update (五清) are
// marked and can be shown alone. The form adds or edits one: kind, industry, address, employees, party
// members, coverage with its branch, and the 党建指导员.
import type {
  Coverage,
  Organization,
  OrganizationKind,
  RegisterCommunity,
} from '../../../typings/index'
import { api } from '../../services/api'
import { communityScoped } from '../../behaviors/scoped'
import { type LoadData, loaded, pulled, shown } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { periodLabel } from '../../utils/date'
import { definePage } from '../../utils/define'
import { newDraftId } from '../../utils/interact'
import { loadInto, runAction, showFailure } from '../../utils/page'
import { refusedWith } from '../district/officers-only'
import { REGISTER_ONLY } from '../register/only'

const KINDS: { value: OrganizationKind; label: string }[] = [
  { value: 'enterprise', label: '非公企业' },
  { value: 'social', label: '社会组织' },
]
const COVERAGES: { value: Coverage; label: string }[] = [
  { value: 'own', label: '单独建立党组织' },
  { value: 'joint', label: '联合党组织覆盖' },
  { value: 'none', label: '未覆盖' },
]
const FILTERS = ['all', 'flagged', 'stale'] as const
type Filter = (typeof FILTERS)[number]

type Row = Pick<
  Organization,
  'id' | 'name' | 'kindText' | 'industry' | 'employees' | 'partyMembers' | 'coverageText'
> &
  Pick<Organization, 'branchName' | 'flagged' | 'stale'> & { instructorText: string }

/** The form's text fields (their `data-field`). */
type Field = 'name' | 'industry' | 'address' | 'employees' | 'partyMembers' | 'iName' | 'iPhone'
type Form = { [F in Field]: string } & {
  id: string
  draftId: string
  communityIndex: number
  kindIndex: number
  coverageIndex: number
  branchIndex: number
}
type Choice = { id: string; name: string }

export type Data = ElderData &
  LoadData & {
    communityId: string
    branchId: string
    /** The roster's branch name, '' for a scope's register. */
    branchName: string
    quarter: string
    filter: Filter
    rows: Row[]
    flaggedCount: number
    staleCount: number
    kinds: string[]
    coverages: string[]
    /** For the form's pickers: open communities, and the open branches of the one picked. */
    communities: Choice[]
    branches: Choice[]
    form: Form | null
    busy: boolean
  }

/** Kept outside data: the whole entries (for the form) and the register (for the pickers). */
let entries: Organization[] = []
let register: RegisterCommunity[] = []

const toRow = (o: Organization): Row => ({
  id: o.id,
  name: o.name,
  kindText: o.kindText,
  industry: o.industry,
  employees: o.employees,
  partyMembers: o.partyMembers,
  coverageText: o.coverageText,
  branchName: o.branchName,
  flagged: o.flagged,
  stale: o.stale,
  instructorText: o.instructor ? `${o.instructor.name} ${o.instructor.phone}` : '未选派',
})

const shownRows = (filter: Filter) =>
  entries.filter((o) => filter === 'all' || o[filter]).map(toRow)

/** The open branches of a community to pick, each with its type and its 联合党总支, if any. */
function openBranches(communityId: string): Choice[] {
  const community = register.find((c) => c.id === communityId)
  const general = new Map(community?.generalBranches.map((g) => [g.id, ` · ${g.name}`]))
  return (community?.branches ?? [])
    .filter((b) => !b.retired)
    .map((b) => ({
      id: b.id,
      name: `${b.name}（${b.branchType}${general.get(b.generalBranchId) ?? ''}）`,
    }))
}

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, object, { field: Field }>
type PickEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  object,
  { field: 'communityIndex' | 'kindIndex' | 'coverageIndex' | 'branchIndex' }
>

definePage<Data>()({
  behaviors: [loaded, shown, pulled, communityScoped],
  data: {
    communityId: '',
    branchId: '',
    branchName: '',
    quarter: '',
    filter: 'all',
    rows: [],
    flaggedCount: 0,
    staleCount: 0,
    kinds: KINDS.map((k) => k.label),
    coverages: COVERAGES.map((c) => c.label),
    communities: [],
    branches: [],
    form: null,
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const filter = FILTERS.find((f) => f === query.filter) ?? 'all'
      this.setData({ communityId: query.communityId ?? '', branchId: query.branchId ?? '', filter })
    },

    load(): Promise<void> {
      const { branchId } = this.data
      const scope = branchId ? { branchId } : this.communityScope()
      return loadInto(
        this,
        () => Promise.all([api.org.organizations(scope), api.org.register({})]),
        ([list, reg]) => {
          entries = list.organizations
          register = reg.communities.filter((c) => !c.retired)
          return {
            status: 'ready',
            branchName: list.branch?.name ?? '',
            quarter: periodLabel(list.quarter),
            rows: shownRows(this.data.filter),
            flaggedCount: entries.filter((o) => o.flagged).length,
            staleCount: entries.filter((o) => o.stale).length,
            communities: register.map((c) => ({ id: c.id, name: c.name })),
          }
        },
        { failed: refusedWith(REGISTER_ONLY) },
      )
    },

    onFilter(e: WechatMiniprogram.TouchEvent<object, object, { filter: Filter }>) {
      const { filter } = e.currentTarget.dataset
      this.setData({ filter, rows: shownRows(filter) })
    },

    /** The form, empty or (data-id) with an entry's fields. */
    onOpenForm(e: WechatMiniprogram.TouchEvent<object, object, { id?: string }>) {
      const o = entries.find((x) => x.id === e.currentTarget.dataset.id)
      const communityId = o?.communityId || this.data.communityId || register[0]?.id || ''
      const branches = openBranches(communityId)
      const form: Form = {
        id: o?.id ?? '',
        draftId: newDraftId(),
        name: o?.name ?? '',
        industry: o?.industry ?? '',
        address: o?.address ?? '',
        employees: o ? String(o.employees) : '',
        partyMembers: o ? String(o.partyMembers) : '',
        iName: o?.instructor?.name ?? '',
        iPhone: o?.instructor?.phone ?? '',
        communityIndex: Math.max(
          0,
          register.findIndex((c) => c.id === communityId),
        ),
        kindIndex: Math.max(
          0,
          KINDS.findIndex((k) => k.value === o?.kind),
        ),
        coverageIndex: o ? COVERAGES.findIndex((c) => c.value === o.coverage) : 2,
        branchIndex: Math.max(
          0,
          branches.findIndex((b) => b.id === o?.branchId),
        ),
      }
      this.setData({ form, branches })
    },

    onCloseForm() {
      this.setData({ form: null })
    },

    onField(e: FieldEvent) {
      this.edit({ [e.currentTarget.dataset.field]: e.detail.value })
    },

    onPick(e: PickEvent) {
      const { field } = e.currentTarget.dataset
      const value = Number(e.detail.value)
      if (field !== 'communityIndex') return this.edit({ [field]: value })
      this.edit({ communityIndex: value, branchIndex: 0 })
      this.setData({ branches: openBranches(register[value]?.id ?? '') })
    },

    edit(change: Partial<Form>) {
      const form = this.data.form
      if (form) this.setData({ form: { ...form, ...change } })
    },

    async onSave(): Promise<void> {
      const f = this.data.form
      if (!f) return
      const coverage = COVERAGES[f.coverageIndex].value
      const branchId = coverage === 'none' ? undefined : this.data.branches[f.branchIndex]?.id
      const instructor =
        f.iName.trim() || f.iPhone.trim() ? { name: f.iName.trim(), phone: f.iPhone.trim() } : null
      const fields = {
        communityId: register[f.communityIndex]?.id ?? '',
        name: f.name.trim(),
        kind: KINDS[f.kindIndex].value,
        industry: f.industry.trim(),
        address: f.address.trim(),
        employees: Number(f.employees),
        partyMembers: Number(f.partyMembers),
        coverage,
        ...(branchId ? { branchId } : {}),
        instructor,
      }
      await runAction(this, {
        busyKey: 'busy',
        work: (): Promise<unknown> =>
          f.id
            ? api.org.updateOrganization({ organizationId: f.id, ...fields })
            : api.org.createOrganization({ draftId: f.draftId, ...fields }),
        done: '已保存',
        after: () => {
          this.setData({ form: null })
          return this.load()
        },
        failed: (err) => void showFailure(err, '未能保存'),
      })
    },
  },
})
