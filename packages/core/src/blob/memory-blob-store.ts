import { type BlobBody, type BlobStore, measure } from './blob-store.js'

const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes)
      controller.close()
    },
  })

/**
 * A blob store in memory, for tests and scripts. Bytes are kept per sha256.
 *
 * @example
 * const atelier = createAtelier({ storage: memoryStorage(), blobs: memoryBlobStore() })
 */
export function memoryBlobStore(): BlobStore & { readonly size: number } {
  const blobs = new Map<string, Uint8Array>()
  return {
    get size() {
      return blobs.size
    },
    async put(body: BlobBody, options) {
      const m = measure(body, options)
      const parts: Uint8Array[] = []
      for await (const chunk of m.chunks) parts.push(chunk.slice())
      const { sha256, bytes } = m.result()
      const all = new Uint8Array(bytes)
      let offset = 0
      for (const part of parts) {
        all.set(part, offset)
        offset += part.byteLength
      }
      blobs.set(sha256, all)
      return { key: sha256, sha256, bytes }
    },
    async get(key) {
      const bytes = blobs.get(key)
      return bytes && streamOf(bytes.slice())
    },
    async getRange(key, range) {
      const bytes = blobs.get(key)
      return bytes && streamOf(bytes.slice(range.offset, range.offset + range.length))
    },
    async check() {
      return { writable: true }
    },
  }
}
