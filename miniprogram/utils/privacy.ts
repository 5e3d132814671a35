// WeChat's privacy consent (用户隐私保护指引): app.ts hands every onNeedPrivacyAuthorization to the
// privacy sheet on screen, which shows the guide and answers WeChat once the user has chosen.

/** What WeChat's resolve accepts (api-typings declares the listener with the wrong signature). */
export type PrivacyAnswer =
  { event: 'exposureAuthorization' } | { event: 'agree'; buttonId: string } | { event: 'disagree' }
export type PrivacyResolve = (answer: PrivacyAnswer) => void

let pending: PrivacyResolve | null = null
/** Sheets of the open pages, the page on top last; a page that collects personal data puts one in its WXML. */
const sheets: (() => void)[] = []

/** Registered by app.ts: a privacy API or component (e.g. the getPhoneNumber button) waits for consent. */
export function needConsent(resolve: PrivacyResolve): void {
  const show = sheets[sheets.length - 1]
  if (!show) {
    // Only pages with a sheet use privacy APIs; refusing keeps the API from hanging forever.
    resolve({ event: 'disagree' })
    return
  }
  pending?.({ event: 'disagree' })
  pending = resolve
  resolve({ event: 'exposureAuthorization' })
  show()
}

/** A sheet asks to be shown when WeChat needs consent; returns the function that stops it. */
export function watchConsent(show: () => void): () => void {
  sheets.push(show)
  return () => {
    const at = sheets.indexOf(show)
    if (at >= 0) sheets.splice(at, 1)
  }
}

/** The user chose on the sheet: the waiting API (if any) goes on or fails. */
export function answerConsent(answer: PrivacyAnswer): void {
  pending?.(answer)
  pending = null
}
