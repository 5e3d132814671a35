// One name per level under a parent, whatever the timing: creates and renames racing for one name (with the
// emulator's workers warmed, so they really run side by side) leave exactly one open org bearing it, the
// others answered CONFLICT with nothing written for them; retiring, renaming or merging frees a name and a
// move takes it along; a retried create is answered with the org it made; names from before claims existed (the demo district's) stay protected;
// a claim its org never used lapses.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { OrgDoc } from '../../cloudfunctions/_shared/records'
import { draftDocId } from '../../cloudfunctions/interact/src/domain'
import { nameClaimId } from '../../cloudfunctions/org/src/register'
import type { Reply } from '../../typings/common'
import { dataOf, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()

const NOW = '2026-03-10T10:00:00+08:00'
const DISTRICT = 'demo-district-admin'
const ADMIN = 'demo-community-admin-1'
const XINHUA = 'community-xinhua'
const as = (openid: string, now = NOW) => cloud.as(openid, { now })
let drafts = 0
const draftId = () => `names-draft-${++drafts}`

type Claim = { _id: string; orgId: string; name: string }
type Level = 'community' | 'generalBranch' | 'branch'

const SAME_NAME = {
  community: '本区已有同名社区',
  branch: '本社区已有同名支部',
  generalBranch: '本社区已有同名党总支',
} as const

const idOf = (r: Reply<unknown>) => {
  const d = dataOf(r as Reply<Record<string, { id: string }>>)
  return Object.values(d)[0].id
}

/** Creates an org of a level as its keeper would (the district's communities, xinhua's others). */
function create(level: Level, name: string, draft = draftId()): Promise<Reply<unknown>> {
  if (level === 'community') return as(DISTRICT).org.createCommunity({ draftId: draft, name })
  if (level === 'generalBranch')
    return as(ADMIN).org.createGeneralBranch({ draftId: draft, communityId: XINHUA, name })
  return as(ADMIN).org.createBranch({
    draftId: draft,
    communityId: XINHUA,
    name,
    branchType: '联合',
  })
}

function rename(level: Level, id: string, name: string): Promise<Reply<unknown>> {
  if (level === 'community') return as(DISTRICT).org.updateCommunity({ communityId: id, name })
  if (level === 'generalBranch')
    return as(ADMIN).org.updateGeneralBranch({ generalBranchId: id, name })
  return as(ADMIN).org.updateBranch({ branchId: id, name, branchType: '联合' })
}

function retire(level: Level, id: string): Promise<Reply<unknown>> {
  if (level === 'community') return as(DISTRICT).org.retireCommunity({ communityId: id })
  if (level === 'generalBranch') return as(ADMIN).org.retireGeneralBranch({ generalBranchId: id })
  return as(ADMIN).org.retireBranch({ branchId: id })
}

/** Every org of a level named `name` (open or not), and the claims on that name. */
const named = (level: Level, name: string) =>
  Promise.all([
    cloud.docs<OrgDoc>('orgs', { level, name }),
    cloud.docs<Claim>('org_names', { name }),
  ])

/** Calls to the org function on every worker, so the racing calls after it run side by side. */
const warm = () => Promise.all(Array.from({ length: 8 }, () => as(DISTRICT).org.tree()))

const LEVELS: Level[] = ['community', 'generalBranch', 'branch']
const ROUNDS = 3

describe('racing for one name', () => {
  test.each(LEVELS)(
    '8 %s creates with one name at once: one is made, the others CONFLICT and leave nothing',
    async (level) => {
      for (let round = 0; round < ROUNDS; round++) {
        const name = `同名竞争${level}第${round}轮`
        await warm()
        const replies = await Promise.all(Array.from({ length: 8 }, () => create(level, name)))
        const made = replies.filter((r) => r.ok)
        expect(made).toHaveLength(1)
        for (const r of replies.filter((r) => !r.ok))
          expect(r).toMatchObject({ ok: false, code: 'CONFLICT', message: SAME_NAME[level] })
        const [orgs, claims] = await named(level, name)
        expect(orgs.map((o) => o._id)).toEqual([idOf(made[0])])
        expect(claims.map((c) => c.orgId)).toEqual([idOf(made[0])])
      }
    },
  )

  test.each(LEVELS)(
    'two %s renamed to one name at once: one takes it, the other keeps its own',
    async (level) => {
      for (let round = 0; round < ROUNDS; round++) {
        const name = `改名竞争${level}第${round}轮`
        const olds = [`改名前${level}甲${round}`, `改名前${level}乙${round}`]
        const ids = (await Promise.all(olds.map((old) => create(level, old)))).map(idOf)
        await warm()
        const replies = await Promise.all(ids.map((id) => rename(level, id, name)))
        expect(replies.filter((r) => r.ok)).toHaveLength(1)
        const winner = replies.findIndex((r) => r.ok)
        expect(replies[1 - winner]).toMatchObject({
          ok: false,
          code: 'CONFLICT',
          message: SAME_NAME[level],
        })
        const [orgs, claims] = await named(level, name)
        expect(orgs.map((o) => o._id)).toEqual([ids[winner]])
        expect(claims.map((c) => c.orgId)).toEqual([ids[winner]])
        // The winner's former name is free again; the loser still holds its own.
        const [[loser], oldClaims] = await named(level, olds[1 - winner])
        expect(loser._id).toBe(ids[1 - winner])
        expect(oldClaims.map((c) => c.orgId)).toEqual([ids[1 - winner]])
        expect(await cloud.docs<Claim>('org_names', { name: olds[winner] })).toEqual([])
      }
    },
  )
})

describe('names freed and kept', () => {
  test.each(LEVELS)('a retired %s frees its name, a renamed one its former name', async (level) => {
    const name = `撤销后可再用${level}`
    const first = idOf(await create(level, name))
    expect(await retire(level, first)).toMatchObject({ ok: true })
    const second = idOf(await create(level, name))
    expect(second).not.toBe(first)
    const [orgs, claims] = await named(level, name)
    expect(orgs.filter((o) => !o.retiredAt).map((o) => o._id)).toEqual([second])
    expect(claims.map((c) => c.orgId)).toEqual([second])

    expect(await rename(level, second, `${name}（新）`)).toMatchObject({ ok: true })
    expect(idOf(await create(level, name))).not.toBe(second)
  })

  test('a merged branch frees its name; a moved one takes its name to the new community', async () => {
    const [merged, into, moved] = await Promise.all(
      ['被合并的联合党支部', '合并进的联合党支部', '调往江苏路的联合党支部'].map((n) =>
        create('branch', n),
      ),
    ).then((rs) => rs.map(idOf))
    const merge = await as(ADMIN).org.mergeBranches({ fromBranchId: merged, intoBranchId: into })
    expect(merge).toMatchObject({ ok: true })
    expect(idOf(await create('branch', '被合并的联合党支部'))).not.toBe(merged)

    const move = await as(DISTRICT).org.moveBranch({
      branchId: moved,
      toCommunityId: 'community-jiangsu',
    })
    expect(move).toMatchObject({ ok: true })
    const [claim] = await cloud.docs<Claim & { parentId: string }>('org_names', {
      name: '调往江苏路的联合党支部',
    })
    expect(claim).toMatchObject({ orgId: moved, parentId: 'community-jiangsu' })
    const inJiangsu = await as(DISTRICT).org.createBranch({
      draftId: draftId(),
      communityId: 'community-jiangsu',
      name: '调往江苏路的联合党支部',
      branchType: '联合',
    })
    expect(inJiangsu).toMatchObject({ ok: false, code: 'CONFLICT', message: SAME_NAME.branch })
    expect(await create('branch', '调往江苏路的联合党支部')).toMatchObject({ ok: true })
  })

  test('a retried create answers the org it made and writes nothing; retries at once make one', async () => {
    const draft = draftId()
    const name = '重试创建的联合党支部'
    const id = idOf(await create('branch', name, draft))
    const before = cloud.app.store.version
    expect(idOf(await create('branch', name, draft))).toBe(id)
    expect(cloud.app.store.version - before).toBe(0)

    const again = draftId()
    await warm()
    const replies = await Promise.all(
      Array.from({ length: 4 }, () => create('branch', '同时重试的联合党支部', again)),
    )
    expect(new Set(replies.map(idOf)).size).toBe(1)
    expect(await cloud.docs<OrgDoc>('orgs', { name: '同时重试的联合党支部' })).toHaveLength(1)
  })

  test("a name from before claims existed (the demo district's) is refused without a write", async () => {
    const [demo] = await cloud.docs<OrgDoc>('orgs', { level: 'branch', parentId: XINHUA })
    const other = idOf(await create('branch', '准备改成旧名的支部'))
    const before = cloud.app.store.version
    for (const r of [await create('branch', demo.name), await rename('branch', other, demo.name)])
      expect(r).toMatchObject({ ok: false, code: 'CONFLICT', message: SAME_NAME.branch })
    expect(cloud.app.store.version - before).toBe(0)
  })

  /** A claim as a create cut short between claiming the name and adding the org leaves it. */
  const leftClaim = (orgId: string, name: string) => {
    const claim = { level: 'branch' as const, parentId: XINHUA, name }
    return cloud.db.collection('org_names').add({
      data: { _id: nameClaimId(claim), orgId, ...claim, atMs: Date.parse(NOW), rev: 0 },
    })
  }

  test('a create cut short after claiming its name finishes when retried; others are refused', async () => {
    const name = '中途中断的联合党支部'
    const draft = draftId()
    await leftClaim(draftDocId('branch-', memberIdOf(ADMIN), draft), name)
    expect(await create('branch', name)).toMatchObject({ ok: false, code: 'CONFLICT' })
    const id = idOf(await create('branch', name, draft))
    const [orgs, claims] = await named('branch', name)
    expect(orgs.map((o) => o._id)).toEqual([id])
    expect(claims.map((c) => c.orgId)).toEqual([id])
  })

  test('a claim whose org never came holds the name until it lapses, then another takes it', async () => {
    const name = '从未建成的联合党支部'
    await leftClaim('branch-never-made', name)
    expect(await create('branch', name)).toMatchObject({ ok: false, code: 'CONFLICT' })
    const lapsed = await as(ADMIN, '2026-03-10T10:02:00+08:00').org.createBranch({
      draftId: draftId(),
      communityId: XINHUA,
      name,
      branchType: '联合',
    })
    const [orgs, claims] = await named('branch', name)
    expect(orgs.map((o) => o._id)).toEqual([idOf(lapsed)])
    expect(claims.map((c) => c.orgId)).toEqual([idOf(lapsed)])
  })
})
