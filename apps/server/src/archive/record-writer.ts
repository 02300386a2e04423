import type { FileVersion } from '@atelier/core'
import type { RecordKind, StorageTransaction } from '@atelier/core/storage'
import { CliError } from '../cli-error.js'
import type { ArchiveLine } from './archive-format.js'

/** Rows per `records.insert` call. */
const BATCH = 500

/**
 * Writes one studio's checked records into a transaction of the target store, as they come:
 * the studio first (refused when the target has it already), then each kind in batches,
 * exactly as read. A version's `blobKey` becomes the key the target blob store gave its bytes.
 *
 * @example
 * const writer = new RecordWriter(tx, keys, 'postgres://…')
 * for (const line of lines) await writer.add(line)
 * await writer.flush()
 */
export class RecordWriter {
  #studioId: string | undefined
  #kind: RecordKind | undefined
  #batch: object[] = []

  constructor(
    private readonly tx: StorageTransaction,
    /** sha256 -> the target blob store's key for those bytes. */
    private readonly blobKeys: ReadonlyMap<string, string>,
    /** The target, as messages name it. */
    private readonly where: string,
  ) {}

  async add(line: ArchiveLine): Promise<void> {
    if (line.kind === 'studio') {
      if (await this.tx.studios.get(line.row.id)) {
        throw new CliError(`studio ${line.row.id} already exists in ${this.where}`, 1)
      }
      await this.tx.studios.insert(line.row)
      this.#studioId = line.row.id
      return
    }
    if (line.kind !== this.#kind) await this.flush()
    this.#kind = line.kind
    this.#batch.push(line.kind === 'versions' ? this.#rekeyed(line.row as FileVersion) : line.row)
    if (this.#batch.length >= BATCH) await this.flush()
  }

  /** Writes what is batched. */
  async flush(): Promise<void> {
    if (!this.#batch.length || !this.#kind || !this.#studioId) return
    const rows = this.#batch
    this.#batch = []
    await this.tx.scoped(this.#studioId).records.insert(this.#kind, rows as never[])
  }

  #rekeyed(version: FileVersion): FileVersion {
    const key = this.blobKeys.get(version.sha256)
    if (key === undefined) {
      throw new CliError(`the file with sha256 ${version.sha256} was not stored in the target`, 1)
    }
    return key === version.blobKey ? version : { ...version, blobKey: key }
  }
}
