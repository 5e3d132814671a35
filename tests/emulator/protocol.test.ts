import { startTestEmulator, type TestEmulator } from './helpers'

// The database protocol through the real, unmodified SDK: production code needs no emulator-specific branches.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any
const cloud: Any = require('wx-server-sdk')

let t: TestEmulator
let db: Any
let _: Any

beforeAll(async () => {
  t = await startTestEmulator()
  cloud.init({
    env: 'local',
    serviceUrl: `${t.emu.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  })
  db = cloud.database()
  _ = db.command
  await db.createCollection('notes')
  await db.createCollection('people')
})

afterAll(() => t.close())

describe('database through wx-server-sdk', () => {
  test('add, doc get, missing collection, duplicate _id, missing doc', async () => {
    const { _id } = await db
      .collection('notes')
      .add({ data: { title: 'a', n: 1, at: new Date(5) } })
    expect(_id).toMatch(/^[0-9a-f]{32}$/)
    const { data } = await db.collection('notes').doc(_id).get()
    expect(data).toEqual({ _id, title: 'a', n: 1, at: new Date(5) })

    await expect(db.collection('nope').add({ data: { a: 1 } })).rejects.toMatchObject({
      errCode: -502005,
    })
    await expect(db.collection('nope').where({}).get()).rejects.toMatchObject({ errCode: -502005 })
    await db.collection('notes').add({ data: { _id: 'fixed', a: 1 } })
    await expect(
      db.collection('notes').add({ data: { _id: 'fixed', a: 2 } }),
    ).rejects.toMatchObject({
      errCode: -502001,
    })
    // The same id twice in one batch: refused, and neither is stored.
    await expect(
      db.collection('notes').add({ data: [{ _id: 'twice' }, { _id: 'twice' }] }),
    ).rejects.toMatchObject({ errCode: -502001 })
    await expect(db.collection('notes').doc('twice').get()).rejects.toMatchObject({ errCode: -1 })
    await expect(db.collection('notes').doc('missing').get()).rejects.toMatchObject({ errCode: -1 })
    await expect(db.createCollection('notes')).rejects.toBeTruthy()
  })

  test('where / orderBy / skip / limit / field / RegExp / or / in / and-range / count', async () => {
    const people = db.collection('people')
    for (let i = 0; i < 10; i++)
      await people.add({
        data: { name: `p${i}`, age: 20 + i, city: i % 2 ? 'Hangzhou' : 'shanghai', tags: [i] },
      })
    const page = await people
      .where({ age: _.gte(22) })
      .orderBy('age', 'desc')
      .skip(1)
      .limit(3)
      .field({ name: true })
      .get()
    expect(page.data.map((d: { name: string }) => d.name)).toEqual(['p8', 'p7', 'p6'])
    expect(Object.keys(page.data[0]).sort()).toEqual(['_id', 'name'])
    const re = await people.where({ city: /^SHANG/i }).count()
    expect(re.total).toBe(5)
    const re2 = await people.where({ city: db.RegExp({ regexp: 'hang', options: 'i' }) }).count()
    expect(re2.total).toBe(10)
    const or = await people.where(_.or([{ age: 20 }, { age: 29 }])).get()
    expect(or.data).toHaveLength(2)
    const inq = await people.where({ name: _.in(['p1', 'p2', 'zz']) }).get()
    expect(inq.data).toHaveLength(2)
    const range = await people.where({ age: _.gt(21).and(_.lt(25)) }).count()
    expect(range.total).toBe(3)
    expect((await people.count()).total).toBe(10)
  })

  test('limit is capped at 1000 per get and defaults to 100', async () => {
    await db.createCollection('bulk')
    const docs = Array.from({ length: 1100 }, (_x, i) => ({ i }))
    for (let i = 0; i < docs.length; i += 100)
      await db.collection('bulk').add({ data: docs.slice(i, i + 100) })
    expect((await db.collection('bulk').get()).data).toHaveLength(100)
    expect((await db.collection('bulk').limit(5000).get()).data).toHaveLength(1000)
    expect(
      (
        await db
          .collection('bulk')
          .where({ i: _.gte(1050) })
          .get()
      ).data,
    ).toHaveLength(50)
  })

  test('updates: nested, inc, push, remove, set/upsert, where.update multi, remove', async () => {
    const c = db.collection('notes')
    const { _id } = await c.add({ data: { meta: { seen: false, by: 'x' }, n: 1, list: [1] } })
    const r1 = await c
      .doc(_id)
      .update({ data: { meta: { seen: true }, n: _.inc(2), list: _.push([2, 3]) } })
    expect(r1.stats.updated).toBe(1)
    const r0 = await c.doc(_id).update({ data: { n: 3 } })
    expect(r0.stats.updated).toBe(0)
    expect((await c.doc(_id).get()).data).toMatchObject({
      meta: { seen: true, by: 'x' },
      n: 3,
      list: [1, 2, 3],
    })
    await c.doc(_id).update({ data: { meta: _.set({ only: 1 }), list: _.remove() } })
    const after = (await c.doc(_id).get()).data
    expect(after.meta).toEqual({ only: 1 })
    expect(after.list).toBeUndefined()

    const created = await c.doc('upserted').set({ data: { v: 1 } })
    expect(created.stats.created).toBe(1)
    const replaced = await c.doc('upserted').set({ data: { w: 2 } })
    expect(replaced.stats).toMatchObject({ updated: 1, created: 0 })
    expect((await c.doc('upserted').get()).data).toEqual({ _id: 'upserted', w: 2 })

    await c.add({
      data: [
        { group: 'g', k: 1 },
        { group: 'g', k: 2 },
        { group: 'h', k: 3 },
      ],
    })
    const multi = await c.where({ group: 'g' }).update({ data: { done: true } })
    expect(multi.stats.updated).toBe(2)
    const removed = await c.where({ group: _.in(['g', 'h']) }).remove()
    expect(removed.stats.removed).toBe(3)
    expect((await c.doc(_id).remove()).stats.removed).toBe(1)
  })

  test('aggregate match/group/sort/limit', async () => {
    const c = db.collection('people')
    const res = await c
      .aggregate()
      .match({ age: _.gte(20) })
      .group({
        _id: '$city',
        n: db.command.aggregate.sum(1),
        avg: db.command.aggregate.avg('$age'),
      })
      .sort({ _id: 1 })
      .limit(1)
      .end()
    expect(res.list).toEqual([{ _id: 'Hangzhou', n: 5, avg: 25 }])
  })

  test('a $lookup on the other collection’s _id joins by key (none, one, each of a list) and stores nothing', async () => {
    await db.createCollection('owners')
    await db.createCollection('pets')
    await db.collection('owners').add({
      data: [
        { _id: 'o1', name: '甲' },
        { _id: 'o2', name: '乙' },
      ],
    })
    await db.collection('pets').add({
      data: [
        { _id: 'p1', owner: 'o1' },
        { _id: 'p2', owner: 'o9' },
        { _id: 'p3', owner: ['o1', 'o2'] },
      ],
    })
    const res = await db
      .collection('pets')
      .aggregate()
      .lookup({ from: 'owners', localField: 'owner', foreignField: '_id', as: 'o' })
      .project({ names: '$o.name' })
      .sort({ _id: 1 })
      .limit(10)
      .end()
    expect(res.list).toEqual([
      { _id: 'p1', names: ['甲'] },
      { _id: 'p2', names: [] },
      { _id: 'p3', names: ['甲', '乙'] },
    ])
    expect((await db.collection('owners').doc('o1').get()).data).toEqual({ _id: 'o1', name: '甲' })
  })

  test('an aggregation without $limit answers its first 20 results, like CloudBase; with one, all', async () => {
    await db.createCollection('tally')
    const c = db.collection('tally')
    await c.add({ data: Array.from({ length: 25 }, (_, i) => ({ group: `g${i}`, n: 1 })) })
    const grouped = () => c.aggregate().group({ _id: '$group', n: db.command.aggregate.sum('$n') })
    expect((await grouped().end()).list).toHaveLength(20)
    expect((await grouped().limit(1000).end()).list).toHaveLength(25)
  })

  test('serverDate uses the server clock', async () => {
    const before = Date.now()
    const { _id } = await db
      .collection('notes')
      .add({ data: { at: db.serverDate({ offset: 1000 }) } })
    const at: Date = (await db.collection('notes').doc(_id).get()).data.at
    expect(at).toBeInstanceOf(Date)
    expect(at.getTime()).toBeGreaterThanOrEqual(before + 1000)
  })

  test('runTransaction commits, and a throwing callback leaves nothing', async () => {
    const c = db.collection('notes')
    await c.add({ data: { _id: 'acct', balance: 10 } })
    const out = await db.runTransaction(async (tx: Any) => {
      const { data } = await tx.collection('notes').doc('acct').get()
      await tx
        .collection('notes')
        .doc('acct')
        .update({ data: { balance: data.balance - 3 } })
      await tx.collection('notes').add({ data: { _id: 'ledger1', amount: 3 } })
      // reads inside the transaction see its own writes
      expect((await tx.collection('notes').doc('acct').get()).data.balance).toBe(7)
      return 'done'
    })
    expect(out).toBe('done')
    expect((await c.doc('acct').get()).data.balance).toBe(7)
    expect((await c.doc('ledger1').get()).data.amount).toBe(3)

    await expect(
      db.runTransaction(async (tx: Any) => {
        await tx
          .collection('notes')
          .doc('acct')
          .update({ data: { balance: 0 } })
        await tx.collection('notes').add({ data: { _id: 'ledger2' } })
        throw new Error('nope')
      }),
    ).rejects.toThrow('nope')
    expect((await c.doc('acct').get()).data.balance).toBe(7)
    await expect(c.doc('ledger2').get()).rejects.toBeTruthy()
  })

  test('a conflicting write fails the commit with the code runTransaction retries on', async () => {
    const c = db.collection('notes')
    await c.add({ data: { _id: 'ctr', n: 0 } })
    const tx = await db.startTransaction()
    await tx.collection('notes').doc('ctr').get()
    await tx
      .collection('notes')
      .doc('ctr')
      .update({ data: { n: 100 } })
    await c.doc('ctr').update({ data: { n: _.inc(1) } })
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect((await c.doc('ctr').get()).data.n).toBe(1)

    let attempts = 0
    await db.runTransaction(async (t2: Any) => {
      attempts++
      const { data } = await t2.collection('notes').doc('ctr').get()
      if (attempts === 1) await c.doc('ctr').update({ data: { n: _.inc(1) } })
      await t2
        .collection('notes')
        .doc('ctr')
        .update({ data: { n: data.n + 10 } })
    })
    expect(attempts).toBe(2)
    expect((await c.doc('ctr').get()).data.n).toBe(12)
  })
})

test('modifyAndReturnDoc (not exposed by wx-server-sdk) answers the updated doc', async () => {
  await db.collection('notes').add({ data: { _id: 'mr', n: 1 } })
  const res = await fetch(`${t.emu.url}/admin?env=local&seqId=x`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'database.modifyAndReturnDoc',
      collectionName: 'notes',
      queryType: 'WHERE',
      query: JSON.stringify({ _id: 'mr' }),
      data: JSON.stringify({ $inc: { n: 2 } }),
    }),
  })
  const body = (await res.json()) as { data: { updated: number; doc: string } }
  expect(body.data.updated).toBe(1)
  expect(JSON.parse(body.data.doc)).toMatchObject({ _id: 'mr', n: { $numberInt: '3' } })
})
