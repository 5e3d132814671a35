// Officer pages that read one community or the whole district: `?communityId=` picks the community (a district
// admin's choice); without it the server answers the caller's own community, or the district.
import { defineBehavior } from '../utils/define'

export type CommunityScopedData = { communityId: string }

export const communityScoped = defineBehavior<CommunityScopedData>()({
  data: { communityId: '' },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ communityId: query.communityId ?? '' })
    },

    /** What a read sends: the chosen community, or nothing. */
    communityScope(): { communityId?: string } {
      const { communityId } = this.data
      return communityId ? { communityId } : {}
    },
  },
})
