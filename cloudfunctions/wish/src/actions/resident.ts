// A resident submits a wish; the community's admin publishes it to the wall or turns it down.
import type { z } from 'zod'
import type { WishOutputs, wishInputs } from '../../../../typings/wish'
import { getDb, isDuplicateKey } from '../../../_shared/cloud'
import { now } from '../../../_shared/clock'
import { COLLECTIONS } from '../../../_shared/collections'
import type { ActionContext } from '../../../_shared/dispatcher'
import { conflict, denied } from '../../../_shared/errors'
import { checkImages } from '../../../_shared/media'
import { assertTextSafe } from '../../../_shared/security'
import { wishIdOf } from '../domain'
import { type WishDoc, loadWish, toDetail, transition, viewerOf } from '../store'

type Inputs = { [A in keyof typeof wishInputs]: z.output<(typeof wishInputs)[A]> }

export async function submit(
  { caller }: ActionContext,
  input: Inputs['submit'],
): Promise<WishOutputs['submit']> {
  const resident = caller.resident
  if (!resident) throw denied('请先登记为居民')
  await assertTextSafe(caller.openid, 3, input.title, input.description, input.address ?? '')
  const photoMedia = await checkImages(caller.openid, input.photo ? [input.photo] : [])
  const at = now()
  const wish: WishDoc = {
    _id: wishIdOf(resident._id, input.title, at.format('YYYY-MM-DD')),
    communityId: resident.communityId,
    residentId: resident._id,
    residentOpenid: resident.openid,
    residentName: resident.name,
    residentPhone: resident.phone,
    address: input.address ?? null,
    title: input.title,
    description: input.description,
    category: input.category,
    photo: input.photo ?? null,
    ...(photoMedia ? { photoMedia } : {}),
    status: '待审核',
    claimer: null,
    claimedAt: null,
    rejectReason: null,
    fulfilNote: null,
    fulfilPhotos: [],
    thanks: null,
    rating: null,
    overdueFlaggedAt: null,
    timeline: [{ at: at.toDate(), event: 'submit', status: '待审核', by: '居民' }],
    createdAt: at.toDate(),
    updatedAt: at.toDate(),
  }
  try {
    await getDb().collection(COLLECTIONS.wishes).add({ data: wish })
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('这个心愿今天已经提交过了，请等待社区审核')
    throw err
  }
  return { wish: toDetail(wish, viewerOf(caller, wish)) }
}

export async function review(
  { caller }: ActionContext,
  input: Inputs['review'],
): Promise<WishOutputs['review']> {
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
}
