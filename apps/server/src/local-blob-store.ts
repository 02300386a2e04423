import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import {
  access,
  type FileHandle,
  mkdir,
  open,
  rename,
  rm,
  stat,
  statfs,
  utimes,
} from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import type { BlobBody, BlobStore, BlobStoreCheck, ByteRange } from '@atelier/core/storage'
import { emptyStream, isBlobKey, measure } from '@atelier/core/storage'
import { describeFailure, storageFailure } from './storage-failure.js'

/** Where a blob with this sha256 lives under `root`: `ab/abcdef…`. */
export function blobPath(root: string, sha256: string): string {
  return join(root, sha256.slice(0, 2), sha256)
}

/** The folder of partial uploads under `root`. */
export const tmpFolder = (root: string): string => join(root, 'tmp')

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

const codeOf = (error: unknown) => (error as { code?: unknown } | undefined)?.code

/**
 * Makes the stored blob's modification time now, so a start-up sweep that runs meanwhile sees it
 * as recent and keeps it. False when there is no whole blob there (or it vanished just now).
 */
async function reuse(target: string, bytes: number): Promise<boolean> {
  const existing = await stat(target).catch(() => undefined)
  if (existing?.size !== bytes) return false
  const now = new Date()
  return utimes(target, now, now).then(
    () => true,
    (error: unknown) => {
      if (codeOf(error) === 'ENOENT') return false
      throw error
    },
  )
}

/**
 * A blob store in a local folder, content-addressed by sha256. Bytes stream into a temporary
 * file while they are hashed and counted; the file is fsynced, then renamed into place and the
 * folder fsynced, so a blob is either whole at its final name or absent — and `put` resolves
 * only once it is durable. Survives restarts; the same bytes are stored once. A folder (or its
 * `tmp`) that disappears is made again on the next upload; a full, read-only or forbidden
 * folder is `AtelierError('storage_unavailable')`, never a bare file-system error.
 *
 * @example
 * const atelier = createAtelier({ storage, blobs: localBlobStore('./data/blobs') })
 */
export function localBlobStore(root: string): BlobStore {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(root)) {
    throw new TypeError(`localBlobStore takes a folder, not a URL: ${root}`)
  }
  const tmp = tmpFolder(root)

  async function createPartial(): Promise<{ path: string; handle: FileHandle }> {
    const path = join(tmp, `${Date.now()}-${randomBytes(8).toString('hex')}`)
    try {
      return { path, handle: await open(path, 'wx', 0o640) }
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error
      // The folder or its tmp went away since the last upload: make them again.
      await mkdir(tmp, { recursive: true })
      return { path, handle: await open(path, 'wx', 0o640) }
    }
  }

  async function read(key: string, range?: ByteRange) {
    if (!isBlobKey(key)) return undefined
    let handle: FileHandle
    try {
      handle = await open(blobPath(root, key), 'r')
    } catch (error) {
      if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return undefined
      throw storageFailure(error, 'read the file')
    }
    if (range?.length === 0) {
      await handle.close()
      return emptyStream()
    }
    const stream = handle.createReadStream(
      range ? { start: range.offset, end: range.offset + range.length - 1 } : {},
    )
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>
  }

  return {
    async put(body: BlobBody, options) {
      let partial: { path: string; handle: FileHandle }
      try {
        partial = await createPartial()
      } catch (error) {
        throw storageFailure(error, 'store the file')
      }
      const { path, handle } = partial
      let closed = false
      try {
        const m = measure(body, options)
        for await (const chunk of m.chunks) await handle.write(chunk)
        await handle.sync()
        await handle.close()
        closed = true
        const { sha256, bytes } = m.result()
        const target = blobPath(root, sha256)
        await mkdir(dirname(target), { recursive: true })
        if (await reuse(target, bytes)) {
          await rm(path, { force: true })
        } else {
          await rename(path, target)
          await fsyncDir(dirname(target))
        }
        return { key: sha256, sha256, bytes }
      } catch (error) {
        if (!closed) await handle.close().catch(() => {})
        await rm(path, { force: true }).catch(() => {})
        throw storageFailure(error, 'store the file')
      }
    },

    get: (key) => read(key),
    getRange: (key, range) => read(key, range),

    async check(): Promise<BlobStoreCheck> {
      try {
        await mkdir(tmp, { recursive: true })
        await access(tmp, constants.W_OK)
        const fs = await statfs(root)
        if (fs.bavail === 0) {
          return { writable: false, reason: 'no_space', detail: 'no space left on the device' }
        }
        return { writable: true }
      } catch (error) {
        const failure = describeFailure(error)
        if (!failure) throw error
        return { writable: false, ...failure }
      }
    },
  }
}
