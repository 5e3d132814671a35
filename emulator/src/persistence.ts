import fs from 'node:fs'
import path from 'node:path'
import { encode, parseStored } from './ejson'
import type { Op } from './txn'

const SNAPSHOT = 'snapshot.ejsonl'
const LOG = 'wal.ejsonl'
/**
 * The log grows by this much at a time, filled with zeros and synced ahead of use: an fdatasync that leaves the
 * file's size as it was need not commit file metadata too, which makes the per-write sync markedly cheaper.
 */
const LOG_CHUNK = 1024 * 1024

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
  /** Where the next record goes, and how far the zero-filled part of the file reaches. */
  private end = 0
  private allocated = 0
  private written = 0
  private syncing = false
  private waiters: Waiter[] = []

  private constructor(dir: string) {
    // Positional writes ('r+'): an append-mode descriptor would put every record after the zeros.
    this.fd = fs.openSync(path.join(dir, LOG), 'r+')
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
    const line = Buffer.from(encode({ ops }) + '\n')
    if (this.end + line.length > this.allocated) this.grow(line.length)
    writeAll(this.fd, line, this.end)
    this.end += line.length
    const n = ++this.written
    return new Promise((resolve, reject) => {
      this.waiters.push({ n, resolve, reject })
      this.kick()
    })
  }

  /** Extends the log by a zero-filled chunk (at least `room` bytes), durable before any record lands in it. */
  private grow(room: number): void {
    const size = Math.max(LOG_CHUNK, room)
    writeAll(this.fd, Buffer.alloc(size), this.allocated)
    fs.fdatasyncSync(this.fd)
    this.allocated += size
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

/**
 * A torn last line (kill -9 mid-write) is ignored; corruption elsewhere is a real error. The records end at the
 * log's first zero byte (encoded JSON never holds one): the rest is room the log had made ahead.
 */
function readRecords(file: string, replay: (ops: Op[]) => void): void {
  const bytes = fs.readFileSync(file)
  const end = bytes.indexOf(0)
  const lines = bytes.toString('utf8', 0, end < 0 ? bytes.length : end).split('\n')
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

/** Writes all of `buf`, at `position` when given (else at the descriptor's offset). */
function writeAll(fd: number, buf: Buffer, position?: number): void {
  let off = 0
  while (off < buf.length)
    off += fs.writeSync(
      fd,
      buf,
      off,
      buf.length - off,
      position === undefined ? null : position + off,
    )
}
