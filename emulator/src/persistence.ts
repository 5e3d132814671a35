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
/**
 * Where the platform and file system have it, writes that bypass the page cache: with O_DSYNC each is one
 * device write and one cache flush, about half the CPU and latency of a buffered durable write on this
 * project's machine. They must start and end on sector boundaries, so the log's last partial sector is written
 * again with the next record (the same bytes: acknowledged records are never changed).
 */
const DIRECT = fs.constants.O_DIRECT as number | undefined
const SECTOR = 512
const WASM_PAGE = 64 * 1024

/** WebAssembly.Memory, which this project's type libraries leave out. */
const { Memory } = (
  globalThis as unknown as {
    WebAssembly: {
      Memory: new (d: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number }
    }
  }
).WebAssembly

interface Pending {
  line: Buffer
  resolve: () => void
  reject: (e: Error) => void
}

/**
 * Append-only log of canonical EJSON lines, one line per committed unit of work (so a transaction is
 * all-or-nothing). A write is acknowledged only once it is on disk. Records go out in durable writes
 * (O_DSYNC, direct where possible) in libuv's pool, one at a time: records that arrive while one is in flight
 * go out together in the next, sharing its sync (group commit), and the event loop never waits on the disk.
 */
export class Persistence {
  private fd: number
  /** A descriptor for making room: buffered writes of zeros, then fdatasync. */
  private readonly roomFd: number
  /** Direct I/O's write buffer, or null for buffered O_DSYNC writes. */
  private staging: Staging | null = null
  /** Where the next record goes, and how far the zero-filled part of the file reaches. */
  private end = 0
  private allocated = 0
  /** Records waiting for the write in flight; the next write takes them all. */
  private queue: Pending[] = []
  private writing = false

  private constructor(dir: string) {
    const file = path.join(dir, LOG)
    this.roomFd = fs.openSync(file, 'r+')
    this.grow(LOG_CHUNK)
    // Positional writes (not append mode, which would put every record after the zeros).
    const flags = fs.constants.O_RDWR | (DSYNC ?? 0)
    this.fd = -1
    if (DIRECT !== undefined && DSYNC !== undefined)
      try {
        // Some file systems refuse O_DIRECT at open (tmpfs), others only at the first write: try one.
        this.fd = fs.openSync(file, flags | DIRECT)
        this.staging = new Staging()
        writeAll(this.fd, this.staging.buf.subarray(0, SECTOR), 0)
      } catch {
        if (this.fd >= 0) fs.closeSync(this.fd)
        this.fd = -1
        this.staging = null
      }
    if (this.fd < 0) this.fd = fs.openSync(file, flags)
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

  /** Whether writes bypass the page cache (O_DIRECT). */
  get direct(): boolean {
    return this.staging !== null
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
    let length = 0
    for (const p of group) length += p.line.length
    const done = (err: Error | null) => {
      this.writing = false
      if (!err) {
        this.staging?.written()
        this.end += length
      }
      // A failed write is not acknowledged; the next one writes over whatever part of it landed.
      for (const p of group)
        if (err) p.reject(err)
        else p.resolve()
      if (this.queue.length) this.flush()
    }
    try {
      if (this.end + length + SECTOR > this.allocated) this.grow(length + SECTOR)
    } catch (e) {
      return done(e as Error)
    }
    this.writing = true
    if (!this.staging) {
      const bytes = group.length === 1 ? group[0].line : Buffer.concat(group.map((p) => p.line))
      return writeDurably(this.fd, bytes, this.end, done)
    }
    // From the start of the sector the log ends in, through the records, zeros to the sector's end.
    writeDurably(this.fd, this.staging.fill(group, length), this.end - (this.end % SECTOR), done)
  }

  /** Extends the log by a zero-filled chunk (at least `room` bytes), on disk before any record lands in it. */
  private grow(room: number): void {
    const size = roundUp(Math.max(LOG_CHUNK, room))
    writeAll(this.roomFd, Buffer.alloc(size), this.allocated)
    fs.fdatasyncSync(this.roomFd)
    this.allocated += size
  }

  async close(): Promise<void> {
    while (this.writing || this.queue.length) await new Promise((r) => setTimeout(r, 5))
    fs.closeSync(this.fd)
    fs.closeSync(this.roomFd)
    this.fd = -1
  }
}

const roundUp = (n: number) => Math.ceil(n / SECTOR) * SECTOR

/**
 * The buffer direct writes go out from: WebAssembly memory, whose pages are page-aligned as direct I/O wants
 * (a Buffer's memory is not). It starts with the log's last partial sector.
 */
class Staging {
  private readonly memory = new Memory({ initial: 1 })
  buf = Buffer.from(this.memory.buffer)
  /** Bytes of the log's last partial sector, at the buffer's start. */
  private tail = 0
  /** The tail and the records of the write in flight. */
  private used = 0

  /** The tail, the group's records, then zeros to the end of the sector: whole sectors to write. */
  fill(group: Pending[], length: number): Buffer {
    this.used = this.tail + length
    const size = roundUp(this.used)
    if (size > this.buf.length) {
      this.memory.grow(Math.ceil((size - this.buf.length) / WASM_PAGE))
      this.buf = Buffer.from(this.memory.buffer)
    }
    let at = this.tail
    for (const p of group) at += p.line.copy(this.buf, at)
    this.buf.fill(0, this.used, size)
    return this.buf.subarray(0, size)
  }

  /** The write went through: the log's new last partial sector leads the next one. */
  written(): void {
    const tail = this.used % SECTOR
    this.buf.copyWithin(0, this.used - tail, this.used)
    this.tail = tail
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
