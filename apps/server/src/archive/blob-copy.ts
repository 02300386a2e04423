import { createReadStream, existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import type { BlobStore } from '@atelier/core/storage'
import { CliError } from '../cli-error.js'
import { resolveConfig } from '../config.js'
import { isS3Blobs, openBlobs } from '../open-blobs.js'
import { type Damage, describeDamage, drainChecked } from './checked-bytes.js'

/**
 * Opens the blob store a `--blobs`-style value names (a folder, relative to where the command
 * runs, or `s3://…`), through the server's one opener (`openBlobs`). `write`: check that the
 * store can take files (an export only reads). A store only read from must exist: a missing
 * local folder is refused (not made), so a mistyped `--blobs` says so.
 *
 * @example
 * const { blobs, where } = await blobStoreAt('./data/blobs', { write: false })
 */
export async function blobStoreAt(
  spec: string,
  options: { write: boolean },
): Promise<{ blobs: BlobStore; where: string }> {
  const resolved = resolveConfig({ blobs: spec }).blobs
  if (!options.write && !isS3Blobs(resolved) && !existsSync(resolved)) {
    throw new CliError(
      `there is no blob folder at ${resolved}; point --blobs at the folder that holds the files`,
      1,
    )
  }
  const { blobs, where } = await openBlobs(resolved, {
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
  await drainChecked(body, sha256, bytes, damagedInStore(sha256))
  return key
}

/**
 * The error for a file of the blob store that is not the bytes its version names.
 *
 * @example
 * checkedBytes(body, sha256, size, damagedInStore(sha256))
 */
export const damagedInStore = (sha256: string) => (damage: Damage) =>
  new CliError(
    `the file with sha256 ${sha256} in the blob store ${describeDamage(damage)}: it is damaged`,
    1,
  )

/**
 * A spooled file as a web stream, for `BlobStore.put`.
 *
 * @example
 * await target.put(fileStream('/tmp/atelier-import-x/abc…'))
 */
export const fileStream = (path: string) =>
  Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>
