// Telling the platform's timer trigger (or message push) apart from a user's call that merely looks like one.
import { getCloud } from './cloud'

/** No WeChat user is calling: the platform's own events (timers, 消息推送) arrive without an OPENID. */
export const fromPlatform = (): boolean => !getCloud().getWXContext().OPENID

/** A long run's stop signal (wall-clock, not business time): true once `budgetMs` have passed, so the run
 * ends inside the function's 60 s and its trigger's next run carries on. */
export function stopAfter(budgetMs: number): () => boolean {
  const stopAt = Date.now() + budgetMs
  return () => Date.now() >= stopAt
}

export type TimerEvent = { Type: 'Timer'; TriggerName: string }

/** A genuine timer event carries no user; one sent with an OPENID is an ordinary call for the dispatcher. */
export function isTimerEvent(event: unknown): event is TimerEvent {
  return (event as TimerEvent | null)?.Type === 'Timer' && fromPlatform()
}
