// What `npm run setup-db` does to a real environment, worked out as data: the collections, indexes and security
// rules emulator/database.json declares, against what the environment has. Only additions are applied; an index
// that exists in another shape, or that the file does not declare, is reported and left as it is (dropping or
// rebuilding an index on a live collection is a decision for a person, not a script).
import type { IndexSpec } from '../src/planner'
import type { Schema } from '../src/schema'

/** An index as CloudBase describes it: keys in order, directions as strings ('1', '-1'). */
export type CurrentIndex = {
  name: string
  keys: [field: string, direction: string][]
  unique: boolean
}

/** A collection that exists, with its indexes and its security rule (null when it could not be read). */
export type CurrentCollection = {
  indexes: CurrentIndex[]
  rule: { aclTag: string; rule: string | null } | null
}

/** The environment: the collections that exist, by name. */
export type CurrentState = Record<string, CurrentCollection>

export type Change =
  | { collection: string; kind: 'differs'; declared: IndexSpec; current: CurrentIndex }
  | { collection: string; kind: 'renamed'; declared: IndexSpec; current: CurrentIndex }
  | { collection: string; kind: 'undeclared'; current: CurrentIndex }

export type Plan = {
  createCollections: string[]
  createIndexes: { collection: string; index: IndexSpec }[]
  setRules: { collection: string; rule: Record<string, unknown> }[]
  /** Reported, not applied. */
  changed: Change[]
}

/** MongoDB's own index on _id, present in every collection. */
const ID_INDEX = '_id_'

const shapeOf = (i: IndexSpec): Omit<CurrentIndex, 'name'> => ({
  keys: Object.entries(i.keys).map(([field, direction]) => [field, String(direction)]),
  unique: !!i.unique,
})
const sameShape = (a: Omit<CurrentIndex, 'name'>, b: Omit<CurrentIndex, 'name'>) =>
  JSON.stringify(a.keys) === JSON.stringify(b.keys) && a.unique === b.unique

/** Compares JSON values regardless of key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}

function ruleHolds(current: CurrentCollection['rule'], declared: Record<string, unknown>): boolean {
  if (current?.aclTag !== 'CUSTOM' || !current.rule) return false
  try {
    return sameJson(JSON.parse(current.rule), declared)
  } catch {
    return false
  }
}

export function planDatabase(desired: Schema, current: CurrentState): Plan {
  const plan: Plan = { createCollections: [], createIndexes: [], setRules: [], changed: [] }
  for (const c of desired.collections) {
    const declared = c.indexes ?? []
    const have = current[c.name]
    if (!have) plan.createCollections.push(c.name)
    const existing = have?.indexes.filter((i) => i.name !== ID_INDEX) ?? []
    for (const index of declared) {
      const named = existing.find((i) => i.name === index.name)
      const alike = existing.find((i) => sameShape(i, shapeOf(index)))
      if (named && !sameShape(named, shapeOf(index)))
        plan.changed.push({ collection: c.name, kind: 'differs', declared: index, current: named })
      else if (!named && alike)
        plan.changed.push({ collection: c.name, kind: 'renamed', declared: index, current: alike })
      else if (!named) plan.createIndexes.push({ collection: c.name, index })
    }
    for (const index of existing)
      if (!declared.some((d) => d.name === index.name || sameShape(index, shapeOf(d))))
        plan.changed.push({ collection: c.name, kind: 'undeclared', current: index })
    if (c.rules && !ruleHolds(have?.rule ?? null, c.rules))
      plan.setRules.push({ collection: c.name, rule: c.rules })
  }
  return plan
}

const keysText = (keys: CurrentIndex['keys'], unique: boolean) =>
  `{ ${keys.map(([f, d]) => `${f}: ${d}`).join(', ')} }${unique ? ' unique' : ''}`

/** One line per step, for the script to print. */
export function describePlan(plan: Plan): string[] {
  const declaredText = (i: IndexSpec) => {
    const shape = shapeOf(i)
    return keysText(shape.keys, shape.unique)
  }
  return [
    ...plan.createCollections.map((c) => `create collection ${c}`),
    ...plan.createIndexes.map(
      (i) => `create index ${i.collection}.${i.index.name} ${declaredText(i.index)}`,
    ),
    ...plan.setRules.map((r) => `set security rule of ${r.collection}: ${JSON.stringify(r.rule)}`),
    ...plan.changed.map((c) => {
      const here = `${c.collection}.${c.current.name} ${keysText(c.current.keys, c.current.unique)}`
      if (c.kind === 'undeclared') return `left as it is: ${here} is not in database.json`
      if (c.kind === 'renamed')
        return `left as it is: ${here} is what database.json calls ${c.declared.name}`
      return `left as it is: ${here} differs from database.json's ${declaredText(c.declared)}`
    }),
  ]
}
