// The community's admin publishes a submitted wish to the wall or turns it down.
import { defineAction } from '../../../_shared/dispatcher'
import { denied } from '../../../_shared/errors'
import { assertTextSafe } from '../../../_shared/security'
import { loadWish, toDetail, transition } from '../store'

export const review = defineAction('wish', 'review', {
  audience: 'member',
  roles: ['communityAdmin'],
  scope: ['communityAdmin'],
  async run({ caller }, input) {
    const { wish, viewer } = await loadWish(caller, input.wishId)
    if (!viewer.isAdmin) throw denied('只有该社区的管理员可以审核心愿')
    if (input.decision === 'reject') await assertTextSafe(caller.openid, 2, input.reason)
    const reviewed =
      input.decision === 'publish'
        ? await transition(wish, 'publish', { by: '社区' })
        : await transition(wish, 'reject', {
            by: '社区',
            note: input.reason,
            set: { rejectReason: input.reason },
          })
    return { wish: toDetail(reviewed, viewer) }
  },
})
