import type {
  BlobBody,
  BlobStore,
  BlobStoreCheck,
  ByteRange,
  StoredBlob,
} from '@atelier/core/storage'
import { emptyStream, isBlobKey, measure } from '@atelier/core/storage'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { describeS3Failure, s3Failure } from './s3-failure.js'
import { copySource, keyUnder, type S3Location } from './s3-keys.js'

const MiB = 1024 * 1024
const GiB = 1024 * MiB

export interface S3BlobStoreOptions extends Partial<S3Location> {
  /** The bucket the blobs go in. */
  bucket: string
  /** Keys start with it (`atelier/blobs` gives `atelier/blobs/ab/abcd…`). @default '' */
  prefix?: string
  /**
   * An `S3Client` of yours, or the configuration to make one (endpoint, region, credentials,
   * `forcePathStyle`). Without credentials the SDK's default chain finds them (environment,
   * shared config files, SSO, instance roles). A client made here asks for checksums only where
   * S3 requires them (`WHEN_REQUIRED`), which every S3-compatible service understands.
   * @default {}
   */
  client?: S3Client | S3ClientConfig
  /** Bytes per part of a multipart upload (S3's minimum is 5 MiB). @default 8 MiB */
  partBytes?: number
  /** Parts uploaded at once. @default 4 */
  queueSize?: number
  /**
   * The largest object copied in one `CopyObject` (S3's limit is 5 GiB); bigger ones are copied
   * in parts of this size (`UploadPartCopy`).
   * @default 5 GiB
   */
  copyPartBytes?: number
  /** How long `check()` reuses its last answer. @default 5000 */
  checkCacheMs?: number
  /**
   * How long a client made here waits for a connection to the service before the request fails
   * (`storage_unavailable`, `unreachable`). Ignored when you pass your own `S3Client` or
   * `requestHandler`.
   * @default 3000
   */
  connectionTimeoutMs?: number
  /**
   * How long a request of a client made here may go without a byte either way (sending an upload
   * part, waiting for an answer, streaming a download) before it fails. It bounds a stalled
   * service without cutting a long download or upload that is still moving. Ignored when you
   * pass your own `S3Client` or `requestHandler`.
   * @default 60000
   */
  idleTimeoutMs?: number
}

/** The S3 blob store: a `BlobStore` with its client and where its keys live. */
export interface S3BlobStore extends BlobStore {
  readonly client: S3Client
  readonly bucket: string
  readonly prefix: string
  /** The key a blob with this sha256 is stored under. */
  keyOf(sha256: string): string
}

interface SdkError {
  name?: string
  $metadata?: { httpStatusCode?: number }
}

/**
 * Whether a GET says the key is missing. Only `NoSuchKey`: a 404 naming anything else (a
 * missing bucket, `NoSuchBucket`) is the store failing, not the file.
 */
const isMissingKey = (error: unknown) => (error as SdkError)?.name === 'NoSuchKey'

/** Whether a HEAD says there is nothing there: HEAD answers carry no error code, only the 404. */
const isHeadNotFound = (error: unknown) => {
  const e = error as SdkError
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404
}

const isInvalidRange = (error: unknown) => {
  const e = error as SdkError
  return e?.name === 'InvalidRange' || e?.$metadata?.httpStatusCode === 416
}

/** An async iterator as a web stream, pulled one chunk at a time. */
function streamOf(iterator: AsyncIterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    async cancel(reason) {
      await iterator.return?.(reason)
    },
  })
}

function makeClient(options: S3BlobStoreOptions): S3Client {
  const client = options.client
  if (client instanceof S3Client) return client
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // The SDK waits forever by default: a service that stops answering would hold every
    // download and upload, and `/health`, until the process ends.
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 3_000,
      socketTimeout: options.idleTimeoutMs ?? 60_000,
    },
    ...client,
  })
}

/**
 * A blob store on any S3-compatible service (AWS S3, Cloudflare R2, MinIO, Aliyun OSS…), through
 * the AWS SDK v3. `put` streams the body to a temporary key (multipart above one part) while
 * its sha256 is computed, then copies it server-side to `<prefix>/ab/<sha256>` (skipped when
 * that key already holds the bytes) and deletes the temporary one: no object is ever partly
 * visible under its final key. `get` streams; `getRange` asks S3 for the range only. Failures of
 * the service (unreachable, credentials refused, no bucket) are
 * `AtelierError('storage_unavailable')`.
 *
 * @example
 * const blobs = s3BlobStore({
 *   bucket: 'studio-files',
 *   prefix: 'atelier',
 *   client: { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, region: 'us-east-1' },
 * })
 * const atelier = createAtelier({ storage, blobs })
 */
export function s3BlobStore(options: S3BlobStoreOptions): S3BlobStore {
  const client = makeClient(options)
  const Bucket = options.bucket
  const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '')
  const partBytes = Math.max(options.partBytes ?? 8 * MiB, 5 * MiB)
  const copyPartBytes = options.copyPartBytes ?? 5 * GiB
  const checkCacheMs = options.checkCacheMs ?? 5_000
  const keyOf = (sha256: string) => keyUnder(prefix, sha256.slice(0, 2), sha256)
  let lastCheck: { at: number; answer: Promise<BlobStoreCheck> } | undefined

  /** The size of the object at `Key`, or undefined when there is none. */
  async function sizeOf(Key: string): Promise<number | undefined> {
    try {
      return (await client.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength
    } catch (error) {
      if (isHeadNotFound(error)) return undefined
      throw error
    }
  }

  /** A server-side copy: one request up to `copyPartBytes`, parts of that size beyond. */
  async function copy(from: string, to: string, bytes: number): Promise<void> {
    const CopySource = copySource(Bucket, from)
    if (bytes <= copyPartBytes) {
      await client.send(new CopyObjectCommand({ Bucket, Key: to, CopySource }))
      return
    }
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: to }))
    try {
      const Parts: { ETag: string; PartNumber: number }[] = []
      for (let start = 0, PartNumber = 1; start < bytes; start += copyPartBytes, PartNumber++) {
        const end = Math.min(start + copyPartBytes, bytes) - 1
        const part = await client.send(
          new UploadPartCopyCommand({
            Bucket,
            Key: to,
            UploadId,
            PartNumber,
            CopySource,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        )
        Parts.push({ ETag: part.CopyPartResult?.ETag ?? '', PartNumber })
      }
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: to,
          UploadId,
          MultipartUpload: { Parts },
        }),
      )
    } catch (error) {
      await client
        .send(new AbortMultipartUploadCommand({ Bucket, Key: to, UploadId }))
        .catch(() => {})
      throw error
    }
  }

  async function read(key: string, range?: ByteRange) {
    if (!isBlobKey(key)) return undefined
    if (range?.length === 0) {
      try {
        return (await sizeOf(keyOf(key))) === undefined ? undefined : emptyStream()
      } catch (error) {
        throw s3Failure(error, 'read the file')
      }
    }
    try {
      const response = await client.send(
        new GetObjectCommand({
          Bucket,
          Key: keyOf(key),
          ...(range && { Range: `bytes=${range.offset}-${range.offset + range.length - 1}` }),
        }),
      )
      return response.Body?.transformToWebStream() ?? emptyStream()
    } catch (error) {
      if (isMissingKey(error)) return undefined
      if (range && isInvalidRange(error)) return emptyStream()
      throw s3Failure(error, 'read the file')
    }
  }

  return {
    client,
    bucket: Bucket,
    prefix,
    keyOf,

    async put(body: BlobBody, putOptions): Promise<StoredBlob> {
      const m = measure(body, putOptions)
      // The body's own failure (too large, the client going away) is the one to report, not
      // the SDK's account of its stream ending early.
      let bodyError: unknown
      async function* chunks() {
        try {
          yield* m.chunks
        } catch (error) {
          bodyError = error
          throw error
        }
      }
      const temp = keyUnder(prefix, 'tmp', `${Date.now()}-${crypto.randomUUID()}`)
      const upload = new Upload({
        client,
        params: { Bucket, Key: temp, Body: streamOf(chunks()) },
        partSize: partBytes,
        queueSize: options.queueSize ?? 4,
        leavePartsOnError: false,
      })
      try {
        await upload.done()
      } catch (error) {
        await client.send(new DeleteObjectCommand({ Bucket, Key: temp })).catch(() => {})
        throw bodyError ?? s3Failure(error, 'store the file')
      }
      const { sha256, bytes } = m.result()
      try {
        const target = keyOf(sha256)
        if ((await sizeOf(target)) !== bytes) await copy(temp, target, bytes)
      } catch (error) {
        throw s3Failure(error, 'store the file')
      } finally {
        // A temporary object left by a failed delete is garbage, not damage: a lifecycle rule
        // on `<prefix>/tmp/` removes it (see the README).
        await client.send(new DeleteObjectCommand({ Bucket, Key: temp })).catch(() => {})
      }
      return { key: sha256, sha256, bytes }
    },

    get: (key) => read(key),
    getRange: (key, range) => read(key, range),

    check() {
      const now = Date.now()
      if (lastCheck && now - lastCheck.at < checkCacheMs) return lastCheck.answer
      const answer = client.send(new HeadBucketCommand({ Bucket })).then(
        (): BlobStoreCheck => ({ writable: true }),
        (error: unknown): BlobStoreCheck =>
          // HEAD answers carry no error code: a 404 here is the bucket.
          isHeadNotFound(error)
            ? { writable: false, reason: 'missing', detail: 'the bucket does not exist' }
            : { writable: false, ...describeS3Failure(error) },
      )
      lastCheck = { at: now, answer }
      return answer
    },
  }
}
