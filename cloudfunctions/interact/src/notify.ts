// Subscription messages: a failure to notify is logged and never fails the user's action.
import { getCloud } from '../../_shared/cloud'

/** Placeholder template ids until the mini-program's templates are applied for in 公众平台. */
export const TEMPLATES = {
  commentReply: 'TEMPLATE_COMMENT_REPLY_PLACEHOLDER',
  appealUpdate: 'TEMPLATE_APPEAL_UPDATE_PLACEHOLDER',
} as const

/** Template `thing` values take at most 20 characters. */
export const thing = (text: string) => ({
  value: text.length > 20 ? `${text.slice(0, 19)}…` : text,
})

export async function notify(
  touser: string,
  templateId: string,
  page: string,
  data: Record<string, { value: string }>,
): Promise<void> {
  try {
    await getCloud().openapi.subscribeMessage.send({ touser, templateId, page, data })
  } catch (err) {
    console.error(`[interact] subscription message ${templateId} to a user failed:`, err)
  }
}
