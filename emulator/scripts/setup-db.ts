// `npm run setup-db`: gives a real CloudBase environment the collections, indexes and security rules of
// emulator/database.json (the file the emulator reads), through @cloudbase/manager-node. Idempotent: it reads
// what the environment has, prints the plan (db-plan.ts) and applies only the additions; `-- --dry-run` prints.
// Env: TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, and WX_APPID for a 微信云开发 environment.
import CloudBase from '@cloudbase/manager-node'
import { DEFAULT_SCHEMA } from '../src/index'
import { loadSchema } from '../src/schema'
import { type CurrentState, type Plan, describePlan, planDatabase } from './db-plan'
import { isEntry } from './paths'

const PAGE = 100

type Target = { envId: string; secretId: string; secretKey: string; wxAppId?: string }

type DescribedTable = {
  Indexes?: { Name: string; Keys?: { Name?: string; Direction?: string }[]; Unique?: boolean }[]
}

function connect(target: Target) {
  const app = new CloudBase({
    envId: target.envId,
    secretId: target.secretId,
    secretKey: target.secretKey,
  })
  return { db: app.database, tcb: app.commonService('tcb', '2018-06-08') }
}
type Connection = ReturnType<typeof connect>

/** What the environment has of the declared collections. */
async function readState(
  { db, tcb }: Connection,
  target: Target,
  names: string[],
): Promise<CurrentState> {
  // Listed rather than probed one by one: a probe takes any error (bad keys too) for "missing".
  const existing = new Set<string>()
  for (let offset = 0, total = 1; offset < total; offset += PAGE) {
    const page = await db.listCollections({ MgoLimit: PAGE, MgoOffset: offset })
    for (const c of page.Collections) existing.add(c.CollectionName)
    total = page.Pager?.Total ?? 0
  }
  const state: CurrentState = {}
  for (const name of names.filter((n) => existing.has(n))) {
    const table = (await db.describeCollection(name)) as DescribedTable
    const rule = (await tcb.call({
      Action: 'DescribeSafeRule',
      Param: {
        EnvId: target.envId,
        CollectionName: name,
        ...(target.wxAppId ? { WxAppId: target.wxAppId } : {}),
      },
    })) as { AclTag?: string; Rule?: string | null }
    state[name] = {
      indexes: (table.Indexes ?? []).map((i) => ({
        name: i.Name,
        keys: (i.Keys ?? []).map((k) => [k.Name ?? '', String(k.Direction ?? '')]),
        unique: !!i.Unique,
      })),
      rule: rule.AclTag ? { aclTag: rule.AclTag, rule: rule.Rule ?? null } : null,
    }
  }
  return state
}

async function apply({ db, tcb }: Connection, target: Target, plan: Plan): Promise<void> {
  for (const name of plan.createCollections) await db.createCollectionIfNotExists(name)
  const byCollection = new Map<string, Plan['createIndexes']>()
  for (const i of plan.createIndexes)
    byCollection.set(i.collection, [...(byCollection.get(i.collection) ?? []), i])
  for (const [name, indexes] of byCollection)
    await db.updateCollection(name, {
      CreateIndexes: indexes.map(({ index }) => ({
        IndexName: index.name,
        MgoKeySchema: {
          MgoIndexKeys: Object.entries(index.keys).map(([Name, d]) => ({
            Name,
            Direction: String(d),
          })),
          MgoIsUnique: !!index.unique,
        },
      })),
    })
  for (const { collection, rule } of plan.setRules)
    await tcb.call({
      Action: 'ModifySafeRule',
      Param: {
        EnvId: target.envId,
        CollectionName: collection,
        AclTag: 'CUSTOM',
        Rule: JSON.stringify(rule),
      },
    })
}

async function main() {
  const { TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, WX_APPID } = process.env
  if (!TCB_ENV || !TENCENTCLOUD_SECRETID || !TENCENTCLOUD_SECRETKEY)
    throw new Error('set TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY')
  const target = {
    envId: TCB_ENV,
    secretId: TENCENTCLOUD_SECRETID,
    secretKey: TENCENTCLOUD_SECRETKEY,
    wxAppId: WX_APPID,
  }
  const connection = connect(target)
  const schema = loadSchema(DEFAULT_SCHEMA)
  const names = schema.collections.map((c) => c.name)
  const plan = planDatabase(schema, await readState(connection, target, names))
  const lines = describePlan(plan)
  console.log(
    lines.length ? lines.join('\n') : `${TCB_ENV} already has everything database.json declares`,
  )
  if (process.argv.includes('--dry-run')) return
  await apply(connection, target, plan)
  const done = plan.createCollections.length + plan.createIndexes.length + plan.setRules.length
  console.log(`setup-db: ${done} applied, ${plan.changed.length} reported and left as they are`)
}

if (isEntry(module)) {
  main().catch((err) => {
    console.error('setup-db failed:', err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
