import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { BlobStore } from '@atelier/core/storage'
import { CliError } from '../cli-error.js'
import { resolveConfig } from '../config.js'
import { openBlobs } from '../open-blobs.js'

/**
 * Opens the blob store a `--blobs`-style value names (a folder, relative to where the command
 * runs, or `s3://…`), through the server's one opener (`openBlobs`). `write`: check that the
 * store can take files (an export only reads).
 *
 * @example
 * const { blobs, where } = await blobStoreAt('./data/blobs', { write: false })
 */
export async function blobStoreAt(
  spec: string,
  options: { write: boolean },
): Promise<{ blobs: BlobStore; where: string }> {
  const { blobs, where } = await openBlobs(resolveConfig({ blobs: spec }).blobs, {
    check: options.write,
  })
  return { blobs, where }
}

/**
 * Stores `body` in `target` and checks the store took exactly the expected bytes (it hashes
 * them as they stream in). Returns the target's key for them.
 *
 * @example
 * const key = await storeFile(target, await source.get(key), sha256, bytes)
 */
export async function storeFile(
  target: BlobStore,
  body: ReadableStream<Uint8Array> | undefined,
  sha256: string,
  bytes: number,
): Promise<string> {
  if (!body) throw new CliError(`the file with sha256 ${sha256} is missing from the blob store`, 1)
  const stored = await target.put(body)
  if (stored.sha256 !== sha256 || stored.bytes !== bytes) {
    throw new CliError(
      `the file with sha256 ${sha256} (${bytes} bytes) reads as ${stored.bytes} bytes hashing to ${stored.sha256}: it is damaged`,
      1,
    )
  }
  return stored.key
}

/**
 * Reads a file through and checks it is the bytes its versions name, for files that stay
 * where they are. Returns `key`.
 *
 * @example
 * await checkFile(await blobs.get(key), key, sha256, bytes)
 */
export async function checkFile(
  body: ReadableStream<Uint8Array> | undefined,
  key: string,
  sha256: string,
  bytes: number,
): Promise<string> {
  if (!body) throw new CliError(`the file with sha256 ${sha256} is missing from the blob store`, 1)
  const hash = createHash('sha256')
  let read = 0
  for await (const chunk of body) {
    read += chunk.byteLength
    hash.update(chunk)
  }
  const actual = hash.digest('hex')
  if (actual !== sha256 || read !== bytes) {
    throw new CliError(
      `the file with sha256 ${sha256} (${bytes} bytes) reads as ${read} bytes hashing to ${actual}: it is damaged`,
      1,
    )
  }
  return key
}

/**
 * A spooled file as a web stream, for `BlobStore.put`.
 *
 * @example
 * await target.put(fileStream('/tmp/atelier-import-x/abc…'))
 */
export const fileStream = (path: string) =>
  Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>
