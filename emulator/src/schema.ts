import fs from 'node:fs'
import type { IndexSpec } from './planner'

export interface SchemaCollection {
  name: string
  rules?: Record<string, unknown>
  indexes?: IndexSpec[]
}
export interface Schema {
  collections: SchemaCollection[]
}

/** emulator/database.json: the collections (and indexes) a CloudBase env is set up with. */
export function loadSchema(file: string): Schema {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Schema
  if (!Array.isArray(schema.collections)) throw new Error(`${file}: "collections" must be an array`)
  for (const c of schema.collections) {
    if (!c.name) throw new Error(`${file}: a collection has no name`)
    for (const i of c.indexes ?? [])
      if (!i.name || !i.keys || !Object.keys(i.keys).length)
        throw new Error(`${file}: index of ${c.name} needs a name and keys`)
  }
  return schema
}
