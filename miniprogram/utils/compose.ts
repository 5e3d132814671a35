// The text box of the 留言板 and 动态详情: the draft is sent once at a time under its draftId (so a retried
// send is stored once), then cleared with a fresh id and the page reloaded.
import { errorMessage } from '../services/api'
import { newDraftId } from './interact'

/** The part of a page that sending reads and writes. */
type Composer = {
  data: { draft: string; draftId: string; sending: boolean }
  setData(patch: Record<string, unknown>): void
  load(): Promise<void>
}

type Send = {
  /** The toast when the draft is blank. */
  blankHint: string
  /** The toast once sent, before 参与 +1 when the action counted. */
  sentText: string
  post(draftId: string, text: string): Promise<{ counted: boolean }>
  /** More of the page to clear once sent. */
  clear?: Record<string, unknown>
}

/** Spread into the page: the text box writes the draft. */
export const draftHandlers = {
  onInput(this: Pick<Composer, 'setData'>, e: WechatMiniprogram.Input) {
    this.setData({ draft: e.detail.value })
  },
}

export const showFailure = (err: unknown) =>
  wx.showModal({ title: '操作未完成', content: errorMessage(err), showCancel: false })

export async function sendDraft(page: Composer, send: Send): Promise<void> {
  const { draft, draftId, sending } = page.data
  if (sending) return
  if (!draft.trim()) {
    wx.showToast({ title: send.blankHint, icon: 'none' })
    return
  }
  page.setData({ sending: true })
  try {
    const { counted } = await send.post(draftId, draft)
    page.setData({ draft: '', draftId: newDraftId(), ...send.clear })
    wx.showToast({ title: counted ? `${send.sentText}，参与 +1` : send.sentText, icon: 'success' })
    await page.load()
  } catch (err) {
    showFailure(err)
  } finally {
    page.setData({ sending: false })
  }
}
