import { createHash } from 'node:crypto'

/** Why bytes are not the file they should be: too many, too few, or another hash. */
export type Damage =
  | { problem: 'longer'; size: number }
  | { problem: 'shorter'; size: number; bytes: number }
  | { problem: 'hash'; actual: string }

/**
 * The bytes of `body`, passed through as they come, failing with `damaged(…)` as soon as they
 * run past `size`, or at the end when they are fewer or do not hash to `sha256`. The one place
 * export, import and move check a file's bytes against the sha256 and size its versions name.
 *
 * @example
 * for await (const chunk of checkedBytes(body, sha256, size, (d) => new Error(d.problem))) out.write(chunk)
 */
export async function* checkedBytes(
  body: AsyncIterable<Uint8Array>,
  sha256: string,
  size: number,
  damaged: (damage: Damage) => Error,
): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of body) {
    bytes += chunk.byteLength
    if (bytes > size) throw damaged({ problem: 'longer', size })
    hash.update(chunk)
    yield chunk
  }
  if (bytes < size) throw damaged({ problem: 'shorter', size, bytes })
  const actual = hash.digest('hex')
  if (actual !== sha256) throw damaged({ problem: 'hash', actual })
}

/**
 * Reads `body` through `checkedBytes` and keeps nothing: for files that stay where they are.
 *
 * @example
 * await drainChecked(await blobs.get(key), sha256, size, damaged)
 */
export async function drainChecked(
  body: AsyncIterable<Uint8Array>,
  sha256: string,
  size: number,
  damaged: (damage: Damage) => Error,
): Promise<void> {
  for await (const _ of checkedBytes(body, sha256, size, damaged));
}

/**
 * A one-clause account of `damage`, for a message about a stored file.
 *
 * @example
 * `the file … in the blob store ${describeDamage(d)}: it is damaged`
 */
export function describeDamage(damage: Damage): string {
  switch (damage.problem) {
    case 'longer':
      return `is longer than the ${damage.size} bytes its version records`
    case 'shorter':
      return `is ${damage.bytes} bytes, not the ${damage.size} its version records`
    case 'hash':
      return `hashes to ${damage.actual}`
  }
}
