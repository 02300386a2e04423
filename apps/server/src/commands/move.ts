import { existsSync } from 'node:fs'
import { type FileVersion, isAtelierError } from '@atelier/core'
import type { BlobStore, RecordKind, Storage } from '@atelier/core/storage'
import {
  countAccounts,
  readAccounts,
  type SqlStorage,
  sqlStorage,
  writeAccounts,
} from '@atelier/sql'
import { blobStoreAt, checkFile, storeFile } from '../archive/blob-copy.js'
import { readStudio } from '../archive/read-studio.js'
import { RecordWriter } from '../archive/record-writer.js'
import { InvalidRecords, StudioCheck } from '../archive/studio-check.js'
import { summary } from '../archive/summary.js'
import { CliError } from '../cli-error.js'
import { isPostgres, resolveConfig, type ServerConfig } from '../config.js'
import { SECRET_ENV, secretFile } from '../open-auth.js'
import { openStorage } from '../open-storage.js'
import { withinTransaction } from './within-transaction.js'

type Out = (text: string) => void

/** One studio as the checking pass found it. */
interface Found {
  studio: { id: string; name: string }
  counts: Record<RecordKind, number>
  /** sha256 -> the source's key for the bytes, and their size. */
  files: Map<string, { key: string; bytes: number }>
}

/**
 * Reads every record of a studio from `source` through a {@link StudioCheck}, handing each to
 * `each` once it passed. What an import would refuse, this refuses.
 */
async function passStudio(
  source: Storage,
  studioId: string,
  now: Date,
  each: (line: Parameters<StudioCheck['add']>[0]) => Promise<void> = async () => {},
): Promise<Found> {
  const check = new StudioCheck(studioId)
  const files: Found['files'] = new Map()
  let n = 0
  await readStudio(source, studioId, now, async (line) => {
    await check.add(line, `record ${++n} of studio ${studioId}`)
    if (line.kind === 'versions') {
      const { sha256, blobKey, bytes } = line.row as FileVersion
      files.set(sha256, { key: blobKey, bytes })
    }
    await each(line)
  })
  const { counts } = check.finish()
  return { studio: { id: studioId, name: check.studio.name }, counts, files }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * `atelier move --to <postgres://… | SQLite file> [--blobs-to <blobs>]`: moves a whole installation (every
 * studio, with its files, and every member account) into an empty database and, given
 * `--blobs-to`, another blob store. It checks every studio first (audit chains, receipts,
 * parents), then reads every file and checks its hash (copying it when `--blobs-to` is given),
 * then writes every record and account in one transaction of the target: a refusal or a
 * failure leaves the target database empty, so the command can simply run again.
 */
export async function moveCommand(
  config: ServerConfig,
  to: string | undefined,
  blobsTo: string | undefined,
  out: Out,
): Promise<void> {
  if (!to) throw new CliError('move needs --to <postgres://… URL or SQLite file>')
  const target = resolveConfig({ db: to }).db
  if (target === config.db) {
    throw new CliError('move needs a --to other than the database it moves from (--db)')
  }
  if (!isPostgres(config.db) && !existsSync(config.db)) {
    throw new CliError(`there is no database at ${config.db}; point --db at the one to move`, 1)
  }
  const source = await openStorage(config.db)
  try {
    const destination = await openStorage(target)
    try {
      const blobs = {
        from: (await blobStoreAt(config.blobs, { write: false })).blobs,
        to: blobsTo === undefined ? undefined : (await blobStoreAt(blobsTo, { write: true })).blobs,
      }
      const moved = await move(source.storage, destination.storage, destination.where, blobs, out)
      const [from, into] = [
        secretFile(source.kind, config.db),
        secretFile(destination.kind, target),
      ]
      if (moved.twoFactor > 0 && !process.env[SECRET_ENV] && from !== into) {
        out(
          `two-factor secrets are encrypted with this installation's sign-in secret: serve ${destination.where} with it (copy ${from} to ${into}, or set ${SECRET_ENV})`,
        )
      }
    } finally {
      await destination.storage.close()
    }
  } catch (error) {
    if (error instanceof InvalidRecords) {
      throw new CliError(`refused to move: ${error.message}; nothing was written`, 1)
    }
    if (isAtelierError(error)) throw new CliError(`${error.message}; nothing was written`, 1)
    throw error
  } finally {
    await source.storage.close()
  }
}

function refuseUnlessEmpty(present: readonly unknown[], where: string): void {
  if (present.length > 0) {
    throw new CliError(
      `${where} is not empty (it has ${plural(present.length, 'studio')}); move writes only into an empty database`,
      1,
    )
  }
}

/**
 * Moves every studio of `source` (and its files) and every member account into the empty
 * `target`: what {@link moveCommand} does once both are open. Refused, writing nothing, when the
 * target is not empty or becomes non-empty before the write transaction starts. Resolves to
 * what moved.
 *
 * @example
 * await move(source, target, 'postgres://…', { from: blobs, to: undefined }, console.log)
 */
export async function move(
  source: SqlStorage,
  target: SqlStorage,
  where: string,
  blobs: { from: BlobStore; to: BlobStore | undefined },
  out: Out,
): Promise<{ studios: number; accounts: number; twoFactor: number }> {
  refuseUnlessEmpty(await target.transaction((tx) => tx.studios.list(), { readOnly: true }), where)
  const now = new Date()
  const studios = await source.transaction((tx) => tx.studios.list(), { readOnly: true })
  const found: Found[] = []
  for (const { id } of studios) found.push(await passStudio(source, id, now))

  const keys = new Map<string, string>()
  for (const { files } of found) {
    for (const [sha256, { key, bytes }] of files) {
      if (keys.has(sha256)) continue
      const body = await blobs.from.get(key)
      keys.set(
        sha256,
        blobs.to
          ? await storeFile(blobs.to, body, sha256, bytes)
          : await checkFile(body, key, sha256, bytes),
      )
    }
  }

  // Member accounts: people, passwords and two-factor secrets (not sessions nor reset links).
  const accounts = await readAccounts(source.db)
  // One transaction of the target for the records (written by a storage over it) and the
  // accounts (plain inserts): one COMMIT, or nothing at all.
  await target.db.transaction().execute(async (trx) => {
    if ((await countAccounts(trx)) > 0) {
      throw new CliError(
        `${where} has member accounts already; move writes only into an empty database`,
        1,
      )
    }
    await sqlStorage(withinTransaction(trx) as never, { onClose: async () => {} }).transaction(
      async (tx) => {
        // Checked again where it counts: a serve or another move may have written since the
        // check above, and this transaction must not add to what they wrote.
        refuseUnlessEmpty(await tx.studios.list(), where)
        for (const checked of found) {
          const writer = new RecordWriter(tx, keys, where)
          const written = await passStudio(source, checked.studio.id, now, (line) =>
            writer.add(line),
          )
          await writer.flush()
          if (JSON.stringify(written.counts) !== JSON.stringify(checked.counts)) {
            throw new CliError(
              `studio ${checked.studio.id} changed while it was being moved; stop every \`atelier serve\` on the source and run move again (nothing was written)`,
              1,
            )
          }
        }
      },
    )
    await writeAccounts(trx, accounts)
  })
  for (const f of found) {
    const bytes = [...f.files.values()].reduce((sum, file) => sum + file.bytes, 0)
    out(`moved ${summary({ ...f, blobs: { count: f.files.size, bytes } })}`)
  }
  const people = accounts.auth_user.length
  const twoFactor = accounts.auth_two_factor.length
  out(
    `moved ${plural(people, 'member account')} (passwords and two-factor; sessions stay behind, so everyone signs in again)`,
  )
  out(
    `moved ${plural(found.length, 'studio')} into ${where}; every audit chain, receipt signature and file hash verified`,
  )
  return { studios: found.length, accounts: people, twoFactor }
}
