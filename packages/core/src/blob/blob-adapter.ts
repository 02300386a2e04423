import { AtelierError, type StorageFailure } from '../errors/atelier-error.js'

const BLOB_KEY = /^[0-9a-f]{64}$/

/**
 * Whether `key` has the form of a blob key (a lowercase hex sha256), so a store can answer
 * `undefined` for anything else without asking its backend, and never build a path from it.
 *
 * @example
 * if (!isBlobKey(key)) return undefined
 */
export function isBlobKey(key: string): boolean {
  return BLOB_KEY.test(key)
}

/**
 * A stream of no bytes: what a store answers for an empty blob or a range past its end.
 *
 * @example
 * if (range.length === 0) return emptyStream()
 */
export function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
}

/**
 * The `AtelierError('storage_unavailable')` a blob store throws when it cannot do its work, with
 * `details.reason`. `doing` is what failed ("store the file"), `words` why, in terms a client
 * may read: never a path, bucket or endpoint.
 *
 * @example
 * throw storageUnavailable('no_space', 'store the file', 'no space left on the device (ENOSPC)')
 */
export function storageUnavailable(
  reason: StorageFailure,
  doing: string,
  words: string,
): AtelierError {
  return new AtelierError(
    'storage_unavailable',
    `the file store cannot ${doing}: ${words}; try again once the server's operator has fixed it`,
    { reason },
  )
}
