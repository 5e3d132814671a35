// Cursor paging for the list pages: the first page's list, the next one on reaching the bottom (appended by
// index so setData sends only the new rows), and pulling down for the first page again.
import { errorMessage } from '../services/api'
import { type ListKey, type Patch, type RowOf, defineBehavior } from '../utils/define'
import type { Host } from '../utils/page'
import { pulled } from './load'

/** What every paged action answers (wish.list's `wishes` is mapped to `items` by its page). */
export type Paged<T> = { items: T[]; nextCursor: string | null }

export type PagingData = { nextCursor: string | null; loadingMore: boolean }

export const paged = defineBehavior<PagingData, { loadMore(): Promise<void> }>()({
  behaviors: [pulled],
  data: { nextCursor: null, loadingMore: false },
  methods: {
    onReachBottom() {
      this.loadMore()
    },
  },
})

/** The setData patch for a first page: the list under `key` and where the next page starts. */
export function firstPage<T, V, K extends string>(key: K, page: Paged<T>, map: (item: T) => V) {
  return { [key]: page.items.map(map), nextCursor: page.nextCursor } as {
    [P in K]: V[]
  } & { nextCursor: string | null }
}

/** Loads the page after `nextCursor` and appends it under `key`; once at a time, and a failure is a toast. */
export async function loadNextPage<D extends PagingData, K extends ListKey<D>, T>(
  page: Host<D>,
  key: K,
  fetch: (cursor: string) => Promise<Paged<T>>,
  map: (item: T) => RowOf<D, K>,
): Promise<void> {
  const { nextCursor, loadingMore } = page.data
  if (!nextCursor || loadingMore) return
  page.setData({ loadingMore: true } as Patch<D>)
  try {
    const next = await fetch(nextCursor)
    const start = (page.data[key] as unknown[]).length
    const patch: Record<string, unknown> = { nextCursor: next.nextCursor, loadingMore: false }
    next.items.forEach((item, i) => (patch[`${key}[${start + i}]`] = map(item)))
    page.setData(patch as Patch<D>)
  } catch (err) {
    page.setData({ loadingMore: false } as Patch<D>)
    wx.showToast({ title: errorMessage(err), icon: 'none' })
  }
}
