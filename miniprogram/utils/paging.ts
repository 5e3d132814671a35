// Cursor paging for the list pages: the first page's list, loading the next one on reaching the bottom
// (appended by index so setData sends only the new rows), and the pull-down / reach-bottom handlers.
import { errorMessage } from '../services/api'
import { pullHandlers } from './refresh'

/** What every paged action answers (wish.list's `wishes` is mapped to `items` by its page). */
export type Paged<T> = { items: T[]; nextCursor: string | null }

/** The part of a page that paging reads and writes: its list under some key, the cursor, the flag. */
type Host = {
  data: { nextCursor: string | null; loadingMore: boolean }
  setData(patch: Record<string, unknown>): void
}

/** The setData patch for a first page: the list under `key` and where the next page starts. */
export function firstPage<T, V, K extends string>(key: K, page: Paged<T>, map: (item: T) => V) {
  return { [key]: page.items.map(map), nextCursor: page.nextCursor } as {
    [P in K]: V[]
  } & { nextCursor: string | null }
}

/** Loads the page after `nextCursor` and appends it under `key`; once at a time, and a failure is a toast. */
export async function loadNextPage<T, V>(
  host: Host,
  key: string,
  fetch: (cursor: string) => Promise<Paged<T>>,
  map: (item: T) => V,
): Promise<void> {
  const { nextCursor, loadingMore } = host.data
  if (!nextCursor || loadingMore) return
  host.setData({ loadingMore: true })
  try {
    const page = await fetch(nextCursor)
    const start = ((host.data as Record<string, unknown>)[key] as unknown[]).length
    const patch: Record<string, unknown> = { nextCursor: page.nextCursor, loadingMore: false }
    page.items.forEach((item, i) => (patch[`${key}[${start + i}]`] = map(item)))
    host.setData(patch)
  } catch (err) {
    host.setData({ loadingMore: false })
    wx.showToast({ title: errorMessage(err), icon: 'none' })
  }
}

type Lister = { load(): Promise<void>; setData(patch: Record<string, unknown>): void }

/** Spread into a paged Page: pulling down reloads the first page, reaching the bottom loads the next, and
 * the state template's 重试 shows the spinner and loads again. */
export const pagingHandlers = {
  ...pullHandlers,
  onReachBottom(this: { loadMore(): Promise<void> }) {
    this.loadMore()
  },
  onRetry(this: Lister) {
    this.setData({ status: 'loading' })
    this.load()
  },
}
