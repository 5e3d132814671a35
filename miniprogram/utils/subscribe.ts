// Consent to subscription messages (订阅消息): each one-time consent lets the cloud send one message later.
import { SUBSCRIBE_TEMPLATES, type TemplateKey } from '../subscribe-templates'

/**
 * Asks for the messages an action leads to (at most 3 templates). WeChat opens the dialog only from a user's
 * tap, so call it in the tap handler before any await; it resolves whatever the user chose, and a refusal, a
 * failure or a base library without the API (before 2.4.4) never stops the action.
 */
export function askToNotify(keys: TemplateKey[]): Promise<void> {
  if (typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve()
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: keys.map((key) => SUBSCRIBE_TEMPLATES[key].id),
      complete: () => resolve(),
    })
  })
}

/**
 * The officer's toast after reminding: WeChat delivers only to members who turned notifications on, so it
 * says how many got it and how many did not (two lines, hence no tick icon, which cuts at 7 characters).
 */
export function remindedToast(reminded: number, delivered: number, nobody: string) {
  if (!reminded) return nobody
  const off = reminded - delivered
  if (!off) return `已送达 ${delivered} 人`
  return { title: `已送达 ${delivered} 人，${off} 人未开启通知`, icon: 'none' as const }
}
