import { AtelierError, type StorageFailure } from '@atelier/core'
import { storageUnavailable } from '@atelier/core/storage'

interface SdkError {
  name?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
  $fault?: 'client' | 'server'
}

const permission = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'CredentialsProviderError',
])
const network = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])

/** Why an S3 error means the store cannot be used now, or undefined for any other error. */
export function failureOf(error: unknown): StorageFailure | undefined {
  if (error instanceof AtelierError || typeof error !== 'object' || error === null) return undefined
  const e = error as SdkError
  const status = e.$metadata?.httpStatusCode
  if (e.name && permission.has(e.name)) return 'no_permission'
  if (status === 403) return 'no_permission'
  if (e.name === 'NoSuchBucket') return 'missing'
  if (e.name && /StorageFull|QuotaExceeded|InsufficientStorage/i.test(e.name)) return 'no_space'
  if (status === 507) return 'no_space'
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) return 'unreachable'
  if (e.name === 'TimeoutError' || (e.code && network.has(e.code))) return 'unreachable'
  return undefined
}

const words: Record<StorageFailure, string> = {
  no_space: 'the bucket has no space left',
  read_only: 'the bucket takes no writes',
  no_permission: 'the credentials may not use the bucket',
  missing: 'the bucket does not exist',
  unreachable: 'the S3 service does not answer or failed',
}

/**
 * An S3 error that makes the store unusable (unreachable, refused credentials, no bucket) as
 * `AtelierError('storage_unavailable')` with `details.reason`; other errors as they are. The
 * message names neither bucket nor endpoint: clients read it.
 *
 * @example
 * catch (error) { throw s3Failure(error, 'store the file') }
 */
export function s3Failure(error: unknown, doing: string): unknown {
  const reason = failureOf(error)
  if (!reason) return error
  const name = (error as SdkError).name
  return storageUnavailable(reason, doing, `${words[reason]}${name ? ` (${name})` : ''}`)
}

/** The reason and words of an S3 error, for a health report. */
export function describeS3Failure(error: unknown): { reason: StorageFailure; detail: string } {
  const reason = failureOf(error) ?? 'unreachable'
  const e = error as SdkError
  return {
    reason,
    detail: `${words[reason]} (${e.name ?? 'Error'}: ${String((error as Error).message ?? '')})`,
  }
}
