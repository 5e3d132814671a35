import fs from 'node:fs'
import path from 'node:path'
import { encode, parseStored } from './ejson'
import type { Op } from './txn'

const SNAPSHOT = 'snapshot.ejsonl'
const LOG = 'wal.ejsonl'

interface Waiter {
  n: number
  resolve: () => void
  reject: (e: Error) => void
}

/**
 * Append-only log of canonical EJSON lines, one line per committed unit of work (so a transaction
 * is all-or-nothing). A write is acknowledged only after fsync; concurrent writers share one fsync.
 */
export class Persistence {
  private fd: number
  private written = 0
  private syncing = false
  private waiters: Waiter[] = []

  private constructor(dir: string) {
    this.fd = fs.openSync(path.join(dir, LOG), 'a')
  }

  /** Reads snapshot + log, hands every record to `replay`, then compacts: snapshot from `dump`, empty log. */
  static open(dir: string, replay: (ops: Op[]) => void, dump: () => Iterable<Op>): Persistence {
    fs.mkdirSync(dir, { recursive: true })
    for (const name of [SNAPSHOT, LOG]) {
      const file = path.join(dir, name)
      if (fs.existsSync(file)) readRecords(file, replay)
    }
    writeAtomic(dir, SNAPSHOT, dump())
    writeAtomic(dir, LOG, [])
    return new Persistence(dir)
  }

  append(ops: Op[]): Promise<void> {
    writeAll(this.fd, Buffer.from(encode({ ops }) + '\n'))
    const n = ++this.written
    return new Promise((resolve, reject) => {
      this.waiters.push({ n, resolve, reject })
      this.kick()
    })
  }

  private kick(): void {
    if (this.syncing || !this.waiters.length) return
    this.syncing = true
    const target = this.written
    fs.fdatasync(this.fd, (err) => {
      this.syncing = false
      const rest: Waiter[] = []
      for (const w of this.waiters) {
        if (w.n > target) rest.push(w)
        else if (err) w.reject(err)
        else w.resolve()
      }
      this.waiters = rest
      this.kick()
    })
  }

  async close(): Promise<void> {
    while (this.waiters.length) await new Promise((r) => setTimeout(r, 5))
    fs.closeSync(this.fd)
    this.fd = -1
  }
}

/** A torn last line (kill -9 mid-write) is ignored; corruption elsewhere is a real error. */
function readRecords(file: string, replay: (ops: Op[]) => void): void {
  const text = fs.readFileSync(file, 'utf8')
  const lines = text.split('\n')
  lines.forEach((line, i) => {
    if (!line.trim()) return
    let rec: { ops: Op[] }
    try {
      rec = parseStored(line) as { ops: Op[] }
    } catch (e) {
      if (i === lines.length - 1) return
      throw new Error(`${file}:${i + 1}: corrupt record: ${(e as Error).message}`)
    }
    replay(rec.ops)
  })
}

function writeAtomic(dir: string, name: string, ops: Iterable<Op>): void {
  const tmp = path.join(dir, `${name}.tmp`)
  const fd = fs.openSync(tmp, 'w')
  let chunk: string[] = []
  for (const op of ops) {
    chunk.push(encode({ ops: [op] }))
    if (chunk.length >= 1000) {
      writeAll(fd, Buffer.from(chunk.join('\n') + '\n'))
      chunk = []
    }
  }
  if (chunk.length) writeAll(fd, Buffer.from(chunk.join('\n') + '\n'))
  fs.fsyncSync(fd)
  fs.closeSync(fd)
  fs.renameSync(tmp, path.join(dir, name))
  const dfd = fs.openSync(dir, 'r')
  fs.fsyncSync(dfd)
  fs.closeSync(dfd)
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off)
}
