import { decode, encode, type Json } from './ejson'
import { notFound, TcbError } from './errors'
import { type Examined, isInternal, type Store } from './store'

export interface ActionContext {
  requestId: string
  /** The clock of the invocation that sent the request (LX_NOW), for serverDate. */
  now: () => number
  examined: Examined
}

type Body = Record<string, unknown>

/** CloudBase answers an aggregation without a $limit stage with its first 20 results (queries: 100). */
const AGGREGATE_DEFAULT_LIMIT = 20

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/**
 * `database.*` actions of the tcb-api protocol as @cloudbase/database 1.4.3 sends them
 * (see shared/research/cloudbase-wire-protocol.md §2). Returns the success envelope; throws TcbError.
 */
export async function handleDatabase(store: Store, body: Body, ctx: ActionContext): Promise<Json> {
  const action = String(body.action)
  const name = String(body.collectionName ?? '')
  if (isInternal(name)) throw notFound(name)
  const ejson = (v: unknown): Json | undefined => {
    const s = str(v)
    return s === undefined ? undefined : (decode(s, ctx.now) as Json)
  }
  const query = () => ejson(body.query) ?? {}
  const txId = str(body.transactionId)
  const reply = (data: Json) => ({ requestId: ctx.requestId, data })

  switch (action) {
    case 'database.insertDocument': {
      const docs = (Array.isArray(body.data) ? body.data : [body.data]).map((d) => ejson(d) ?? {})
      const tx = store.tx(txId)
      const ids = store.insert(tx, name, docs)
      await store.finish(tx)
      return reply({ insertedIds: ids })
    }
    case 'database.getDocument': {
      const tx = store.tx(txId)
      const order = Object.entries(ejson(body.order) ?? {}).map(
        ([k, v]) => [k, Number(v) < 0 ? -1 : 1] as [string, 1 | -1],
      )
      const single = body.queryType === 'DOC'
      const limit = single ? 1 : Math.min(Math.max(0, Number(body.limit ?? 100)), 1000)
      const offset = Number(body.offset ?? 0)
      const docs = store.match(tx, name, query(), { order, offset, limit }, ctx.examined)
      const list = store.project(docs, ejson(body.projection)).map(encode)
      return reply({ list, limit, offset })
    }
    case 'database.calculateDocument': {
      const docs = store.match(store.tx(txId), name, query(), {}, ctx.examined)
      return reply({ total: docs.length })
    }
    case 'database.modifyDocument':
    case 'database.modifyAndReturnDoc': {
      const tx = store.tx(txId)
      const returning = action === 'database.modifyAndReturnDoc'
      const opts = {
        multi: returning ? false : body.multi !== false,
        merge: body.merge !== false,
        upsert: body.upsert === true,
      }
      const res = store.modify(tx, name, query(), ejson(body.data) ?? {}, opts, ctx.examined)
      await store.finish(tx)
      if (returning) return reply({ updated: res.updated, doc: res.doc ? encode(res.doc) : null })
      return reply(
        res.upsertId === undefined
          ? { updated: res.updated }
          : { updated: res.updated, upsert_id: res.upsertId },
      )
    }
    case 'database.removeDocument': {
      const tx = store.tx(txId)
      const deleted = store.remove(
        tx,
        name,
        query(),
        body.multi !== false && body.queryType !== 'DOC',
        ctx.examined,
      )
      await store.finish(tx)
      return reply({ deleted })
    }
    case 'database.aggregateDocuments': {
      const stages = (body.stages ?? []) as { stageKey: string; stageValue: string }[]
      const pipeline = stages.map((s) => ({ [s.stageKey]: decode(s.stageValue, ctx.now) }))
      if (!stages.some((s) => s.stageKey === '$limit'))
        pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT })
      return reply({ list: store.aggregate(name, pipeline, ctx.examined).map(encode) })
    }
    case 'database.addCollection':
      await store.addCollection(name)
      return reply({})
    case 'database.startTransaction':
      return { requestId: ctx.requestId, transactionId: store.startTransaction() }
    case 'database.commitTransaction':
      await store.commitTransaction(String(body.transactionId))
      return reply({})
    case 'database.abortTransaction':
      store.abortTransaction(String(body.transactionId))
      return reply({})
    default:
      throw new TcbError(
        'INVALID_ACTION',
        `action ${action} is not supported by the local emulator`,
      )
  }
}
