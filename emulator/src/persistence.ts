import fs from 'node:fs'
import path from 'node:path'
import { encode, parseStored } from './ejson'
import type { Op } from './txn'

const SNAPSHOT = 'snapshot.ejsonl'
const LOG = 'wal.ejsonl'
/**
 * The log grows by this much at a time, filled with zeros and on disk ahead of use: a durable write that leaves
 * the file's size as it was need not commit file metadata too, which makes each one markedly cheaper.
 */
const LOG_CHUNK = 1024 * 1024

/** Where the platform has it, a descriptor whose every write returns once it is on disk. */
const DSYNC = fs.constants.O_DSYNC as number | undefined

interface Pending {
  line: Buffer
  resolve: () => void
  reject: (e: Error) => void
}

/**
 * Append-only log of canonical EJSON lines, one line per committed unit of work (so a transaction is
 * all-or-nothing). A write is acknowledged only once it is on disk. Records go out in durable writes
 * (O_DSYNC) in libuv's pool, one at a time: records that arrive while one is in flight go out together in
 * the next, sharing its sync (group commit), and the event loop never waits on the disk.
 */
export class Persistence {
  private fd: number
  /** Where the next record goes, and how far the zero-filled part of the file reaches. */
  private end = 0
  private allocated = 0
  /** Records waiting for the write in flight; the next write takes them all. */
  private queue: Pending[] = []
  private writing = false

  private constructor(dir: string) {
    // Positional writes (not append mode, which would put every record after the zeros).
    this.fd = fs.openSync(path.join(dir, LOG), fs.constants.O_RDWR | (DSYNC ?? 0))
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
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject })
      if (!this.writing) this.flush()
    })
  }

  /** Writes every queued record at the log's end in one durable write, then answers their writers. */
  private flush(): void {
    const group = this.queue
    this.queue = []
    const bytes = group.length === 1 ? group[0].line : Buffer.concat(group.map((p) => p.line))
    const done = (err: Error | null) => {
      this.writing = false
      if (!err) this.end += bytes.length
      // A failed write is not acknowledged; the next one writes over whatever part of it landed.
      for (const p of group)
        if (err) p.reject(err)
        else p.resolve()
      if (this.queue.length) this.flush()
    }
    try {
      if (this.end + bytes.length > this.allocated) this.grow(bytes.length)
    } catch (e) {
      return done(e as Error)
    }
    this.writing = true
    writeDurably(this.fd, bytes, this.end, done)
  }

  /** Extends the log by a zero-filled chunk (at least `room` bytes), on disk before any record lands in it. */
  private grow(room: number): void {
    const size = Math.max(LOG_CHUNK, room)
    writeAll(this.fd, Buffer.alloc(size), this.allocated)
    if (DSYNC === undefined) fs.fdatasyncSync(this.fd)
    this.allocated += size
  }

  async close(): Promise<void> {
    while (this.writing || this.queue.length) await new Promise((r) => setTimeout(r, 5))
    fs.closeSync(this.fd)
    this.fd = -1
  }
}

/** All of `buf` at `position`, on disk when `done` is called (O_DSYNC, else an fdatasync after the write). */
function writeDurably(
  fd: number,
  buf: Buffer,
  position: number,
  done: (err: Error | null) => void,
): void {
  fs.write(fd, buf, 0, buf.length, position, (err, n) => {
    if (err) return done(err)
    if (n < buf.length) return writeDurably(fd, buf.subarray(n), position + n, done)
    if (DSYNC !== undefined) return done(null)
    fs.fdatasync(fd, (e) => done(e))
  })
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
