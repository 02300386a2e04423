import { AtelierError } from '../errors/atelier-error.js'
import { createSha256 } from '../internal/hash.js'

/** Bytes going into a blob store. */
export type BlobBody = ReadableStream<Uint8Array> | Uint8Array

/** A stored blob: content-addressed by its sha256. */
export interface StoredBlob {
  key: string
  sha256: string
  bytes: number
}

/**
 * Where file bytes live. Content-addressed: the key is the sha256 the store computed while the
 * bytes streamed in. `put` resolves only once the bytes are durable.
 */
export interface BlobStore {
  put(body: BlobBody, options?: { maxBytes?: number }): Promise<StoredBlob>
  get(key: string): Promise<ReadableStream<Uint8Array> | undefined>
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
