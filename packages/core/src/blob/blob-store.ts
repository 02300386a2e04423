import { AtelierError, type StorageFailure } from '../errors/atelier-error.js'
import { createSha256 } from '../internal/hash.js'

/** Bytes going into a blob store. */
export type BlobBody = ReadableStream<Uint8Array> | Uint8Array

/** A stored blob: content-addressed by its sha256. */
export interface StoredBlob {
  key: string
  sha256: string
  bytes: number
}

/** A span of a blob: `length` bytes from `offset` (both whole numbers, from 0). */
export interface ByteRange {
  offset: number
  length: number
}

/** What {@link BlobStore.check} answers: whether the store can take new bytes now. */
export interface BlobStoreCheck {
  writable: boolean
  /** Why not; absent when writable. */
  reason?: StorageFailure
  /** The same in words, for an operator's log (may name paths: not for clients). */
  detail?: string
}

/**
 * Where file bytes live. Content-addressed: the key is the sha256 the store computed while the
 * bytes streamed in. `put` resolves only once the bytes are durable, and a blob is never
 * visible under its key before it is whole. The same bytes twice are stored once, under one key.
 * `get` answers `undefined` for a key it does not hold (or that is not a key at all).
 * A store that cannot read or write (no space, read-only, unreachable) throws
 * `AtelierError('storage_unavailable')`; `put` with `maxBytes` throws `too_large` and keeps
 * nothing. The contract suite `runBlobStoreContract` (`@atelier/core/testing`) checks all of it.
 *
 * @example
 * const blob = await blobs.put(request.body, { maxBytes: 50 << 20 })
 * const body = await blobs.get(blob.key)
 */
export interface BlobStore {
  put(body: BlobBody, options?: { maxBytes?: number }): Promise<StoredBlob>
  get(key: string): Promise<ReadableStream<Uint8Array> | undefined>
  /**
   * Reads `range.length` bytes from `range.offset` (fewer where the blob ends first; none when
   * the offset is at or past its end) without reading what comes before. Optional: a store
   * without it is read through `get` by {@link readBlob}.
   */
  getRange?(key: string, range: ByteRange): Promise<ReadableStream<Uint8Array> | undefined>
  /**
   * Whether the store can take new bytes now, answered cheaply enough for a health check (a
   * store may cache the answer for a few seconds). Optional: a store without it is taken to be
   * writable.
   */
  check?(): Promise<BlobStoreCheck>
}

/**
 * Reads a blob, or one range of it: through the store's `getRange` when it has one, otherwise
 * through `get`, skipping the bytes before the range and stopping after it.
 *
 * @example
 * const first100 = await readBlob(blobs, file.blobKey, { offset: 0, length: 100 })
 */
export async function readBlob(
  store: BlobStore,
  key: string,
  range?: ByteRange,
): Promise<ReadableStream<Uint8Array> | undefined> {
  if (!range) return store.get(key)
  if (store.getRange) return store.getRange(key, range)
  const body = await store.get(key)
  return body && sliceStream(body, range)
}

/** The bytes of `body` within `range`; the source is cancelled once the range has passed. */
export function sliceStream(
  body: ReadableStream<Uint8Array>,
  range: ByteRange,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let position = 0
  const end = range.offset + range.length
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (true) {
        if (position >= end) {
          await reader.cancel()
          controller.close()
          return
        }
        const { done, value } = await reader.read()
        if (done) {
          controller.close()
          return
        }
        const from = position
        position += value.byteLength
        if (position <= range.offset) continue
        controller.enqueue(
          value.subarray(Math.max(0, range.offset - from), Math.min(value.byteLength, end - from)),
        )
        return
      }
    },
    cancel: (reason) => reader.cancel(reason),
  })
}

/**
 * Streams `body` through SHA-256 and a byte counter. Iterate `chunks` to consume the bytes
 * (to memory, a file, a socket); then `result()` gives sha256 and size. Iteration throws
 * `too_large` as soon as the count passes `maxBytes`, before the excess is consumed.
 *
 * @example
 * const m = measure(request.body, { maxBytes: 50 << 20 })
 * for await (const chunk of m.chunks) await file.write(chunk)
 * const { sha256, bytes } = m.result()
 */
export function measure(
  body: BlobBody,
  options: { maxBytes?: number } = {},
): { chunks: AsyncIterable<Uint8Array>; result(): { sha256: string; bytes: number } } {
  const hash = createSha256()
  const max = options.maxBytes ?? Number.POSITIVE_INFINITY
  let bytes = 0
  let done: { sha256: string; bytes: number } | undefined
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const source: AsyncIterable<Uint8Array> =
      body instanceof Uint8Array
        ? ([body] as unknown as AsyncIterable<Uint8Array>)
        : (body as unknown as AsyncIterable<Uint8Array>)
    for await (const chunk of source) {
      bytes += chunk.byteLength
      if (bytes > max) {
        throw new AtelierError('too_large', `the file exceeds the limit of ${max} bytes`, {
          limit: max,
        })
      }
      hash.update(chunk)
      yield chunk
    }
    done = { sha256: hash.digestHex(), bytes }
  }
  return {
    chunks: chunks(),
    result: () => {
      if (!done) throw new Error('measure(): read every chunk before asking for the result')
      return done
    },
  }
}
