import type { App } from './app'
import { nextRun, TRIGGER_ZONE } from './cron'
import { listFunctions } from './functions'

export interface TriggerInfo {
  fn: string
  name: string
  config: string
  zone: string
  next: string | null
  error?: string
}

/** Timer triggers declared in each function's config.json. */
export function listTriggers(functionsRoot: string, from = new Date()): TriggerInfo[] {
  const out: TriggerInfo[] = []
  for (const f of listFunctions(functionsRoot)) {
    for (const t of f.config.triggers ?? []) {
      if (t.type !== 'timer') continue
      try {
        const next = nextRun(t.config, from)
        out.push({
          fn: f.name,
          name: t.name,
          config: t.config,
          zone: TRIGGER_ZONE,
          next: next?.toISOString() ?? null,
        })
      } catch (e) {
        out.push({
          fn: f.name,
          name: t.name,
          config: t.config,
          zone: TRIGGER_ZONE,
          next: null,
          error: (e as Error).message,
        })
      }
    }
  }
  return out
}

/** Runs a trigger now with the platform's timer event; `now` (ISO) also becomes the function's LX_NOW. */
export async function runTrigger(
  app: App,
  functionsRoot: string,
  fn: string,
  name: string,
  now?: string,
) {
  const t = listTriggers(functionsRoot).find((x) => x.fn === fn && x.name === name)
  if (!t) return undefined
  const time = now ?? new Date().toISOString()
  const { result } = await app.invoke(fn, { Type: 'Timer', TriggerName: name, Time: time }, { now })
  return { result }
}

/**
 * Fires due triggers. Checks once a second and re-reads config.json files every tick so freshly
 * built functions are picked up; a trigger that is still running is not started twice.
 */
export function startTimers(
  app: App,
  functionsRoot: string,
  log: (line: string) => void,
): () => void {
  const due = new Map<string, number>()
  const running = new Set<string>()
  const tick = () => {
    const now = new Date()
    const seen = new Set<string>()
    for (const t of listTriggers(functionsRoot, now)) {
      const key = `${t.fn}/${t.name}/${t.config}`
      seen.add(key)
      if (!due.has(key)) due.set(key, t.next ? Date.parse(t.next) : Infinity)
      if ((due.get(key) ?? Infinity) > now.getTime() || running.has(key)) continue
      due.set(key, t.next ? Date.parse(t.next) : Infinity)
      running.add(key)
      log(`[timer] ${t.fn}/${t.name}`)
      runTrigger(app, functionsRoot, t.fn, t.name)
        .catch((e) => log(`[timer] ${t.fn}/${t.name} failed: ${(e as Error).message}`))
        .finally(() => running.delete(key))
    }
    for (const k of due.keys()) if (!seen.has(k)) due.delete(k)
  }
  const timer = setInterval(tick, 1000)
  timer.unref()
  return () => clearInterval(timer)
}
