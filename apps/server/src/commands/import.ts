import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { isAtelierError } from '@atelier/core'
import type { BlobStore } from '@atelier/core/storage'
import { sqlStorage } from '@atelier/sql'
import { accountLines, accountsReport } from '../archive/accounts-report.js'
import { blobStoreAt, fileStream, storeFile } from '../archive/blob-copy.js'
import { MemberAccounts } from '../archive/member-accounts.js'
import { readArchive, spooledRecords } from '../archive/read-archive.js'
import { RecordWriter } from '../archive/record-writer.js'
import { summary } from '../archive/summary.js'
import { CliError } from '../cli-error.js'
import type { ServerConfig } from '../config.js'
import { type OpenedStorage, openStorage } from '../open-storage.js'
import { withinTransaction } from './within-transaction.js'

type Out = (text: string) => void

const nothing = 'nothing was imported'

/**
 * `atelier import < studio.atelier`: reads the whole archive and checks it (every audit chain,
 * receipt and file hash) before it writes anything. Receipts are checked with the keys in the
 * archive's own studio record, so this finds damage, not tampering by whoever held the
 * archive. The target is opened once the header has been read, and a studio it already has is
 * refused there. Then the files are stored, and every record written in one transaction with
 * the live members' accounts ({@link MemberAccounts}: kept, linked by address, or made without
 * a password), so a refusal or a failure leaves the database as it was. It ends by naming the
 * members who need a password here, each with the `atelier member reset-link` that makes theirs.
 */
export async function importCommand(
  config: ServerConfig,
  input: Readable & { isTTY?: boolean },
  out: Out,
  json = false,
): Promise<void> {
  if (input.isTTY) {
    throw new CliError('import reads an archive from stdin: atelier import < studio.atelier')
  }
  let target: (OpenedStorage & { blobs: BlobStore }) | undefined
  const dir = await mkdtemp(join(tmpdir(), 'atelier-import-'))
  try {
    const archive = await readArchive(input, dir, async (header) => {
      const opened = await openStorage(config.db)
      const { blobs } = await blobStoreAt(config.blobs, { write: true }).catch(async (error) => {
        await opened.storage.close()
        throw error
      })
      target = { ...opened, blobs }
      const id = header.studio.id
      const exists = await opened.storage.transaction((tx) => tx.studios.get(id), {
        readOnly: true,
      })
      if (exists)
        throw new CliError(`studio ${id} already exists in ${opened.where}; ${nothing}`, 1)
    })
    const { storage, where, blobs } = target!
    const keys = new Map<string, string>()
    for (const [sha256, path] of archive.files) {
      keys.set(sha256, await storeFile(blobs, fileStream(path), sha256, (await stat(path)).size))
    }
    // One transaction for the records (written by a storage over it) and the accounts (plain
    // statements on it): one COMMIT, or nothing at all.
    const accounts = await storage.db.transaction().execute(async (trx) => {
      const members = new MemberAccounts(trx, archive.studio.id, new Date())
      const within = sqlStorage(withinTransaction(trx) as never, { onClose: async () => {} })
      await within.transaction(async (tx) => {
        // The spooled lines were checked as they were read; the studio's comes first.
        const writer = new RecordWriter(tx, keys, where)
        for await (const line of spooledRecords(archive.records)) {
          const adopted = await members.adopt(line)
          if (adopted) await writer.add(adopted)
        }
        await writer.flush()
      })
      return members
    })
    // Every part of the header was compared with what the check found; the name is the record's.
    const { counts, blobs: files } = archive.header
    const studio = { id: archive.studio.id, name: archive.studio.name }
    const report = accountsReport(accounts)
    if (json) return out(JSON.stringify({ studio, into: where, counts, blobs: files, ...report }))
    out(`imported ${summary({ studio, counts, blobs: files })} into ${where}`)
    out("  every audit chain, receipt signature and file hash verified with the archive's own keys")
    out('  (that finds damage, not tampering: an archive is as trustworthy as where it came from)')
    for (const line of accountLines(report)) out(line)
  } catch (error) {
    if (error instanceof CliError) throw error
    if (isAtelierError(error)) throw new CliError(`${error.message}; ${nothing}`, 1)
    throw error
  } finally {
    await rm(dir, { recursive: true, force: true })
    await target?.storage.close()
  }
}
