import { AtelierError, type StorageFailure } from '@atelier/core'
import { storageUnavailable } from '@atelier/core/storage'

/** What each file-system error says about the store, and the words for it. */
const failures: Record<string, { reason: StorageFailure; words: string }> = {
  ENOSPC: { reason: 'no_space', words: 'no space left on the device' },
  EDQUOT: { reason: 'no_space', words: 'the disk quota is used up' },
  EROFS: { reason: 'read_only', words: 'the file system is read-only' },
  EACCES: { reason: 'no_permission', words: 'no permission to write there' },
  EPERM: { reason: 'no_permission', words: 'the operation is not permitted there' },
  ENOENT: { reason: 'missing', words: 'its folder is missing and could not be made again' },
  ENOTDIR: { reason: 'missing', words: 'a part of its path is not a folder' },
}

/**
 * A file-system error of the blob folder as `AtelierError('storage_unavailable')` (HTTP 503, or
 * 507 for no space), with `details.reason`; any other error (an `AtelierError`, the upload's
 * own stream failing) is returned as it is. The message names no path: clients read it.
 *
 * @example
 * catch (error) { throw storageFailure(error, 'store the file') }
 */
export function storageFailure(error: unknown, doing: string): unknown {
  const code = (error as { code?: unknown } | undefined)?.code
  const failure = typeof code === 'string' ? failures[code] : undefined
  if (!failure || error instanceof AtelierError) return error
  return storageUnavailable(failure.reason, doing, `${failure.words} (${code})`)
}

/** The reason and words of a file-system error, for a health report; undefined for other errors. */
export function describeFailure(
  error: unknown,
): { reason: StorageFailure; detail: string } | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  const failure = typeof code === 'string' ? failures[code] : undefined
  return failure && { reason: failure.reason, detail: `${failure.words} (${code})` }
}
