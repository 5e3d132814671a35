// Images go to WeChat's asynchronous media check; the stored status stays pending until its result arrives.
import { getCloud } from '../../_shared/cloud'
import type { NewsDoc } from '../../_shared/news'

type MediaCheckReply = { traceId?: string; trace_id?: string }

/** Starts one check per image and answers the pending status to store, or undefined without images. */
export async function checkImages(
  openid: string,
  fileIds: string[],
): Promise<NewsDoc['media'] | undefined> {
  if (!fileIds.length) return undefined
  const traceIds = await Promise.all(
    fileIds.map(async (fileId) => {
      const res = (await getCloud().openapi.security.mediaCheckAsync({
        mediaUrl: fileId,
        mediaType: 2,
        version: 2,
        openid,
        scene: 3,
      })) as MediaCheckReply
      return res.traceId ?? res.trace_id ?? ''
    }),
  )
  return { status: 'pending', traceIds }
}
