// Pages that read a branch or a community named in their query, or the caller's own when none is named:
// `?branchId=` / `?communityId=` are kept on load, and a read sends the id only when there is one. Pages opened
// on one item by `?id=` (byId) keep it, and say so plainly when the link came without it.
import { defineBehavior } from '../utils/define'
import { type LoadData, loaded } from './load'

type Query = Record<string, string | undefined>

export type BranchScopedData = { branchId: string }

export const branchScoped = defineBehavior<BranchScopedData>()({
  data: { branchId: '' },
  methods: {
    onLoad(query: Query) {
      this.setData({ branchId: decodeURIComponent(query.branchId ?? '') })
    },

    /** What a read sends: the named branch, or nothing (the caller's own). */
    branchScope(): { branchId?: string } {
      const { branchId } = this.data
      return branchId ? { branchId } : {}
    },
  },
})

export type CommunityScopedData = { communityId: string }

export const communityScoped = defineBehavior<CommunityScopedData>()({
  data: { communityId: '' },
  methods: {
    onLoad(query: Query) {
      this.setData({ communityId: decodeURIComponent(query.communityId ?? '') })
    },

    /** What a read sends: the named community, or nothing (the caller's own, or the district). */
    communityScope(): { communityId?: string } {
      const { communityId } = this.data
      return communityId ? { communityId } : {}
    },
  },
})

/** What a page opened without its `?id=` shows, naming what it is for (这个心愿). */
export const missingId = (what: string) => `没有找到${what}：链接不完整，请返回后从列表重新进入`

export type ByIdData = LoadData & { id: string }

/**
 * A page opened on one item by `?id=` (a wish, a session, a study item): the id is kept on load, and `load()`
 * is the page's `loadItem(id)`. Opened without an id (a link cut short) the page shows its empty state naming
 * `what` and asks the server nothing: 重试 could not help, so it is no error. The page loads when opened, or,
 * with `onShow`, leaves loading to `shown` (on every show).
 */
export const byId = (what: string, { onShow = false } = {}) =>
  defineBehavior<ByIdData, { loadItem(id: string): Promise<unknown> }>()({
    behaviors: [loaded],
    data: { id: '' },
    methods: {
      onLoad(query: Query) {
        this.setData({ id: decodeURIComponent(query.id ?? '') })
        if (!onShow) this.load()
      },

      async load(): Promise<void> {
        const { id } = this.data
        if (id) await this.loadItem(id)
        else this.setData({ status: 'empty', message: missingId(what) })
      },
    },
  })
