// 任免: the district admin starts from what is missing — the branches without a secretary and the communities
// without an admin, as the district's 待办 counts them (member.vacancies) — and picks from a branch's members
// (member.directory) or a community's (its secretaries first); or finds anyone by name or phone. A member is
// appointed or removed as their branch's secretary (replacing the one in office, once confirmed) or as a
// community's admin. ?branchId= (a 待办 line) opens that branch's members (or, a vacant community's id, its).
import type { DirectoryEntry, MemberHit, MemberOutputs } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { type LoadData, loaded } from '../../behaviors/load'
import type { ElderData } from '../../behaviors/elder'
import { definePage } from '../../utils/define'
import { rolesText } from '../../utils/format'
import { type LoadStatus, forbidden, loadInto, runAction } from '../../utils/page'
import { holds } from '../../utils/viewer'
import { DISTRICT_ONLY } from '../district/officers-only'

type Hit = {
  id: string
  name: string
  phone: string
  place: string
  /** The branch the member was found in: a secretary is appointed or removed there only. */
  branchId: string
  rolesText: string
  isSecretary: boolean
  isAdmin: boolean
  adminOf: string
  /** The branch's secretary now, if someone else ('' when the branch has none). */
  secretaryName: string
}
type HitEvent = WechatMiniprogram.TouchEvent<object, object, { index: number }>
type IdEvent = WechatMiniprogram.TouchEvent<object, object, { id: string }>
type Vacancies = MemberOutputs['vacancies']
/** What the list shows: search results, a branch's members or a community's. */
type Listed = 'search' | 'branch' | 'community'
type PickEvent = WechatMiniprogram.PickerChange<object, { index: number }>

export type Data = ElderData &
  LoadData & {
    query: string
    resultStatus: LoadStatus
    resultMessage: string
    hits: Hit[]
    nextCursor: string
    /** The row being changed (one at a time). */
    busyId: string
    communityIds: string[]
    communityNames: string[]
    /** The 待办 line's branch (?branchId=), opened once the page has loaded. */
    branchId: string
    vacantBranches: Vacancies['branches']
    vacantCommunities: Vacancies['communities']
    listed: Listed
    /** The branch or community whose members are listed ('' for search results). */
    pickedId: string
    pickedName: string
  }

const HINT = '输入姓名，或手机号中的至少 4 位数字，查找全区在册党员'

const toHit = (m: MemberHit): Hit => ({
  id: m.id,
  name: m.name,
  phone: m.phone,
  place: [m.communityName, m.branchName].filter(Boolean).join(' · '),
  branchId: m.branchId,
  rolesText: rolesText(m.roles),
  isSecretary: m.roles.includes('secretary'),
  isAdmin: m.roles.includes('communityAdmin'),
  adminOf: m.adminCommunityName,
  secretaryName: m.branchSecretary?.name ?? '',
})

/** A branch's member (member.directory) as a row: the branch's secretary read from the same list. */
const rosterHit =
  (branchId: string, place: string, members: DirectoryEntry[]) =>
  (m: DirectoryEntry): Hit => ({
    id: m.id,
    name: m.name,
    phone: m.phone,
    place,
    branchId,
    rolesText: rolesText(m.roles),
    isSecretary: m.roles.includes('secretary'),
    isAdmin: m.roles.includes('communityAdmin'),
    adminOf: '',
    secretaryName: members.find((s) => s.id !== m.id && s.roles.includes('secretary'))?.name ?? '',
  })

const vacanciesOf = (v: Vacancies): Partial<Data> => ({
  vacantBranches: v.branches,
  vacantCommunities: v.communities,
})

definePage<Data>()({
  behaviors: [loaded],
  data: {
    query: '',
    resultStatus: 'empty',
    resultMessage: HINT,
    hits: [],
    nextCursor: '',
    busyId: '',
    communityIds: [],
    communityNames: [],
    branchId: '',
    vacantBranches: [],
    vacantCommunities: [],
    listed: 'search',
    pickedId: '',
    pickedName: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ branchId: decodeURIComponent(query.branchId ?? '') })
      this.load()
    },

    /** Who may appoint (the page is the district admin's), what is missing, and the communities to appoint
     * admins for; then the 待办 line's branch, if it named one. */
    async load(): Promise<void> {
      await loadInto(
        this,
        async () => {
          const [{ me }, { root }] = await Promise.all([api.member.me(), api.org.tree()])
          // Only the district admin asks for the vacancies (anyone else is refused them).
          return holds(me, 'districtAdmin')
            ? { root, vacancies: await api.member.vacancies({}) }
            : null
        },
        (found): Partial<Data> =>
          found
            ? {
                communityIds: found.root.children.map((c) => c.id),
                communityNames: found.root.children.map((c) => c.name),
                ...vacanciesOf(found.vacancies),
              }
            : forbidden(DISTRICT_ONLY),
      )
      const { status, branchId, communityIds } = this.data
      if (status !== 'ready' || !branchId) return
      // The district's 待办 line of a community without an admin carries the community's id.
      await (communityIds.includes(branchId)
        ? this.openCommunity(branchId)
        : this.openBranch(branchId))
    },

    onOpenBranch(e: IdEvent): Promise<void> {
      return this.openBranch(e.currentTarget.dataset.id)
    },

    onOpenCommunity(e: IdEvent): Promise<void> {
      return this.openCommunity(e.currentTarget.dataset.id)
    },

    /** The branch's active members (phones masked), to appoint its secretary from. */
    openBranch(branchId: string): Promise<void> {
      const vacant = this.data.vacantBranches.find((b) => b.id === branchId)
      this.setData({ listed: 'branch', pickedId: branchId, pickedName: vacant?.name ?? '' })
      return this.loadList(
        () => api.member.directory({ branchId }),
        (roster) => {
          const place = [vacant?.communityName, roster.branchName].filter(Boolean).join(' · ')
          return {
            pickedName: roster.branchName,
            hits: roster.members.map(rosterHit(branchId, place, roster.members)),
          }
        },
        '该支部没有在册党员',
      )
    },

    /** The community's active members (its secretaries first), to appoint its admin from. */
    openCommunity(communityId: string): Promise<void> {
      const vacant = this.data.vacantCommunities.find((c) => c.id === communityId)
      this.setData({ listed: 'community', pickedId: communityId, pickedName: vacant?.name ?? '' })
      return this.loadList(
        () => api.member.vacancies({ communityId }),
        (v) => ({ ...vacanciesOf(v), hits: v.candidates.map(toHit) }),
        '该社区没有在册党员',
      )
    },

    /** The list below (a branch's or a community's members), fresh. */
    loadList<R>(
      fetch: () => Promise<R>,
      map: (result: R) => Partial<Data>,
      none: string,
    ): Promise<void> {
      return loadInto(
        this,
        fetch,
        (result): Partial<Data> => {
          const patch = map(result)
          return {
            ...patch,
            resultStatus: patch.hits?.length ? 'ready' : 'empty',
            resultMessage: none,
            nextCursor: '',
          }
        },
        { slot: { status: 'resultStatus', message: 'resultMessage' }, fresh: true },
      )
    },

    onQueryInput(e: WechatMiniprogram.Input) {
      this.setData({ query: e.detail.value })
    },

    /** The first page of hits for the query (again after each change, so rows show the roles now held). */
    onSearch(): Promise<void> {
      this.setData({ listed: 'search', pickedId: '', pickedName: '' })
      return loadInto(
        this,
        () => api.member.search({ query: this.data.query }),
        (found): Partial<Data> => ({
          resultStatus: found.items.length ? 'ready' : 'empty',
          resultMessage: '没有找到符合的在册党员',
          hits: found.items.map(toHit),
          nextCursor: found.nextCursor ?? '',
        }),
        {
          slot: { status: 'resultStatus', message: 'resultMessage' },
          fresh: true,
          // What the server says of a query (too short, none found) is an answer, not an error to retry.
          failed: (err): Partial<Data> => ({
            resultStatus: 'empty',
            resultMessage: errorMessage(err),
            hits: [],
          }),
        },
      )
    },

    onMore(): Promise<boolean> {
      const { query, nextCursor } = this.data
      return runAction(this, {
        busyKey: 'busyId',
        busyId: 'more',
        work: () => api.member.search({ query, cursor: nextCursor }),
        after: (found) =>
          this.setData({
            hits: [...this.data.hits, ...found.items.map(toHit)],
            nextCursor: found.nextCursor ?? '',
          }),
      })
    },

    async onAppointSecretary(e: HitEvent): Promise<void> {
      const hit = this.data.hits[e.currentTarget.dataset.index]
      const replace = !!hit.secretaryName
      if (replace) {
        const { confirm } = await wx.showModal({
          title: '更换支部书记',
          content: `${hit.secretaryName}现任该支部书记。确认由${hit.name}接任？${hit.secretaryName}的书记职务将被免去。`,
          confirmText: '确认接任',
        })
        if (!confirm) return
      }
      await this.change(hit, () =>
        api.member.setRole({
          memberId: hit.id,
          role: 'secretary',
          grant: true,
          branchId: hit.branchId,
          replace,
        }),
      )
    },

    async onRemoveSecretary(e: HitEvent): Promise<void> {
      const hit = this.data.hits[e.currentTarget.dataset.index]
      const { confirm } = await wx.showModal({
        title: '免去支部书记',
        content: `确认免去${hit.name}的支部书记职务？该支部将暂无书记，请尽快任命。`,
      })
      if (confirm)
        await this.change(hit, () =>
          api.member.setRole({
            memberId: hit.id,
            role: 'secretary',
            grant: false,
            branchId: hit.branchId,
          }),
        )
    },

    async onPickCommunity(e: PickEvent): Promise<void> {
      const hit = this.data.hits[e.currentTarget.dataset.index]
      const communityId = this.data.communityIds[Number(e.detail.value)]
      await this.change(hit, () =>
        api.member.setRole({ memberId: hit.id, role: 'communityAdmin', grant: true, communityId }),
      )
    },

    /** A community's member, made its admin once confirmed. */
    async onAppointAdmin(e: HitEvent): Promise<void> {
      const hit = this.data.hits[e.currentTarget.dataset.index]
      const { pickedId: communityId, pickedName } = this.data
      const { confirm } = await wx.showModal({
        title: '任命社区管理员',
        content: `确认任命${hit.name}为${pickedName}管理员？`,
        confirmText: '确认任命',
      })
      if (confirm)
        await this.change(hit, () =>
          api.member.setRole({
            memberId: hit.id,
            role: 'communityAdmin',
            grant: true,
            communityId,
          }),
        )
    },

    async onRemoveAdmin(e: HitEvent): Promise<void> {
      const hit = this.data.hits[e.currentTarget.dataset.index]
      const { confirm } = await wx.showModal({
        title: '免去社区管理员',
        content: `确认免去${hit.name}的${hit.adminOf}管理员职务？`,
      })
      if (confirm)
        await this.change(hit, () =>
          api.member.setRole({ memberId: hit.id, role: 'communityAdmin', grant: false }),
        )
    },

    change(hit: Hit, work: () => Promise<unknown>): Promise<boolean> {
      return runAction(this, {
        busyKey: 'busyId',
        busyId: hit.id,
        work,
        done: '已保存',
        after: () => this.refresh(),
      })
    },

    /** After a change: the list again (rows show the roles held now), and what is still missing. */
    async refresh(): Promise<void> {
      const { listed, pickedId } = this.data
      if (listed === 'community') return this.openCommunity(pickedId)
      await Promise.all([
        listed === 'branch' ? this.openBranch(pickedId) : this.onSearch(),
        api.member
          .vacancies({})
          .then((v) => this.setData(vacanciesOf(v)))
          // The change is saved; the list of what is missing catches up on the next visit.
          .catch(() => undefined),
      ])
    },
  },
})
