// npm run setup-db's plan: database.json against a described environment, additions only, the rest reported.
import path from 'path'
import {
  type CurrentCollection,
  type CurrentState,
  describePlan,
  planDatabase,
} from '../../emulator/scripts/db-plan'
import { loadSchema, type Schema } from '../../emulator/src/schema'

const DENY = { read: false, write: false }

const desired: Schema = {
  collections: [
    {
      name: 'members',
      rules: DENY,
      indexes: [
        { name: 'openid_1', keys: { openid: 1 }, unique: true },
        { name: 'branchId_1_status_1', keys: { branchId: 1, status: 1 } },
      ],
    },
    { name: 'news', rules: DENY, indexes: [{ name: 'createdAt_-1', keys: { createdAt: -1 } }] },
    { name: 'settlements', rules: DENY },
  ],
}

const ID = { name: '_id_', keys: [['_id', '1']] as [string, string][], unique: false }
const denied = { aclTag: 'CUSTOM', rule: JSON.stringify({ write: false, read: false }) }

/** A collection as CloudBase would describe it once setup-db had run. */
const complete: CurrentState = {
  members: {
    indexes: [
      ID,
      { name: 'openid_1', keys: [['openid', '1']], unique: true },
      {
        name: 'branchId_1_status_1',
        keys: [
          ['branchId', '1'],
          ['status', '1'],
        ],
        unique: false,
      },
    ],
    rule: denied,
  },
  news: {
    indexes: [ID, { name: 'createdAt_-1', keys: [['createdAt', '-1']], unique: false }],
    rule: denied,
  },
  settlements: { indexes: [ID], rule: denied },
}

const withMembers = (members: Partial<CurrentCollection>): CurrentState => ({
  ...complete,
  members: { ...complete.members, ...members },
})

const empty = { createCollections: [], createIndexes: [], setRules: [], changed: [] }

describe('planDatabase', () => {
  test.each<[string, CurrentState, object]>([
    [
      'an empty environment gets every collection, index and rule',
      {},
      {
        createCollections: ['members', 'news', 'settlements'],
        createIndexes: [
          { collection: 'members', index: desired.collections[0].indexes![0] },
          { collection: 'members', index: desired.collections[0].indexes![1] },
          { collection: 'news', index: desired.collections[1].indexes![0] },
        ],
        setRules: [
          { collection: 'members', rule: DENY },
          { collection: 'news', rule: DENY },
          { collection: 'settlements', rule: DENY },
        ],
        changed: [],
      },
    ],
    ['an environment that has everything gets an empty plan', complete, empty],
    [
      'a partly set-up environment gets only what is missing',
      {
        members: { indexes: [ID, complete.members.indexes[1]], rule: denied },
        news: { indexes: [ID], rule: { aclTag: 'ADMINONLY', rule: null } },
      },
      {
        ...empty,
        createCollections: ['settlements'],
        createIndexes: [
          { collection: 'members', index: desired.collections[0].indexes![1] },
          { collection: 'news', index: desired.collections[1].indexes![0] },
        ],
        setRules: [
          { collection: 'news', rule: DENY },
          { collection: 'settlements', rule: DENY },
        ],
      },
    ],
    [
      'a looser custom rule is replaced by the declared one',
      withMembers({ rule: { aclTag: 'CUSTOM', rule: '{"read": true, "write": false}' } }),
      { ...empty, setRules: [{ collection: 'members', rule: DENY }] },
    ],
    [
      'a rule that is not JSON is replaced',
      withMembers({ rule: { aclTag: 'CUSTOM', rule: 'read: false' } }),
      { ...empty, setRules: [{ collection: 'members', rule: DENY }] },
    ],
  ])('%s', (_name, current, plan) => {
    expect(planDatabase(desired, current)).toEqual(plan)
  })

  test('an index with other keys under the declared name is reported, not recreated', () => {
    const current = { name: 'branchId_1_status_1', keys: [['branchId', '1']], unique: false }
    const plan = planDatabase(
      desired,
      withMembers({
        indexes: [ID, complete.members.indexes[1], current as CurrentCollection['indexes'][0]],
      }),
    )
    expect(plan).toEqual({
      ...empty,
      changed: [
        {
          collection: 'members',
          kind: 'differs',
          declared: desired.collections[0].indexes![1],
          current,
        },
      ],
    })
    expect(describePlan(plan)).toEqual([
      "left as it is: members.branchId_1_status_1 { branchId: 1 } differs from database.json's { branchId: 1, status: 1 }",
    ])
  })

  test('an index that lost its uniqueness is reported, not recreated', () => {
    const current = {
      name: 'openid_1',
      keys: [['openid', '1']] as [string, string][],
      unique: false,
    }
    const plan = planDatabase(
      desired,
      withMembers({ indexes: [ID, current, complete.members.indexes[2]] }),
    )
    expect(plan.changed).toEqual([
      {
        collection: 'members',
        kind: 'differs',
        declared: desired.collections[0].indexes![0],
        current,
      },
    ])
    expect(plan.createIndexes).toEqual([])
  })

  test('the same index under another name is not created twice', () => {
    const current = { name: 'openid', keys: [['openid', '1']] as [string, string][], unique: true }
    const plan = planDatabase(
      desired,
      withMembers({ indexes: [ID, current, complete.members.indexes[2]] }),
    )
    expect(plan).toEqual({
      ...empty,
      changed: [
        {
          collection: 'members',
          kind: 'renamed',
          declared: desired.collections[0].indexes![0],
          current,
        },
      ],
    })
  })

  test('an index the file does not declare is reported and left; _id_ is never reported', () => {
    const extra = { name: 'phone_1', keys: [['phone', '1']] as [string, string][], unique: false }
    const plan = planDatabase(
      desired,
      withMembers({ indexes: [...complete.members.indexes, extra] }),
    )
    expect(plan).toEqual({
      ...empty,
      changed: [{ collection: 'members', kind: 'undeclared', current: extra }],
    })
    expect(describePlan(plan)).toEqual([
      'left as it is: members.phone_1 { phone: 1 } is not in database.json',
    ])
  })

  test('a compound index whose key order differs is a different index', () => {
    const current = {
      name: 'branchId_1_status_1',
      keys: [
        ['status', '1'],
        ['branchId', '1'],
      ] as [string, string][],
      unique: false,
    }
    const plan = planDatabase(
      desired,
      withMembers({ indexes: [ID, complete.members.indexes[1], current] }),
    )
    expect(plan.changed.map((c) => c.kind)).toEqual(['differs'])
  })

  test('the plan for the repo’s database.json applied to an empty environment, then described, is empty', () => {
    const schema = loadSchema(path.resolve(__dirname, '../../emulator/database.json'))
    const first = planDatabase(schema, {})
    expect(first.createCollections).toEqual(schema.collections.map((c) => c.name))
    // What the environment would then describe: every created index, and each rule as set.
    const after: CurrentState = Object.fromEntries(
      schema.collections.map((c) => [
        c.name,
        {
          indexes: [
            ID,
            ...first.createIndexes
              .filter((i) => i.collection === c.name)
              .map(({ index }) => ({
                name: index.name,
                keys: Object.entries(index.keys).map(
                  ([f, d]) => [f, String(d)] as [string, string],
                ),
                unique: !!index.unique,
              })),
          ],
          rule: { aclTag: 'CUSTOM', rule: JSON.stringify(c.rules) },
        },
      ]),
    )
    expect(planDatabase(schema, after)).toEqual(empty)
  })
})
