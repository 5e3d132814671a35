// Consent to subscription messages (订阅消息): each one-time consent lets the cloud send one message later.
import { SUBSCRIBE_TEMPLATES, type TemplateKey } from '../subscribe-templates'

/**
 * Asks for the messages an action leads to (at most 3 templates). WeChat opens the dialog only from a user's
 * tap, so call it in the tap handler before any await; it resolves whatever the user chose, and a refusal or
 * a failure never stops the action.
 */
export function askToNotify(keys: TemplateKey[]): Promise<void> {
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: keys.map((key) => SUBSCRIBE_TEMPLATES[key].id),
      complete: () => resolve(),
    })
  })
}
