import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Bump when generated data changes shape: cached databases of another version are rebuilt.
 * It is part of the cache folder's name.
 */
export const DATA_VERSION = 2

/** bench/.cache/data-v<version>, created on demand. */
export const cacheDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.cache',
  `data-v${DATA_VERSION}`,
)

/**
 * A JSON manifest in the cache, or undefined when missing, unreadable, or written by a
 * generator that did not finish (`complete` unset).
 *
 * @example
 * const manifest = readManifest<{ samples: Sample[] }>('tracker.json')
 */
export function readManifest<T>(name: string): (T & { createdAt: number }) | undefined {
  const file = join(cacheDir, name)
  if (!existsSync(file)) return undefined
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'))
    return data.complete ? data : undefined
  } catch {
    return undefined
  }
}

/**
 * Writes a manifest last, after the files it describes: its presence means they are whole.
 *
 * @example
 * writeManifest('tracker.json', { samples })
 */
export function writeManifest(name: string, data: object): void {
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(
    join(cacheDir, name),
    JSON.stringify({ ...data, createdAt: Date.now(), complete: true }),
  )
}

/**
 * Removes a SQLite file with its `-wal` and `-shm` companions.
 *
 * @example
 * removeDatabase(join(cacheDir, 'tracker-1k.db'))
 */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
}
