// Subscription messages (订阅消息), by template key: ids and field names come from
// miniprogram/subscribe-templates.ts. A message that cannot be sent must never fail the user's action: log it.
import dayjs from 'dayjs'
import {
  SUBSCRIBE_TEMPLATES,
  type TemplateKey,
  type TemplateValues,
} from '../../miniprogram/subscribe-templates'
import { getCloud } from './cloud'
import { ZONE } from './clock'

/** The most characters WeChat takes per field type (the field name without its number). */
const MAX_CHARS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32 }

const fit = (field: string, text: string) => {
  const max = MAX_CHARS[field.replace(/\d+$/, '')]
  return max && text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A `time` field: 2026年3月8日 09:30, Shanghai. */
export const noticeTime = (d: Date) => dayjs(d).tz(ZONE).format('YYYY年M月D日 HH:mm')

/** A `date` field: 2026年3月31日, Shanghai. */
export const noticeDate = (d: Date) => dayjs(d).tz(ZONE).format('YYYY年M月D日')

/** Sends one message; throws what WeChat answered (e.g. the user has not subscribed). */
export async function sendNotice<K extends TemplateKey>(
  key: K,
  touser: string,
  page: string,
  values: TemplateValues<K>,
): Promise<void> {
  const template = SUBSCRIBE_TEMPLATES[key]
  const data: Record<string, { value: string }> = {}
  for (const [field, { name }] of Object.entries(template.fields))
    data[name] = { value: fit(name, values[field as keyof TemplateValues<K>]) }
  await getCloud().openapi.subscribeMessage.send({ touser, templateId: template.id, page, data })
}

/** Sends one message; a failure is logged and answered false. */
export async function notify<K extends TemplateKey>(
  key: K,
  touser: string,
  page: string,
  values: TemplateValues<K>,
): Promise<boolean> {
  try {
    await sendNotice(key, touser, page, values)
    return true
  } catch (err) {
    console.warn(`[notify] ${key} to a user failed:`, err)
    return false
  }
}
