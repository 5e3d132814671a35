// Property-based hostile input (issue 11) for every action of every function: payloads derived from each zod
// schema and the matrix's own payloads, with hostile mutations (wrong types, huge strings, deep nesting,
// operator objects in id fields, `__proto__` / dotted / `$` keys, zero-width and bidi text, numbers JSON
// cannot hold, impossible dates). Whatever arrives, the reply is an envelope, never INTERNAL or a 5xx, within
// 5 s, and a refused call writes nothing. Image checks are held back, so no late result writes mid-property.
import { fc } from '@fast-check/jest'
import { ERROR_CODES } from '../../typings/common'
import { type TestCloud, postJson, startTestCloud } from '../support/cloud'
import { AIMS } from './authz-aims'
import { type Fixtures, NOW, OWNERS, world } from './authz-fixtures'
import {
  type ActionRef,
  CALLERS,
  FUNCTION_NAMES,
  type Profile,
  allActions,
  isAllowed,
  loadProfiles,
} from './authz-model'
import { hostileValue, payloads, rawJson } from './hostile-input'

/** Payloads per action; HOSTILE_RUNS=150 makes a longer hunt (about a minute more). */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 15)
const TIME_LIMIT_MS = 5000
const CODES: readonly string[] = ERROR_CODES.filter((c) => c !== 'INTERNAL')

let cloud: TestCloud
let fixtures: Fixtures
let profiles: Map<string, Profile>
/** Every id the fixtures hold, for id fields to name real objects. */
let ids: string[]
const actions = allActions()

beforeAll(async () => {
  cloud = await startTestCloud()
  fixtures = await world(cloud).build()
  profiles = await loadProfiles(cloud, [...Object.values(CALLERS), ...Object.values(OWNERS)])
  ids = Object.values(fixtures).filter((v): v is string => typeof v === 'string')
  await postJson(`${cloud.url}/__security/media-checks`, { hold: true })
}, 120_000)
afterAll(() => cloud?.close())

/** Someone the action lets act on its matrix payload, so hostile input gets past the gate into `run`. */
function callerFor(ref: ActionRef): string {
  const [aim] = AIMS[ref.key](fixtures)
  const openids = [...Object.values(CALLERS), ...(aim.target.owner ? [aim.target.owner] : [])]
  const openid = openids.find((o) => isAllowed(profiles.get(o)!, ref.def, aim.payload, aim.target))
  if (!openid) throw new Error(`nobody may call ${ref.key}`)
  return openid
}

/** Sends an event's exact text (raw number tokens included) as `openid`, timing the reply. */
async function send(fn: string, openid: string, event: Record<string, unknown>) {
  const started = Date.now()
  const res = await fetch(`${cloud.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid, 'x-now': NOW },
    body: rawJson(event),
  })
  const text = await res.text()
  return { status: res.status, text, ms: Date.now() - started }
}

/** The property every reply must have; a refused call must also leave the store as it was. */
async function expectSafe(fn: string, openid: string, event: Record<string, unknown>) {
  const before = cloud.app.store.version
  const { status, text, ms } = await send(fn, openid, event)
  const reply = JSON.parse(text) as {
    ok?: unknown
    data?: unknown
    code?: unknown
    message?: unknown
  }
  expect(status).toBeLessThan(500)
  expect(ms).toBeLessThan(TIME_LIMIT_MS)
  if (reply.ok === true) {
    expect(Object.keys(reply).sort()).toEqual(['data', 'ok'])
    return 'ok'
  }
  expect(reply).toMatchObject({ ok: false, message: expect.stringMatching(/\S/) })
  expect(CODES).toContain(reply.code)
  expect(cloud.app.store.version - before).toBe(0)
  return reply.code
}

describe('hostile input', () => {
  test.each(actions.map((a) => [a.key]))(
    '%s: every payload gets an envelope, never INTERNAL or 5xx, within 5 s; refusals write nothing',
    async (key) => {
      const ref = actions.find((a) => a.key === key)!
      const openid = callerFor(ref)
      const [aim] = AIMS[key](fixtures)
      const codes = new Set<unknown>()
      await fc.assert(
        fc.asyncProperty(payloads(ref.schema, aim.payload, ids), async (payload) => {
          codes.add(await expectSafe(ref.fn, openid, { action: ref.action, payload }))
        }),
        // The matrix's payload first: at least one call gets past validation into the action.
        { numRuns: RUNS, endOnFailure: true, examples: [[aim.payload]] },
      )
      expect([...codes].filter((c) => c !== 'INVALID_ARGUMENT')).not.toEqual([])
    },
  )

  // Events no page sends: odd action names, a spoofed user or timer, a media-check push from a user.
  const events = fc.record(
    {
      action: fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', ''),
        hostileValue,
      ),
      payload: hostileValue,
      userInfo: fc.constant({ openId: 'demo-district-admin' }),
      Type: fc.constant('Timer'),
      TriggerName: fc.constantFrom(
        'settleMonth',
        'remindMonth',
        'expireExports',
        'openMonth',
        'tick',
        'flagOverdue',
      ),
      MsgType: fc.constant('event'),
      Event: fc.constant('wxa_media_check'),
      trace_id: fc.constant('matrix-trace'),
    },
    { requiredKeys: [] },
  )
  test.each(FUNCTION_NAMES.map((fn) => [fn]))(
    '%s: malformed and impersonating events get an envelope and change nothing',
    async (fn) => {
      await fc.assert(
        fc.asyncProperty(
          events,
          fc.constantFrom(CALLERS.stranger, CALLERS.memberHere),
          async (e, who) => {
            await expectSafe(fn, who, e)
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      )
    },
  )
})
