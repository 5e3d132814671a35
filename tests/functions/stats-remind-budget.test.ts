// Reminders at scale: a run that runs out of time leaves the rest for the trigger's next run on the 20th.
import { remindMonth } from '../../cloudfunctions/stats/src/remind'
import { useTestCloud } from '../support/cloud'
import { useCloud } from './ledger-fixtures'

const cloud = useTestCloud()

const outbox = async () => (await cloud.outbox()).length

test('a run out of time sends nothing more and reports the rest; the next run finishes the month once', async () => {
  useCloud(cloud, '2026-05-20T10:00:00+08:00')
  const below = 120 + 8 // nobody has done anything this month
  expect(await remindMonth('2026-05', 0)).toMatchObject({ below, sent: 0, remaining: below })
  expect(await outbox()).toBe(0)

  useCloud(cloud, '2026-05-20T10:10:00+08:00')
  expect(await remindMonth('2026-05')).toMatchObject({ below, sent: below, remaining: 0 })
  expect(await remindMonth('2026-05')).toMatchObject({ sent: 0, skipped: below, remaining: 0 })
  expect(await outbox()).toBe(below)
})
