import { existsSync } from 'node:fs'
import type { Writable } from 'node:stream'
import { blobStoreAt } from '../archive/blob-copy.js'
import { InvalidRecords } from '../archive/studio-check.js'
import { summary } from '../archive/summary.js'
import { writeArchive } from '../archive/write-archive.js'
import { CliError } from '../cli-error.js'
import { isPostgres, type ServerConfig } from '../config.js'
import { openStorage } from '../open-storage.js'

type Out = (text: string) => void

/**
 * `atelier export --studio <id> > studio.atelier`: one studio's records and files as a tar
 * stream on `archive` (see `archive/archive-format.ts`); what was written is said on `say`
 * (stderr), since stdout is the archive.
 */
export async function exportCommand(
  config: ServerConfig,
  studioId: string | undefined,
  archive: Writable & { isTTY?: boolean },
  say: Out,
): Promise<void> {
  if (!studioId) throw new CliError('export needs --studio <studio id>')
  if (archive.isTTY) {
    throw new CliError(
      `export writes a binary archive; send it to a file: atelier export --studio ${studioId} > studio.atelier`,
    )
  }
  if (!isPostgres(config.db) && !existsSync(config.db)) {
    throw new CliError(
      `there is no database at ${config.db}; point --db at the one to export from`,
      1,
    )
  }
  const { storage, where } = await openStorage(config.db)
  try {
    const { blobs } = await blobStoreAt(config.blobs, { write: false })
    const header = await writeArchive(storage, blobs, studioId, archive)
    say(`exported ${summary(header)} from ${where}`)
    say(
      'the archive holds the studio’s receipt-signing key and credential hashes: keep it as safe as the database',
    )
  } catch (error) {
    if (error instanceof InvalidRecords) {
      throw new CliError(`refused to export: ${error.message}; nothing was written`, 1)
    }
    throw error
  } finally {
    await storage.close()
  }
}
