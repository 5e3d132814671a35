// Drafts: the text box of the 留言板 and 动态详情 is sent once at a time under its draftId (so a retried send
// is stored once), then cleared with a fresh id and the page reloaded; forms that post once take a fresh id.
import { defineBehavior, type Patch } from '../utils/define'
import { newDraftId } from '../utils/interact'
import { type Host, runAction } from '../utils/page'
import { askToNotify } from '../utils/subscribe'
import type { TemplateKey } from '../subscribe-templates'

export type DraftIdData = { draftId: string }

/**
 * A draft id of its own for every page opened: a retried send is stored once, and what the next page writes
 * is not taken for a retry of the last (an id in the page's initial data would be shared by every opening).
 */
export const freshDraft = defineBehavior<DraftIdData>()({
  data: { draftId: '' },
  lifetimes: {
    attached() {
      this.setData({ draftId: newDraftId() })
    },
  },
  methods: {},
})

export type DraftData = DraftIdData & { draft: string; sending: boolean }

/** The text box writes the draft. */
export const drafted = defineBehavior<DraftData>()({
  behaviors: [freshDraft],
  data: { draft: '', sending: false },
  methods: {
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ draft: e.detail.value })
    },
  },
})

type Posted = { counted: boolean; capped?: 'daily' | 'monthly' | null }

/** 已发表，参与 +1; or, over a cap, 已发表；今日评论留言已达计分上限，不再计分 (long: no icon, two lines). */
function sentToast(
  sentText: string,
  { counted, capped }: Posted,
): string | { title: string; icon: 'none' } {
  if (counted) return `${sentText}，参与 +1`
  if (!capped) return sentText
  const when = capped === 'daily' ? '今日' : '本月'
  return { title: `${sentText}；${when}评论留言已达计分上限，不再计分`, icon: 'none' }
}

type Send<D> = {
  /** The toast when the draft is blank. */
  blankHint: string
  /** The toast once sent, before 参与 +1 when the action counted, or the cap that kept it from counting. */
  sentText: string
  post(draftId: string, text: string): Promise<Posted>
  /** More of the page to clear once sent. */
  clear?: Patch<D>
  /** Messages the sender may get because of what they sent, asked for within the tap. */
  ask?: TemplateKey[]
}

export async function sendDraft<D extends DraftData>(
  page: Host<D> & { load(): Promise<void> },
  send: Send<D>,
): Promise<void> {
  const { draft, draftId, sending } = page.data
  if (sending) return
  if (!draft.trim()) {
    wx.showToast({ title: send.blankHint, icon: 'none' })
    return
  }
  if (send.ask) await askToNotify(send.ask)
  await runAction<DraftData, Posted>(page, {
    busyKey: 'sending',
    work: () => send.post(draftId, draft),
    done: (posted) => sentToast(send.sentText, posted),
    after: () => {
      page.setData({ draft: '', draftId: newDraftId(), ...send.clear } as Patch<D>)
      return page.load()
    },
  })
}
