// Names of organisations (branches, communities) for display, in one round trip.
import { getDb } from './cloud'
import { COLLECTIONS } from './collections'
import { rows } from './db'
import type { OrgDoc } from './records'

export async function orgNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  if (!wanted.length) return new Map()
  const _ = getDb().command
  const docs = await rows<Pick<OrgDoc, '_id' | 'name'>>(
    getDb()
      .collection(COLLECTIONS.orgs)
      .where({ _id: _.in(wanted) })
      .field({ name: true }),
  )
  return new Map(docs.map((d) => [d._id, d.name]))
}
