import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { isBlobKey, type Storage } from '@atelier/core/storage'
import { blobPath, tmpFolder } from './local-blob-store.js'

/** What a sweep removed. */
export interface SweepReport {
  /** Partial uploads left by a process that stopped half-way. */
  partials: number
  /** Blobs no version names. */
  blobs: number
  bytes: number
  /** Why unreferenced blobs were kept this time, if they were. */
  kept?: string
}

export interface SweepOptions {
  /** The database the folder belongs to, as the marker file names it (no password). */
  owner: string
  /** Only files untouched for this long are removed. @default 1 hour */
  graceMs?: number
  now?: number
}

const HOUR = 3600_000
const OWNER_FILE = 'atelier-blobs.json'

/**
 * Every blob key a committed version names, in every studio: what a sweep must never remove.
 *
 * @example
 * const keep = await referencedBlobKeys(storage)
 */
export async function referencedBlobKeys(storage: Storage): Promise<Set<string>> {
  const keys = new Set<string>()
  const studios = await storage.transaction((tx) => tx.studios.list(), { readOnly: true })
  for (const studio of studios) {
    let cursor: string | undefined
    do {
      const page = await storage.transaction(
        (tx) => tx.scoped(studio.id).records.page('versions', cursor, 1_000),
        { readOnly: true },
      )
      for (const version of page.rows) keys.add(version.blobKey)
      cursor = page.next
    } while (cursor)
  }
  return keys
}

/** Whether the folder holds any blob (`ab/<sha256>`) yet. */
async function holdsBlobs(root: string, prefixes: string[]): Promise<boolean> {
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue
    const names = await readdir(join(root, prefix)).catch(() => [])
    if (names.some((name) => isBlobKey(name) && name.startsWith(prefix))) return true
  }
  return false
}

/**
 * Whether this folder's blobs are `owner`'s to sweep: the folder records the database it
 * belongs to, so a folder shared by two databases never loses the other one's files. Only a
 * folder that holds no blob yet is claimed: one that holds blobs but no record may be shared
 * already (an upgrade from before the record), so it is not swept until an operator writes it.
 * Answers why the blobs are kept, or undefined when they may be swept.
 */
/**
 * Gives an empty blob folder to this database (writes `atelier-blobs.json`), before anything can
 * be uploaded into it, so a new installation's folder is its own from the first file on; a
 * folder with a marker, or one that already holds blobs, is left as it is.
 *
 * @example
 * await claimEmptyFolder('./data/blobs', 'SQLite ./data/atelier.db')
 */
export async function claimEmptyFolder(root: string, owner: string): Promise<void> {
  const prefixes = await readdir(root).catch(() => undefined)
  if (prefixes) await owns(root, prefixes, owner)
}

async function owns(root: string, prefixes: string[], owner: string): Promise<string | undefined> {
  const file = join(root, OWNER_FILE)
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) {
    if (await holdsBlobs(root, prefixes)) {
      return `${OWNER_FILE} is missing and the folder already holds blobs, which another database may name; to allow sweeping, write ${JSON.stringify({ database: owner })} to ${OWNER_FILE} in the folder once no other database uses it`
    }
    const claimed = await writeFile(file, `${JSON.stringify({ database: owner })}\n`, {
      flag: 'wx',
    }).then(
      () => true,
      (error: unknown) => {
        if ((error as { code?: unknown }).code !== 'EEXIST') throw error
        return false
      },
    )
    // Another process claimed it between the read and the write: its record decides.
    if (claimed) return undefined
    return owns(root, prefixes, owner)
  }
  let recorded: unknown
  try {
    recorded = (JSON.parse(text) as { database?: unknown }).database
  } catch {
    return `${OWNER_FILE} is not JSON (delete it to give the folder to this database)`
  }
  return recorded === owner
    ? undefined
    : `the folder belongs to the database ${String(recorded)} (delete ${OWNER_FILE} to give it to this one)`
}

const ASIDE = /^sweep-([0-9a-f]{64})-/

/**
 * Removes a blob unless it was touched after `cutoff`. It is moved aside first (to
 * `tmp/sweep-<key>-…`, so a sweep that dies half-way leaves a file the next one puts back) and
 * looked at again there: an upload of the same bytes refreshes the blob's time before it names
 * it, so a blob touched between the first look and the move is put back, and one the upload
 * looks for after the move is missing to it, so it stores its own copy.
 */
async function removeIfStale(
  root: string,
  key: string,
  cutoff: number,
): Promise<number | undefined> {
  const path = blobPath(root, key)
  const aside = join(tmpFolder(root), `sweep-${key}-${randomBytes(8).toString('hex')}`)
  try {
    await rename(path, aside)
  } catch {
    return undefined
  }
  const info = await stat(aside).catch(() => undefined)
  if (!info) return undefined
  if (info.mtimeMs >= cutoff) {
    await putBack(root, key, aside)
    return undefined
  }
  await rm(aside, { force: true })
  return info.size
}

/**
 * Moves a blob set aside by a sweep back to its key; when an upload has stored the same bytes
 * there meanwhile, the copy aside is the redundant one.
 */
async function putBack(root: string, key: string, aside: string): Promise<void> {
  const path = blobPath(root, key)
  if (await stat(path).catch(() => undefined)) {
    await rm(aside, { force: true })
    return
  }
  await mkdir(dirname(path), { recursive: true })
  await rename(aside, path).catch((error: unknown) => {
    // Another sweep put it back first.
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error
  })
}

/**
 * Cleans a local blob folder: partial uploads in `tmp` untouched for the grace period (a blob
 * a stopped sweep left aside there is put back, never removed), and blobs that no committed
 * version names and nobody touched for that long. `referenced` is read before the blobs are
 * listed; uploads meanwhile are safe (a new blob is recent; a reused one is refreshed before its
 * version commits). Unreferenced blobs are kept when the folder belongs to another database, or
 * holds blobs but no record of its database (`kept` says why and how to allow sweeping).
 *
 * @example
 * const report = await sweepLocalBlobs('./data/blobs', () => referencedBlobKeys(storage), { owner })
 */
export async function sweepLocalBlobs(
  root: string,
  referenced: () => Promise<Set<string>>,
  options: SweepOptions,
): Promise<SweepReport> {
  const cutoff = (options.now ?? Date.now()) - (options.graceMs ?? HOUR)
  const report: SweepReport = { partials: 0, blobs: 0, bytes: 0 }
  const prefixes = await readdir(root).catch(() => undefined)
  if (!prefixes) return report
  const tmp = tmpFolder(root)
  for (const name of await readdir(tmp).catch(() => [])) {
    const info = await stat(join(tmp, name)).catch(() => undefined)
    if (!info?.isFile() || info.mtimeMs >= cutoff) continue
    const aside = ASIDE.exec(name)?.[1]
    if (aside) {
      await putBack(root, aside, join(tmp, name))
      continue
    }
    if (name.startsWith('sweep-')) continue
    await rm(join(tmp, name), { force: true })
    report.partials++
    report.bytes += info.size
  }
  const kept = await owns(root, prefixes, options.owner)
  if (kept) return { ...report, kept }
  const keep = await referenced()
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue
    for (const name of await readdir(join(root, prefix)).catch(() => [])) {
      if (!isBlobKey(name) || name.slice(0, 2) !== prefix || keep.has(name)) continue
      const info = await stat(blobPath(root, name)).catch(() => undefined)
      if (!info || info.mtimeMs >= cutoff) continue
      const freed = await removeIfStale(root, name, cutoff)
      if (freed === undefined) continue
      report.blobs++
      report.bytes += freed
    }
  }
  return report
}
