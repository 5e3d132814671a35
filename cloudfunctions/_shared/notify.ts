// Subscription messages (订阅消息). A message that cannot be sent must never fail the user's action: log it.
import { getCloud } from './cloud'

export type Notice = {
  touser: string
  templateId: string
  /** The mini-program page the message opens, with its query. */
  page: string
  /** Template fields: `{ thing1: { value: '…' } }`. */
  data: Record<string, { value: string }>
}

/** `thing` fields take at most 20 characters. */
export const thing = (text: string) => ({
  value: text.length > 20 ? `${text.slice(0, 19)}…` : text,
})

export async function notify(notice: Notice): Promise<boolean> {
  try {
    await getCloud().openapi.subscribeMessage.send(notice)
    return true
  } catch (err) {
    console.warn(`[notify] ${notice.templateId} to a user failed:`, err)
    return false
  }
}
