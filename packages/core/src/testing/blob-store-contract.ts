import { describe, expect, it } from 'vitest'
import { type BlobStore, readBlob } from '../blob/blob-store.js'
import { isAtelierError } from '../errors/atelier-error.js'
import { createSha256, sha256Hex } from '../internal/hash.js'

export interface BlobStoreContractOptions<S extends BlobStore = BlobStore> {
  /** Names the suite, e.g. `local folder`. */
  name: string
  /** A fresh, empty store. */
  create: () => S | Promise<S>
  /**
   * How many objects the store holds now, temporary ones included (files in the folder and its
   * `tmp`, objects under the prefix…): the suite checks that a refused or failed upload leaves
   * nothing behind and that the same bytes are kept once.
   */
  objects: (store: S) => Promise<number>
  /** A second store over the same place (same folder, same bucket and prefix), if it has one. */
  reopen?: (store: S) => BlobStore | Promise<BlobStore>
  /** Size of the large streamed body; big enough to take a store's multipart path. @default 12 MiB + 1 */
  largeBytes?: number
}

const encode = (text: string) => new TextEncoder().encode(text)

/** `bytes` as a stream of chunks of at most `size` bytes. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + size))
      offset += size
    },
  })
}

/** `n` bytes that are not a repeating pattern any store could shortcut: xorshift32. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed || 1
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

/** A stream that yields `first`, then fails as an aborted upload does. */
function failingAfter(first: Uint8Array, error: Error): ReadableStream<Uint8Array> {
  let sent = false
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(error)
      sent = true
      controller.enqueue(first)
    },
  })
}

async function bytesOf(body: ReadableStream<Uint8Array> | undefined): Promise<Uint8Array> {
  if (!body) throw new Error('expected a stream, got undefined')
  return new Uint8Array(await new Response(body).arrayBuffer())
}

/**
 * The behaviour every blob store must have, as a Vitest suite: content addressing (the key is
 * the sha256 of the bytes), exact sha256 and size, the same bytes kept once, `maxBytes` refused
 * with nothing left behind, a failed body leaving nothing behind, `undefined` for missing or
 * malformed keys, large bodies streamed both ways, ranges, early cancellation of a download,
 * and a healthy `check()`. Call it from a test file of the store.
 *
 * @example
 * import { runBlobStoreContract } from '@atelier/core/testing'
 * runBlobStoreContract({ name: 'memory', create: memoryBlobStore, objects: async (s) => s.size })
 */
export function runBlobStoreContract<S extends BlobStore>(
  options: BlobStoreContractOptions<S>,
): void {
  const largeBytes = options.largeBytes ?? 12 * 1024 * 1024 + 1

  describe(`blob store contract: ${options.name}`, () => {
    it('keys blobs by the sha256 of their bytes and gives back exactly those bytes', async () => {
      const store = await options.create()
      const bytes = encode('标志 logo v1 · 🎨')
      const blob = await store.put(chunked(bytes, 5))
      expect(blob).toEqual({
        key: sha256Hex(bytes),
        sha256: sha256Hex(bytes),
        bytes: bytes.byteLength,
      })
      expect(await bytesOf(await store.get(blob.key))).toEqual(bytes)
      expect(await options.objects(store)).toBe(1)
    })

    it('takes a Uint8Array body and an empty body', async () => {
      const store = await options.create()
      const one = await store.put(encode('one piece'))
      expect(one.sha256).toBe(sha256Hex('one piece'))
      const empty = await store.put(new Uint8Array(0))
      expect(empty).toEqual({ key: sha256Hex(''), sha256: sha256Hex(''), bytes: 0 })
      expect((await bytesOf(await store.get(empty.key))).byteLength).toBe(0)
    })

    it('keeps the same bytes once, however they arrive, also when put at the same time', async () => {
      const store = await options.create()
      const bytes = noise(70_000, 7)
      const first = await store.put(bytes)
      const again = await Promise.all([
        store.put(chunked(bytes, 1_000)),
        store.put(chunked(bytes, 65_536)),
        store.put(bytes.slice()),
      ])
      for (const blob of again) expect(blob).toEqual(first)
      expect(await options.objects(store)).toBe(1)
      expect(await bytesOf(await store.get(first.key))).toEqual(bytes)
    })

    it('refuses a body over maxBytes with too_large and keeps nothing of it', async () => {
      const store = await options.create()
      const kept = await store.put(encode('already here'))
      const error = await store
        .put(chunked(noise(3_000, 3), 600), { maxBytes: 2_000 })
        .catch((e: unknown) => e)
      expect(isAtelierError(error, 'too_large')).toBe(true)
      expect(await store.get(sha256Hex(noise(3_000, 3)))).toBeUndefined()
      expect(await options.objects(store)).toBe(1)
      expect(await bytesOf(await store.get(kept.key))).toEqual(encode('already here'))
      const exact = await store.put(noise(2_000, 3), { maxBytes: 2_000 })
      expect(exact.bytes).toBe(2_000)
    })

    it('keeps nothing of a body that fails half-way (an aborted upload) and passes its error on', async () => {
      const store = await options.create()
      const aborted = new Error('client went away')
      const error = await store
        .put(failingAfter(noise(10_000, 5), aborted))
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Error)
      expect(isAtelierError(error)).toBe(false)
      expect(await options.objects(store)).toBe(0)
    })

    it('answers undefined for keys it does not hold and for things that are not keys', async () => {
      const store = await options.create()
      await store.put(encode('something'))
      for (const key of [
        sha256Hex('never stored'),
        '0'.repeat(64),
        '../../etc/passwd',
        '',
        'tmp',
        sha256Hex('something').toUpperCase(),
        `${sha256Hex('something')}/..`,
      ]) {
        expect(await store.get(key), key).toBeUndefined()
        expect(await readBlob(store, key, { offset: 0, length: 1 }), key).toBeUndefined()
      }
    })

    it('streams a large body in and out, with the sha256 computed on the way', async () => {
      const store = await options.create()
      const bytes = noise(largeBytes, 11)
      const blob = await store.put(chunked(bytes, 64 * 1024))
      expect(blob).toEqual({ key: sha256Hex(bytes), sha256: sha256Hex(bytes), bytes: largeBytes })
      const hash = createSha256()
      let count = 0
      const body = await store.get(blob.key)
      if (!body) throw new Error('the large blob is missing')
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk)
        count += chunk.byteLength
      }
      expect({ sha256: hash.digestHex(), bytes: count }).toEqual({
        sha256: blob.sha256,
        bytes: largeBytes,
      })
      expect(await options.objects(store)).toBe(1)
    })

    it('reads ranges without the bytes before them, fewer at the end, none past it', async () => {
      const store = await options.create()
      const bytes = noise(200_000, 13)
      const { key } = await store.put(chunked(bytes, 65_536))
      const cases = [
        { offset: 0, length: 1 },
        { offset: 0, length: 200_000 },
        { offset: 65_530, length: 20 },
        { offset: 100_000, length: 70_000 },
        { offset: 199_999, length: 1 },
        { offset: 199_990, length: 100 },
        { offset: 200_000, length: 10 },
        { offset: 300_000, length: 10 },
        { offset: 5, length: 0 },
      ]
      for (const range of cases) {
        const expected = bytes.slice(range.offset, range.offset + range.length)
        expect(await bytesOf(await readBlob(store, key, range)), JSON.stringify(range)).toEqual(
          expected,
        )
        if (store.getRange) {
          expect(
            await bytesOf(await store.getRange(key, range)),
            `getRange ${JSON.stringify(range)}`,
          ).toEqual(expected)
        }
      }
    })

    it('lets a download stop early, and goes on working', async () => {
      const store = await options.create()
      const bytes = noise(1_000_000, 17)
      const { key } = await store.put(bytes)
      const body = await store.get(key)
      const reader = body!.getReader()
      const first = await reader.read()
      expect(first.done).toBe(false)
      await reader.cancel()
      expect(await bytesOf(await store.get(key))).toEqual(bytes)
    })

    it('reports itself writable when it is', async () => {
      const store = await options.create()
      if (!store.check) return
      expect(await store.check()).toEqual({ writable: true })
    })

    it('keeps blobs for another instance over the same place', async () => {
      const store = await options.create()
      if (!options.reopen) return
      const { key } = await store.put(encode('still here'))
      const other = await options.reopen(store)
      expect(new TextDecoder().decode(await bytesOf(await other.get(key)))).toBe('still here')
    })
  })
}
