// The district (区) document and its settings: one district per deployment, the root of the org tree.
import { getDb } from './cloud'
import { COLLECTIONS } from './collections'
import { rows } from './db'
import type { OrgDoc } from './records'
import { DEFAULT_STALE_DAYS } from './stale'

export type District = { districtId: string; districtName: string; staleAfterDays: number }

/** The district and its settings (defaults where unset): one read, by level, so callers need no id first. */
export async function readDistrict(): Promise<District> {
  const [doc] = await rows<Pick<OrgDoc, '_id' | 'name' | 'staleAfterDays'>>(
    getDb()
      .collection(COLLECTIONS.orgs)
      .where({ level: 'district' })
      .field({ name: true, staleAfterDays: true })
      .limit(1),
  )
  return {
    districtId: doc?._id ?? '',
    districtName: doc?.name ?? '',
    staleAfterDays: doc?.staleAfterDays ?? DEFAULT_STALE_DAYS,
  }
}
