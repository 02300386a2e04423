import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isAtelierError } from '@atelier/core'
import { runBlobStoreContract } from '@atelier/core/testing'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { blobPath, localBlobStore } from './local-blob-store.js'

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'atelier-blobs-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const streamOf = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(new TextEncoder().encode(p))
      c.close()
    },
  })

/** Every file under `dir`, in any folder: blobs and partial uploads alike. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

const roots: string[] = []
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true })
})
const stores = new WeakMap<object, string>()
runBlobStoreContract({
  name: 'local folder',
  create: async () => {
    const r = await mkdtemp(join(tmpdir(), 'atelier-blob-contract-'))
    roots.push(r)
    const store = localBlobStore(join(r, 'blobs'))
    stores.set(store, join(r, 'blobs'))
    return store
  },
  objects: async (store) => (await filesUnder(stores.get(store)!)).length,
  reopen: (store) => localBlobStore(stores.get(store)!),
})

describe('localBlobStore', () => {
  it('stores bytes under their sha256 and reads them back, also from a new instance', async () => {
    const blob = await localBlobStore(root).put(streamOf('标志 ', 'logo ', 'v1'))
    expect(blob).toEqual({
      key: sha256Hex('标志 logo v1'),
      sha256: sha256Hex('标志 logo v1'),
      bytes: Buffer.byteLength('标志 logo v1'),
    })
    expect(await readFile(blobPath(root, blob.sha256), 'utf8')).toBe('标志 logo v1')
    const again = await localBlobStore(root).get(blob.key)
    expect(await new Response(again).text()).toBe('标志 logo v1')
    expect(await readdir(join(root, 'tmp'))).toEqual([])
  })

  it('stores the same bytes once', async () => {
    const store = localBlobStore(root)
    const a = await store.put(new TextEncoder().encode('same'))
    const b = await store.put(streamOf('sa', 'me'))
    expect(a).toEqual(b)
    expect(await readdir(join(root, a.sha256.slice(0, 2)))).toEqual([a.sha256])
  })

  it('leaves nothing behind when the upload is too large', async () => {
    const store = localBlobStore(root)
    const error = await store
      .put(streamOf('x'.repeat(600), 'y'.repeat(600)), { maxBytes: 1000 })
      .catch((e: unknown) => e)
    expect(isAtelierError(error, 'too_large')).toBe(true)
    expect(await readdir(join(root, 'tmp'))).toEqual([])
    expect((await readdir(root)).sort()).toEqual(['tmp'])
  })

  it('answers undefined for unknown or malformed keys', async () => {
    const store = localBlobStore(root)
    expect(await store.get('0'.repeat(64))).toBeUndefined()
    expect(await store.get('../../etc/passwd')).toBeUndefined()
  })

  it('makes its tmp folder again when it disappears after the first upload', async () => {
    const store = localBlobStore(root)
    await store.put(new TextEncoder().encode('first'))
    await rm(join(root, 'tmp'), { recursive: true })
    const second = await store.put(streamOf('second'))
    expect(await new Response(await store.get(second.key)).text()).toBe('second')
  })

  it('makes its whole folder again when it disappears', async () => {
    const store = localBlobStore(join(root, 'inner'))
    await store.put(new TextEncoder().encode('first'))
    await rm(join(root, 'inner'), { recursive: true })
    expect(await store.check?.()).toEqual({ writable: true })
    const again = await store.put(streamOf('again'))
    expect(await new Response(await store.get(again.key)).text()).toBe('again')
  })

  it('answers storage_unavailable (missing) when its folder cannot be made, and says so in check', async () => {
    await writeFile(join(root, 'a-file'), 'not a folder')
    const store = localBlobStore(join(root, 'a-file', 'blobs'))
    const error = await store.put(streamOf('bytes')).catch((e: unknown) => e)
    expect(isAtelierError(error, 'storage_unavailable')).toBe(true)
    expect((error as { details: unknown }).details).toEqual({ reason: 'missing' })
    expect((error as Error).message).not.toContain(root)
    expect(await store.check?.()).toMatchObject({ writable: false, reason: 'missing' })
  })

  it('refreshes the time of a blob it is given again, so a sweep sees it in use', async () => {
    const store = localBlobStore(root)
    const blob = await store.put(streamOf('reused'))
    const old = new Date(Date.now() - 48 * 3600_000)
    const { utimes, stat } = await import('node:fs/promises')
    await utimes(blobPath(root, blob.sha256), old, old)
    await store.put(streamOf('re', 'used'))
    expect((await stat(blobPath(root, blob.sha256))).mtimeMs).toBeGreaterThan(old.getTime() + 1000)
  })

  it('refuses a URL for a folder', () => {
    expect(() => localBlobStore('s3://bucket/prefix')).toThrow(/not a URL/)
  })
})
