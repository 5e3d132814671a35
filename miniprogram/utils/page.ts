// The page runtime: loading what a page shows into its data, and running one user action at a time.
import type { Me } from '../../typings/index'
import { ApiError, api, errorMessage } from '../services/api'
import type { ListKey, Patch, RowOf } from './define'

/**
 * What templates/state.wxml shows: a spinner, the content, an empty note, an error with 重试, or that the page
 * is for another role (暂无权限, with 返回首页).
 */
export type LoadStatus = 'loading' | 'ready' | 'empty' | 'error' | 'forbidden'

/** The part of a page the runtime reads and writes. */
export type Host<D> = { readonly data: D; setData(patch: Patch<D>): void }

type KeysWhere<D, V> = { [K in keyof D]-?: V extends D[K] ? K : never }[keyof D]

/** The fields a part of a page shows its loading in: a status and the message of an error or empty state. */
type Slot<D> = { status: KeysWhere<D, LoadStatus>; message: KeysWhere<D, string> }

type LoadOptions<D> = {
  /** Another month, another tab: the spinner replaces what is shown. Otherwise a reload keeps it. */
  fresh?: boolean
  /** A failure that is an answer (no 重试): the patch to show instead of the error. */
  failed?: (err: unknown) => Patch<D> | undefined
}

/**
 * Loads what the page shows: `map(await fetch())` goes into its data as `ready` (or the status it sets), a
 * failure as `error` with the server's message. The spinner shows on the first load and over an error; a
 * reload keeps what is shown until the answer comes.
 */
export function loadInto<D extends { status: string; message: string }, R>(
  page: Host<D> & (LoadStatus extends D['status'] ? unknown : never),
  fetch: () => Promise<R>,
  map: (result: R) => Patch<D>,
  options?: LoadOptions<D>,
): Promise<void>
/** The same for a part of the page with its own status and message fields (`slot`). */
export function loadInto<D, R>(
  page: Host<D>,
  fetch: () => Promise<R>,
  map: (result: R) => Patch<D>,
  options: LoadOptions<D> & { slot: Slot<D> },
): Promise<void>
export async function loadInto<D, R>(
  page: Host<D>,
  fetch: () => Promise<R>,
  map: (result: R) => Patch<D>,
  options: LoadOptions<D> & { slot?: Slot<D> } = {},
): Promise<void> {
  const { status, message } = options.slot ?? { status: 'status', message: 'message' }
  const set = (patch: Record<string, unknown>) => page.setData(patch as Patch<D>)
  if (options.fresh || (page.data as Record<string, unknown>)[status as string] === 'error')
    set({ [status]: 'loading' })
  try {
    const patch = map(await fetch())
    set({ [status]: 'ready', ...patch })
  } catch (err) {
    set(options.failed?.(err) ?? { [status]: 'error', [message]: errorMessage(err) })
  }
}

/** Where the officers' own pages start, for notes on pages that are not theirs. */
export const OFFICERS_GO = '社区党委和区委组织部请从「我的」进入各自的工作台查看。'

/** The no-permission state: `message` says what the page is for and where to go. */
export const forbidden = (message: string) => ({ status: 'forbidden' as const, message })

/**
 * For loadInto's `failed`: a refusal is the page's answer with no 重试 — the no-permission state when the server
 * says the page is not the caller's, an empty state for what is missing — showing the server's message, or
 * `note` (what the page is for and where to go) on a page the caller has no part in.
 */
export const finalRefusal = (err: unknown, note?: string) => {
  if (!(err instanceof ApiError)) return undefined
  if (err.code === 'PERMISSION_DENIED') return forbidden(note ?? err.message)
  return ['NOT_FOUND', 'INVALID_ARGUMENT'].includes(err.code)
    ? { status: 'empty' as const, message: note ?? err.message }
    : undefined
}

/**
 * `fetch()`'s answer (as `data`) when the signed-in user may use the page (`allowed(me)`), null for anyone else,
 * whom the page shows `forbidden`. Both calls go out at once, so the allowed wait no longer; what the server
 * refused someone else is not shown.
 */
export async function forRole<R>(
  allowed: (me: Me) => boolean,
  fetch: () => Promise<R>,
): Promise<{ data: R } | null> {
  const [{ me }, result] = await Promise.all([
    api.member.me(),
    fetch().then(
      (data) => ({ data }),
      (error: unknown) => ({ error }),
    ),
  ])
  if (!allowed(me)) return null
  if ('error' in result) throw result.error
  return result
}

/** Puts `value` at `index` of the list `key`: setData sends only that row. */
export function setRow<D, K extends ListKey<D>>(
  page: Host<D>,
  key: K,
  index: number,
  value: RowOf<D, K>,
): void {
  page.setData({ [`${key}[${index}]`]: value } as Patch<D>)
}

/** The dialog for an action that did not go through: the server's message as is. */
export const showFailure = (err: unknown, title = '操作未完成') =>
  wx.showModal({ title, content: errorMessage(err), showCancel: false })

/** A toast with the server's message, for actions whose failure needs no dialog. */
export const toastFailure = (err: unknown) => {
  wx.showToast({ title: errorMessage(err), icon: 'none' })
}

type Action<D, R> = {
  /**
   * The field that is set while the action runs and keeps a second tap out: a boolean, or a string that holds
   * `busyId` (which row is busy). Without it, the confirmation dialog before the action keeps taps out.
   */
  busyKey?: KeysWhere<D, boolean> | KeysWhere<D, string>
  busyId?: string
  work: () => Promise<R>
  /** The success toast ('' for none); one of two lines goes without the tick, which cuts at 7 characters. */
  done?: string | ((result: R) => string | { title: string; icon: 'none' })
  /** What follows success: a reload, the changed row put in place. */
  after?: (result: R) => unknown
  /** Instead of showFailure's dialog. */
  failed?: (err: unknown) => unknown
}

/** Runs one user action at a time; answers whether it went through. */
export async function runAction<D, R>(page: Host<D>, action: Action<D, R>): Promise<boolean> {
  const key = action.busyKey as string | undefined
  const set = (value: unknown) => key && page.setData({ [key]: value } as Patch<D>)
  if (key && (page.data as Record<string, unknown>)[key]) return false
  set(action.busyId ?? true)
  try {
    const result = await action.work()
    const toast = typeof action.done === 'function' ? action.done(result) : action.done
    if (toast) wx.showToast(typeof toast === 'string' ? { title: toast, icon: 'success' } : toast)
    await action.after?.(result)
    return true
  } catch (err) {
    await (action.failed ? action.failed(err) : void showFailure(err))
    return false
  } finally {
    set(action.busyId === undefined ? false : '')
  }
}
