// The emulator and `npm run setup-db` read the same emulator/database.json: every collection it declares exists
// in a fresh emulator with exactly the declared indexes (their uniqueness enforced: functions.test.ts).
import { DEFAULT_SCHEMA } from '../../emulator/src/index'
import { loadSchema } from '../../emulator/src/schema'
import { startTestEmulator, type TestEmulator } from './helpers'

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator()
})
afterAll(() => t?.close())

test('a fresh emulator has exactly the collections and indexes database.json declares', () => {
  const schema = loadSchema(DEFAULT_SCHEMA)
  const store = t.emu.app.store
  expect([...store.names()].sort()).toEqual(schema.collections.map((c) => c.name).sort())
  for (const c of schema.collections)
    expect({ [c.name]: store.col(c.name).indexes.map((i) => i.spec) }).toEqual({
      [c.name]: c.indexes ?? [],
    })
})
