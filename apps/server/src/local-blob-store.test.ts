import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isAtelierError } from '@atelier/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
})
