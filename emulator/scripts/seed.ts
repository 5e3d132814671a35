// `npm run seed`: write the demo district through @cloudbase/node-sdk, to the local emulator or to a real
// CloudBase environment (TCB_ENV + TENCENTCLOUD_SECRETID/SECRETKEY, no SERVICE_URL). Idempotent: a document
// that already exists is left as it is, so re-seeding never undoes what users did.
import tcb from '@cloudbase/node-sdk'
import { COLLECTIONS } from '../../cloudfunctions/_shared/collections'
import { buildDemoDistrict } from './demo-district'
import { isEntry } from './paths'

export type SeedTarget = { env: string; serviceUrl?: string; secretId: string; secretKey: string }

export async function seedDemo(
  target: SeedTarget,
): Promise<{ inserted: number; existing: number }> {
  if (target.serviceUrl) process.env.TENCENTCLOUD = 'true' // skips cloud metadata probes (slow, offline)
  const app = tcb.init(target)
  const db = app.database()
  const demo = buildDemoDistrict()
  const batches: [string, { _id: string }[]][] = [
    [COLLECTIONS.orgs, demo.orgs],
    [COLLECTIONS.organizations, demo.organizations],
    [COLLECTIONS.members, demo.members],
    [COLLECTIONS.residents, demo.residents],
  ]
  let inserted = 0
  let existing = 0
  for (const [collection, docs] of batches) {
    const ids = docs.map((d) => d._id)
    const found = new Set<string>()
    for (let i = 0; i < ids.length; i += 500) {
      const res = await db
        .collection(collection)
        .where({ _id: db.command.in(ids.slice(i, i + 500)) })
        .field({ _id: true })
        .limit(1000)
        .get()
      for (const d of res.data as { _id: string }[]) found.add(d._id)
    }
    const missing = docs.filter((d) => !found.has(d._id))
    existing += docs.length - missing.length
    for (let i = 0; i < missing.length; i += 100) {
      await db.collection(collection).add(missing.slice(i, i + 100))
      inserted += Math.min(100, missing.length - i)
    }
  }
  return { inserted, existing }
}

if (isEntry(module)) {
  const serviceUrl =
    process.env.SERVICE_URL ?? (process.env.TCB_ENV ? undefined : 'http://127.0.0.1:8787/admin')
  seedDemo({
    env: process.env.TCB_ENV ?? 'local',
    serviceUrl,
    secretId: process.env.TENCENTCLOUD_SECRETID ?? 'local',
    secretKey: process.env.TENCENTCLOUD_SECRETKEY ?? 'local',
  }).then(
    (r) => console.log(`seeded: ${r.inserted} inserted, ${r.existing} already present`),
    (err) => {
      console.error('seed failed:', err)
      process.exit(1)
    },
  )
}
