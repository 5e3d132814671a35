// Pages that read a branch or a community named in their query, or the caller's own when none is named:
// `?branchId=` / `?communityId=` are kept on load, and a read sends the id only when there is one.
import { defineBehavior } from '../utils/define'

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
