// `npm run load` in small: a few seconds of the simulated district at low concurrency through the /fn entry.
// Every call answers data or an expected refusal, and the month's counters equal a recount of the ledger.
import { runLoad } from '../../emulator/scripts/load'

test('a short load run has no errors and its counters equal a recount of the ledger', async () => {
  const report = await runLoad({ seconds: 3, concurrency: 2 })
  expect(report.errorSamples).toEqual([])
  expect(report.errors).toBe(0)
  expect(report.calls).toBeGreaterThan(0)
  expect(report.kinds.reduce((n, k) => n + k.calls, 0)).toBe(report.calls)
  expect(report.ledgerEntries).toBeGreaterThan(0)
  expect(report.differences).toEqual([])
}, 120_000)
