// The shared dispatcher run in this process, against the emulator, with the identity set the way the platform does.
import { z } from 'zod'
import { createHandler } from '../../cloudfunctions/_shared/dispatcher'
import { AppError } from '../../cloudfunctions/_shared/errors'
import { runHere, useTestCloud } from '../support/cloud'

const cloud = useTestCloud()
const ran: string[] = []
const schemas = {
  open: z.object({ n: z.number().int().min(1) }).strict(),
  secretaries: z.object({}).strict(),
  residents: z.object({}).strict(),
  broken: z.object({}).strict(),
  refuses: z.object({}).strict(),
}
type Outputs = {
  open: number
  secretaries: string
  residents: string
  broken: never
  refuses: never
}
const main = createHandler<typeof schemas, Outputs>('probe', schemas, {
  open: {
    audience: 'anyone',
    scope: ['public'],
    run: async (_c, { n }) => (ran.push('open'), n * 2),
  },
  secretaries: {
    audience: 'member',
    roles: ['secretary'],
    scope: ['self'],
    run: async ({ caller }) => caller.member!.name,
  },
  residents: {
    audience: 'resident',
    scope: ['self'],
    run: async ({ caller }) => caller.resident!.name,
  },
  broken: {
    audience: 'anyone',
    scope: ['self'],
    run: async () => {
      throw new Error('secret internals: db password')
    },
  },
  refuses: {
    audience: 'anyone',
    scope: ['self'],
    run: async () => {
      throw new AppError('RATE_LIMITED', '操作太频繁，请稍后再试')
    },
  },
})

const as = (openid: string) => runHere(cloud, { openid })

beforeAll(() => runHere(cloud))

describe('dispatcher', () => {
  test('validates before running, answering the first problem in Chinese', async () => {
    as('demo-member-1')
    const reply = await main({ action: 'open', payload: { n: 0 } })
    expect(reply).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(reply.ok === false && /[\u4e00-\u9fa5]/.test(reply.message)).toBe(true)
    expect(ran).toEqual([])
    expect(await main({ action: 'open', payload: { n: 2 } })).toEqual({ ok: true, data: 4 })
  })

  test('an unknown action or a missing payload shape is INVALID_ARGUMENT', async () => {
    as('demo-member-1')
    expect(await main({ action: 'nope' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await main({})).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
    expect(await main({ action: 'open', payload: 'x' })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    })
  })

  test('no OPENID is UNAUTHENTICATED', async () => {
    as('')
    expect(await main({ action: 'open', payload: { n: 1 } })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
  })

  test('roles are checked against the stored member', async () => {
    as('demo-secretary-3')
    expect(await main({ action: 'secretaries' })).toMatchObject({ ok: true })
    as('demo-member-3')
    expect(await main({ action: 'secretaries' })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
    as('not-registered')
    expect(await main({ action: 'secretaries' })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
      message: '请先注册为党员',
    })
  })

  test('resident actions need a resident record', async () => {
    as('demo-resident-2')
    expect(await main({ action: 'residents' })).toMatchObject({ ok: true })
    as('demo-member-2')
    expect(await main({ action: 'residents' })).toMatchObject({
      ok: false,
      code: 'PERMISSION_DENIED',
    })
  })

  test('deliberate errors keep their code; unknown ones are INTERNAL with a request id and no internals', async () => {
    as('demo-member-1')
    expect(await main({ action: 'refuses' })).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      message: '操作太频繁，请稍后再试',
    })
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const reply = await main({ action: 'broken' }, { request_id: 'req-42' })
    expect(reply).toEqual({
      ok: false,
      code: 'INTERNAL',
      message: '服务暂时不可用，请稍后重试',
      requestId: 'req-42',
    })
    expect(JSON.stringify(reply)).not.toContain('secret')
    expect(logged.mock.calls[0].join(' ')).toContain('req-42')
    logged.mockRestore()
  })
})
