import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { type BlobBody, type BlobStore, measure } from '@atelier/core/storage'

const SHA256 = /^[0-9a-f]{64}$/

/** Where a blob with this sha256 lives under `root`: `ab/abcdef…`. */
export function blobPath(root: string, sha256: string): string {
  return join(root, sha256.slice(0, 2), sha256)
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * A blob store in a local folder, content-addressed by sha256. Bytes stream into a temporary
 * file while they are hashed and counted; the file is fsynced, then renamed into place and the
 * folder fsynced, so a blob is either whole at its final name or absent — and `put` resolves
 * only once it is durable. Survives restarts; the same bytes are stored once.
 *
 * @example
 * const atelier = createAtelier({ storage, blobs: localBlobStore('./data/blobs') })
 */
export function localBlobStore(root: string): BlobStore {
  const tmp = join(root, 'tmp')
  let ready: Promise<unknown> | undefined
  return {
    async put(body: BlobBody, options) {
      ready ??= mkdir(tmp, { recursive: true })
      await ready
      const partial = join(tmp, `${Date.now()}-${randomBytes(8).toString('hex')}`)
      const handle = await open(partial, 'wx', 0o640)
      let closed = false
      try {
        const m = measure(body, options)
        for await (const chunk of m.chunks) await handle.write(chunk)
        await handle.sync()
        await handle.close()
        closed = true
        const { sha256, bytes } = m.result()
        const target = blobPath(root, sha256)
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true })
        const existing = await stat(target).catch(() => undefined)
        if (existing?.size === bytes) {
          await rm(partial, { force: true })
        } else {
          await rename(partial, target)
          await fsyncDir(join(root, sha256.slice(0, 2)))
        }
        return { key: sha256, sha256, bytes }
      } catch (error) {
        if (!closed) await handle.close().catch(() => {})
        await rm(partial, { force: true })
        throw error
      }
    },

    async get(key) {
      if (!SHA256.test(key)) return undefined
      const path = blobPath(root, key)
      if (!(await stat(path).catch(() => undefined))) return undefined
      return Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>
    },
  }
}
