import { spawn } from 'node:child_process'

/**
 * V8 flags for the process holding the emulator's store: `npm start` and the benches run it so, hence what is
 * measured is what runs. A 64 MB young generation (V8's default is 16 MB): with the default, scavenges took a
 * third of the emulator's CPU settling 100,000 members and grew with the store (50,000 → 100,000: 1.8 → 5.8 s).
 */
export const EMULATOR_V8_FLAGS = ['--max-semi-space-size=64']

const EVAL = /^(-e|--eval|-p|--print)$/

/**
 * The node arguments for another process running a script as this one does: this process's own (tsx's loader
 * among them, code given with --eval left out) and EMULATOR_V8_FLAGS.
 */
export function emulatorNodeArgs(): string[] {
  const own = process.execArgv.filter((a, i, all) => !EVAL.test(a) && !EVAL.test(all[i - 1]))
  return [...own, ...EMULATOR_V8_FLAGS]
}

/**
 * Runs this script again in a child process with EMULATOR_V8_FLAGS when this process lacks them (V8 sizes its
 * heap at start, so they cannot be set later). True in the parent, which then only relays SIGINT / SIGTERM and
 * exits with the child's code; false in a process that has the flags.
 */
export function relaunchWithFlags(): boolean {
  // A flag given by name already (on the command line or in NODE_OPTIONS) is the caller's choice.
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  const name = (flag: string) => flag.split('=')[0]
  if (EMULATOR_V8_FLAGS.every((f) => given.some((a) => name(a) === name(f)))) return false
  const child = spawn(process.execPath, [...emulatorNodeArgs(), ...process.argv.slice(1)], {
    stdio: 'inherit',
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  return true
}
