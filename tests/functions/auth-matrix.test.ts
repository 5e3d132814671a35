// The authorisation matrix (issue 11): every action of every function, read from the functions' action tables,
// called by every kind of caller with payloads aimed at branch-1's objects. What each caller may do follows
// from the action's declared audience, roles and scope (authz-model); refused calls change nothing, and an
// object a caller may not see is answered exactly as a missing one.
import type { Reply } from '../../typings/common'
import { type TestCloud, startTestCloud } from '../support/cloud'
import { type Aim, AIMS } from './authz-aims'
import { type Fixtures, NOW, OWNERS, world } from './authz-fixtures'
import {
  type ActionRef,
  CALLERS,
  type CallerKind,
  FUNCTION_NAMES,
  type Profile,
  allActions,
  isAllowed,
  loadProfiles,
  mayRead,
  passesGate,
} from './authz-model'
import { leakScanner } from './leak-scan'

/** How a refusal may be worded: never CONFLICT (that would mean the caller got as far as the object's state). */
const REFUSALS = ['UNAUTHENTICATED', 'PERMISSION_DENIED', 'NOT_FOUND', 'INVALID_ARGUMENT']
const MISSING_ID = 'matrix-missing-0001'

type Case = {
  ref: ActionRef
  aimIndex: number
  aim: Aim
  kind: CallerKind
  profile: Profile
  allowed: boolean
  /** Refused for not seeing the object: the reply must be the one for a missing id. */
  unseen: boolean
  reply?: Reply<unknown>
  missingReply?: Reply<unknown>
}

let cloud: TestCloud
let fixtures: Fixtures
const actions = allActions()
const cases = new Map<string, Case[]>()
/** Writes the emulator saw while each action's refused calls ran. */
const refusedWrites = new Map<string, number>()

const call = (c: Case, payload: Record<string, unknown>) =>
  cloud.callAs(c.profile.openid, c.ref.fn, c.ref.action, payload, { now: NOW })

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await run(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

async function askRefused(c: Case) {
  const missing = { ...c.aim.payload, [c.aim.target.idField ?? '']: MISSING_ID }
  ;[c.reply, c.missingReply] = await Promise.all([
    call(c, c.aim.payload),
    c.unseen ? call(c, missing) : undefined,
  ])
}

function casesOf(ref: ActionRef, profiles: Map<string, Profile>): Case[] {
  const aims = AIMS[ref.key]?.(fixtures) ?? []
  return aims.flatMap(({ target }, aimIndex) => {
    const kinds: [CallerKind, string][] = Object.entries(CALLERS) as [CallerKind, string][]
    if (target.owner && !kinds.some(([, o]) => o === target.owner))
      kinds.push(['owner', target.owner])
    return kinds.map(([kind, openid]) => {
      const profile = profiles.get(openid)!
      // Built per call: drafts and edits differ from one caller to the next.
      const aim = AIMS[ref.key](fixtures)[aimIndex]
      const allowed = isAllowed(profile, ref.def, aim.payload, aim.target)
      const unseen =
        !allowed &&
        passesGate(profile, ref.def) &&
        !!aim.target.idField &&
        !mayRead(profile, aim.target)
      return { ref, aimIndex, aim, kind, profile, allowed, unseen }
    })
  })
}

beforeAll(async () => {
  cloud = await startTestCloud()
  fixtures = await world(cloud).build()
  const profiles = await loadProfiles(cloud, [...Object.values(CALLERS), ...Object.values(OWNERS)])
  for (const ref of actions) cases.set(ref.key, casesOf(ref, profiles))

  // Refused calls first, all at once; if the store's version moved, again one action at a time to name it.
  const refused = (ref?: ActionRef) =>
    [...cases.values()].flat().filter((c) => !c.allowed && (!ref || c.ref === ref))
  const version = () => cloud.app.store.version
  const before = version()
  await inParallel(refused(), 12, askRefused)
  const wrote = version() - before
  for (const ref of actions) {
    const start = version()
    if (wrote) await Promise.all(refused(ref).map(askRefused))
    refusedWrites.set(ref.key, version() - start)
  }
  // Then every allowed call, on a fresh object where the action uses one up.
  const allowed = [...cases.values()].flat().filter((c) => c.allowed)
  await inParallel(allowed, 12, async (c) => {
    c.reply = await call(c, c.aim.fresh ? await c.aim.fresh() : c.aim.payload)
  })
}, 180_000)
afterAll(() => cloud?.close())

const withoutRequestId = (r?: Reply<unknown>) => {
  if (!r || r.ok) return r
  const { code, message } = r
  return { code, message }
}

/** What is wrong with one case's outcome, or null. */
function problem(c: Case): string | null {
  const r = c.reply!
  const got = r.ok ? 'ok' : `${r.code} ${r.message}`
  if (c.allowed) return r.ok || r.code === 'CONFLICT' ? null : `allowed, but answered ${got}`
  if (r.ok) return 'refused by its scope, but answered ok'
  if (!REFUSALS.includes(r.code)) return `refused, but answered ${got}`
  if (c.unseen) {
    const [seen, missing] = [withoutRequestId(r), withoutRequestId(c.missingReply)]
    if (JSON.stringify(seen) !== JSON.stringify(missing))
      return `may not see it, but answered ${got} where a missing id gets ${JSON.stringify(missing)}`
  }
  return null
}

describe('authorisation matrix', () => {
  test('every function folder registers its action table, and every action has aims', () => {
    expect([...new Set(actions.map((a) => a.fn))]).toEqual(FUNCTION_NAMES)
    expect(actions.filter((a) => !AIMS[a.key]?.(fixtures).length).map((a) => a.key)).toEqual([])
    expect(Object.keys(AIMS).filter((k) => !actions.some((a) => a.key === k))).toEqual([])
  })

  test('a scope that depends on an input field has an aim for each of its values', () => {
    const uncovered = actions.flatMap(({ key, def }) => {
      if (!('by' in def.scope)) return []
      const by = def.scope.by
      const aimed = new Set(AIMS[key](fixtures).map((aim) => String(aim.payload[by])))
      return Object.keys(def.scope.cases)
        .filter((value) => !aimed.has(value))
        .map((value) => `${key} ${by}=${value}`)
    })
    expect(uncovered).toEqual([])
  })

  test("no reply carries another user's openid, or a phone number or address the caller may not see", async () => {
    const leaks = await leakScanner(cloud)
    const found = [...cases.values()]
      .flat()
      .flatMap((c) =>
        [c.reply, c.missingReply]
          .flatMap((r) => (r ? leaks(c.profile, r) : []))
          .map((leak) => `${c.ref.key} aim ${c.aimIndex} as ${c.kind}: ${leak}`),
      )
    expect(found).toEqual([])
    // The scan is not vacuous: the claimer and the admin do see the claimed wish's contact.
    const contact = cases.get('wish.detail')!.filter((c) => c.aimIndex === 2 && c.reply?.ok)
    expect(
      contact.filter((c) => JSON.stringify(c.reply).includes('"contact"')).map((c) => c.kind),
    ).toEqual(['adminHere', 'owner'])
  })

  test.each(actions.map((a) => [a.key]))(
    '%s: each caller gets what its audience, roles and scope declare; refusals change nothing',
    (key) => {
      const all = cases.get(key)!
      const wrong = all.flatMap((c) => {
        const p = problem(c)
        return p ? [`aim ${c.aimIndex} as ${c.kind} (${c.profile.openid}): ${p}`] : []
      })
      expect(wrong).toEqual([])
      expect(refusedWrites.get(key)).toBe(0)
      // The matrix is not vacuous: someone may do it, and for anything aimed at an object, someone may not.
      expect(all.some((c) => c.allowed)).toBe(true)
    },
  )
})
