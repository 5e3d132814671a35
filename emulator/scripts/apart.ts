// Bench sections that run each size in a process of its own (a fresh heap, the V8 flags `npm start` runs the
// emulator with): the parent starts the script again with arguments, the child prints its result on a line.
import { spawn } from 'node:child_process'
import { emulatorNodeArgs } from '../src/node-flags'

const TAG = 'BENCH_RESULT='

/** Runs `script` with `args` in a child process: the result it printed with answerParent. */
export function runApart<T>(script: string, args: string[]): Promise<T> {
  const proc = spawn(process.execPath, [...emulatorNodeArgs(), script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()))
  return new Promise((resolve, reject) =>
    proc.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(TAG))
      if (line) resolve(JSON.parse(line.slice(TAG.length)) as T)
      else reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${out}`))
    }),
  )
}

/** In the child: prints what `work` gives for the parent, then exits (1, with the error, if it fails). */
export function answerParent(work: Promise<unknown>): void {
  work.then(
    (result) => {
      console.log(`${TAG}${JSON.stringify(result)}`)
      process.exit(0)
    },
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
