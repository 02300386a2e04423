import type { BlobStore } from '@atelier/core/storage'
import { CliError } from './cli-error.js'
import { localBlobStore } from './local-blob-store.js'

type Env = Record<string, string | undefined>

/** What `--blobs` names: a local folder (already resolved to an absolute path) or an S3 URL. */
export const isS3Blobs = (spec: string): boolean => /^s3:\/\//i.test(spec)

/** An opened blob store and where it is, for messages. */
export type OpenedBlobs =
  | { kind: 'local'; blobs: BlobStore; where: string; root: string }
  | { kind: 's3'; blobs: BlobStore; where: string }

/**
 * The S3 client settings the standard AWS environment gives: `AWS_ENDPOINT_URL_S3` or
 * `AWS_ENDPOINT_URL` (an S3-compatible service), `AWS_REGION` or `AWS_DEFAULT_REGION`
 * (`us-east-1` when only an endpoint is given), `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
 * `AWS_SESSION_TOKEN` (else the SDK's default chain: shared files, SSO, instance roles), and
 * Atelier's own `ATELIER_S3_PATH_STYLE=true` for services that address buckets by path.
 *
 * @example
 * s3ClientConfigFrom({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9000', ATELIER_S3_PATH_STYLE: 'true' })
 */
export function s3ClientConfigFrom(env: Env) {
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || (endpoint ? 'us-east-1' : undefined)
  const pathStyle = env.ATELIER_S3_PATH_STYLE ?? ''
  if (!['', 'true', 'false', '1', '0'].includes(pathStyle)) {
    throw new CliError(`ATELIER_S3_PATH_STYLE must be true or false, not "${pathStyle}"`)
  }
  return {
    ...(endpoint && { endpoint }),
    ...(region && { region }),
    forcePathStyle: pathStyle === 'true' || pathStyle === '1',
    ...(env.AWS_ACCESS_KEY_ID &&
      env.AWS_SECRET_ACCESS_KEY && {
        credentials: {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
        },
      }),
  }
}

/**
 * Opens the blob store a `--blobs` value names — a local folder (made if missing) or
 * `s3://bucket/prefix` (configured from the AWS environment, see {@link s3ClientConfigFrom};
 * the AWS SDK is loaded only then) — and, unless told not to, checks that it can take files.
 * Failure is one clear `CliError`, never a stack trace. The one place every command opens its
 * blob store.
 *
 * @example
 * const { blobs, where } = await openBlobs(config.blobs)
 * const atelier = createAtelier({ storage, blobs })
 */
export async function openBlobs(
  spec: string,
  options: { env?: Env; check?: boolean } = {},
): Promise<OpenedBlobs> {
  const env = options.env ?? process.env
  let opened: OpenedBlobs
  if (isS3Blobs(spec)) {
    const { parseS3Url, s3BlobStore } = await import('@atelier/s3')
    let location: ReturnType<typeof parseS3Url>
    try {
      location = parseS3Url(spec)
    } catch (error) {
      throw new CliError(`--blobs: ${(error as Error).message}`)
    }
    const client = s3ClientConfigFrom(env)
    if (!client.region) {
      throw new CliError(
        `--blobs ${spec} needs a region: set AWS_REGION (or AWS_ENDPOINT_URL for an S3-compatible service)`,
      )
    }
    const at = client.endpoint ? ` at ${client.endpoint}` : ` in ${client.region}`
    opened = {
      kind: 's3',
      blobs: s3BlobStore({ ...location, client }),
      where: `${spec}${at}${client.forcePathStyle ? ' (path-style)' : ''}`,
    }
  } else {
    opened = { kind: 'local', blobs: localBlobStore(spec), where: spec, root: spec }
  }
  if (options.check ?? true) {
    const check = await opened.blobs.check?.()
    if (check && !check.writable) {
      throw new CliError(
        `cannot store files at ${opened.where}: ${check.detail ?? check.reason}`,
        1,
      )
    }
  }
  return opened
}
