// 任免: the district admin finds a member by name or phone and appoints or removes them as their branch's
// secretary (replacing the one in office, once confirmed) or as a community's admin (picking the community).
import type { MemberHit } from '../../../typings/index'
import { api, errorMessage } from '../../services/api'
import { type LoadData, loaded, opened } from '../../behaviors/load'
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

definePage<Data>()({
  behaviors: [loaded, opened],
  data: {
    query: '',
    resultStatus: 'empty',
    resultMessage: HINT,
    hits: [],
    nextCursor: '',
    busyId: '',
    communityIds: [],
    communityNames: [],
  },

  methods: {
    /** Who may appoint (the page is the district admin's) and the communities to appoint admins for. */
    load(): Promise<void> {
      return loadInto(
        this,
        () => Promise.all([api.member.me(), api.org.tree()]),
        ([{ me }, { root }]) =>
          holds(me, 'districtAdmin')
            ? {
                communityIds: root.children.map((c) => c.id),
                communityNames: root.children.map((c) => c.name),
              }
            : forbidden(DISTRICT_ONLY),
      )
    },

    onQueryInput(e: WechatMiniprogram.Input) {
      this.setData({ query: e.detail.value })
    },

    /** The first page of hits for the query (again after each change, so rows show the roles now held). */
    onSearch(): Promise<void> {
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
        after: () => this.onSearch(),
      })
    },
  },
})
