import { closeSync, fstatSync, fsync, fsyncSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

interface Waiter {
  upTo: number
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Group commit for a SQLite database in WAL mode whose connection runs with
 * `synchronous=NORMAL`: commits append to the write-ahead log without syncing it, and whoever
 * needs a commit durable waits for an `fsync` of the log that started after that commit. One
 * `fsync` (on a libuv thread, while the event loop goes on committing) covers every commit
 * made before it, so concurrent writers share it instead of each paying for its own, as they
 * would with `synchronous=FULL`. The log holds the same frames either way; what reaches the
 * disk before a caller hears "committed" is the same.
 *
 * @example
 * const wal = new WalSync('data/atelier.db')
 * const n = wal.committed() // right after COMMIT
 * await wal.durable(n)
 */
export class WalSync {
  readonly #path: string
  #fd: number | undefined
  #committed = 0
  #durable = 0
  #flushing = false
  #waiters: Waiter[] = []

  readonly #fsync: typeof fsync

  /**
   * `database` is the path of the database file; its log is `<path>-wal`. `sync` replaces
   * `fs.fsync` (tests hold it to watch who waits).
   */
  constructor(database: string, sync: typeof fsync = fsync) {
    this.#path = `${database}-wal`
    this.#fsync = sync
  }

  /** Records a commit that just happened and returns its number. */
  committed(): number {
    return ++this.#committed
  }

  /** The number of the newest commit: everything a transaction starting now can see. */
  get latest(): number {
    return this.#committed
  }

  /** Resolves once commits up to `n` are on disk; undefined when they already are. */
  durable(n: number): Promise<void> | undefined {
    if (this.#durable >= n) return undefined
    return new Promise((resolve, reject) => {
      this.#waiters.push({ upTo: n, resolve, reject })
      this.#flush()
    })
  }

  /** Waits for the flushes in flight, then closes the log's file descriptor. */
  async close(): Promise<void> {
    await this.durable(this.#committed)
    this.#release()
  }

  #release(): void {
    if (this.#fd !== undefined) closeSync(this.#fd)
    this.#fd = undefined
  }

  #flush(): void {
    if (this.#flushing) return
    const upTo = this.#committed
    let fd: number | undefined
    try {
      fd = this.#file()
    } catch (error) {
      this.#settle(upTo, error)
      return
    }
    // No log file: SQLite removes it only after checkpointing everything into the database
    // file, and a checkpoint syncs that file.
    if (fd === undefined) {
      this.#settle(upTo)
      return
    }
    this.#flushing = true
    this.#fsync(fd, (error) => {
      this.#flushing = false
      this.#settle(upTo, error ?? undefined)
      if (this.#waiters.length) this.#flush()
    })
  }

  #settle(upTo: number, error?: unknown): void {
    if (!error) this.#durable = Math.max(this.#durable, upTo)
    const ready = this.#waiters.filter((w) => w.upTo <= upTo)
    this.#waiters = this.#waiters.filter((w) => w.upTo > upTo)
    for (const w of ready) {
      if (error) w.reject(error)
      else w.resolve()
    }
  }

  /** The log's descriptor, reopened if the file was replaced since; undefined if missing. */
  #file(): number | undefined {
    const onDisk = statSync(this.#path, { throwIfNoEntry: false })
    if (!onDisk) {
      this.#release()
      return undefined
    }
    if (this.#fd !== undefined && fstatSync(this.#fd).ino === onDisk.ino) return this.#fd
    this.#release()
    this.#fd = openSync(this.#path, 'r+')
    // A log file not seen before: make its directory entry durable too, once.
    const dir = openSync(dirname(this.#path), 'r')
    try {
      fsyncSync(dir)
    } finally {
      closeSync(dir)
    }
    return this.#fd
  }
}

const byDatabase = new WeakMap<object, WalSync>()

/**
 * The group-commit log sync of a database, when its storage opened it with one: the Kysely
 * driver finds it here, so writes through `storage.db` wait for the same fsyncs.
 *
 * @example
 * walSyncOf(database)?.latest
 */
export function walSyncOf(database: object): WalSync | undefined {
  return byDatabase.get(database)
}

/** Registers the log sync of a database (see {@link walSyncOf}). */
export function setWalSync(database: object, wal: WalSync): void {
  byDatabase.set(database, wal)
}
