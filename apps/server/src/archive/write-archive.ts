import { createReadStream } from 'node:fs'
import { mkdtemp, open, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import type { FileVersion } from '@atelier/core'
import type { BlobStore, Storage } from '@atelier/core/storage'
import tar from 'tar-stream'
import { CliError } from '../cli-error.js'
import { type ArchiveHeader, archiveHeader, blobEntry, RECORDS_ENTRY } from './archive-format.js'
import { damagedInStore } from './blob-copy.js'
import { checkedBytes } from './checked-bytes.js'
import { readStudio } from './read-studio.js'
import { StudioCheck } from './studio-check.js'
import { drainTo, writeEntry } from './tar-entries.js'

/** Bytes of JSON lines gathered before a write to the spool file. */
const FLUSH = 1 << 20

/**
 * Writes a studio's archive to `out`: `records.jsonl` (a header line, then every record) and
 * each file its versions name as `blobs/<sha256>`, in a tar stream. The records are read from
 * one snapshot, checked as an import would check them (audit chains, receipts, parents), and
 * spooled to a temporary file first, so the header can carry their counts; each file is hashed
 * as it is copied and must match its sha256. Returns the header.
 *
 * @example
 * const header = await writeArchive(storage, localBlobStore('./data/blobs'), studioId, process.stdout)
 */
export async function writeArchive(
  storage: Storage,
  blobs: BlobStore,
  studioId: string,
  out: Writable,
  now = new Date(),
): Promise<ArchiveHeader> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-export-'))
  try {
    const spool = join(dir, RECORDS_ENTRY)
    const check = new StudioCheck(studioId)
    const keys = new Map<string, string>()
    const file = await open(spool, 'w', 0o600)
    try {
      let buffer = ''
      let n = 0
      await readStudio(storage, studioId, now, async (line) => {
        await check.add(line, `record ${++n}`)
        if (line.kind === 'versions') {
          const { sha256, blobKey } = line.row as FileVersion
          keys.set(sha256, blobKey)
        }
        buffer += `${JSON.stringify(line)}\n`
        if (buffer.length >= FLUSH) {
          await file.write(buffer)
          buffer = ''
        }
      })
      await file.write(buffer)
    } finally {
      await file.close()
    }
    const { counts, blobs: files } = check.finish()
    const bytes = [...files.values()].reduce((sum, b) => sum + b, 0)
    const header = archiveHeader(check.studio, counts, { count: files.size, bytes }, now)
    const headerLine = Buffer.from(`${JSON.stringify(header)}\n`)

    const pack = tar.pack()
    const copied = drainTo(pack, out)
    try {
      const size = headerLine.byteLength + (await stat(spool)).size
      await writeEntry(pack, { name: RECORDS_ENTRY, size, mtime: now }, joined(headerLine, spool))
      for (const [sha256, size] of files) {
        const body = await blobs.get(keys.get(sha256)!)
        if (!body)
          throw new CliError(`the file with sha256 ${sha256} is missing from the blob store`, 1)
        await writeEntry(
          pack,
          { name: blobEntry(sha256), size, mtime: now },
          checkedBytes(body, sha256, size, damagedInStore(sha256)),
        )
      }
      pack.finalize()
    } catch (error) {
      pack.destroy(error as Error)
      await copied.catch(() => undefined)
      throw error
    }
    await copied
    return header
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function* joined(first: Uint8Array, path: string): AsyncGenerator<Uint8Array> {
  yield first
  yield* createReadStream(path)
}
