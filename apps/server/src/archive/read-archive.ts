import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { Studio } from '@atelier/core'
import tar from 'tar-stream'
import { CliError } from '../cli-error.js'
import {
  ArchiveError,
  type ArchiveHeader,
  type ArchiveLine,
  BLOB_ENTRY,
  parseHeader,
  parseLine,
  RECORDS_ENTRY,
} from './archive-format.js'
import { checkedBytes, type Damage } from './checked-bytes.js'
import { InvalidRecords, StudioCheck } from './studio-check.js'

/** The longest record line read (a record is a few kilobytes; this bounds a hostile one). */
const MAX_LINE = 32 << 20

/** What reading `records.jsonl` gives: the checked records, and the files they name (sha256 -> size). */
type RecordsRead = Omit<CheckedArchive, 'files'> & { expected: Map<string, number> }

/** An archive read, checked and spooled to a folder, ready to load. */
export interface CheckedArchive {
  header: ArchiveHeader
  studio: Studio
  /**
   * The spooled records after the header: each one checked, then re-serialised. Read them
   * back with {@link spooledRecords}.
   */
  records: string
  /** Each file: sha256 -> its spooled copy, hashed as it was written. */
  files: Map<string, string>
}

/**
 * Reads a studio archive from `input` and checks all of it before anything is written
 * anywhere: the header (then `onHeader`, which may refuse, e.g. a studio the target already
 * has), every record (scope, parents, audit chains, receipts — see {@link StudioCheck}), the
 * header's counts, file bytes and studio name, and every file's bytes against its sha256 and
 * size. Records and files are spooled into `dir`. Any problem is an {@link ArchiveError}: one line that says what.
 *
 * @example
 * const archive = await readArchive(process.stdin, spoolDir, async (h) => refuseExisting(h.studio.id))
 */
export async function readArchive(
  input: Readable,
  dir: string,
  onHeader: (header: ArchiveHeader) => Promise<void>,
): Promise<CheckedArchive> {
  const extract = tar.extract()
  input.on('error', (error) => extract.destroy(error))
  input.pipe(extract)
  let read: RecordsRead | undefined
  const files = new Map<string, string>()
  try {
    for await (const entry of extract) {
      const { name } = entry.header
      if (!read) {
        if (name !== RECORDS_ENTRY) {
          throw new ArchiveError(`its first entry is ${name}, not ${RECORDS_ENTRY}`)
        }
        read = await readRecords(entry as AsyncIterable<Buffer>, dir, onHeader)
        continue
      }
      const sha256 = BLOB_ENTRY.exec(name)?.[1]
      if (!sha256) throw new ArchiveError(`it holds an unexpected entry ${name}`)
      const size = read.expected.get(sha256)
      if (size === undefined) throw new ArchiveError(`${name} is not the file of any version`)
      if (files.has(sha256)) throw new ArchiveError(`${name} is there twice`)
      // The tar header gives the entry's size: refuse a wrong one before spooling a byte of it.
      if (entry.header.size !== size) {
        throw new ArchiveError(`${name} is ${entry.header.size} bytes; its version records ${size}`)
      }
      files.set(
        sha256,
        await spoolFile(entry as AsyncIterable<Buffer>, join(dir, sha256), sha256, size),
      )
    }
  } catch (error) {
    // Refused: stop reading (a writer piping into us sees the pipe close, as with `head`).
    input.unpipe(extract)
    input.destroy()
    extract.destroy()
    if (error instanceof ArchiveError) throw error
    if (error instanceof InvalidRecords) throw new ArchiveError(error.message)
    if (error instanceof CliError) throw error
    const reason = (error as Error).message
    throw new ArchiveError(
      /unexpected end/i.test(reason)
        ? 'it ends before its last entry (was it cut short?)'
        : `it is not a readable tar stream (${reason})`,
    )
  }
  if (!read) throw new ArchiveError('it is empty')
  for (const sha256 of read.expected.keys()) {
    if (!files.has(sha256)) throw new ArchiveError(`the file with sha256 ${sha256} is missing`)
  }
  const { expected: _, ...rest } = read
  return { ...rest, files }
}

async function readRecords(
  entry: AsyncIterable<Buffer>,
  dir: string,
  onHeader: (header: ArchiveHeader) => Promise<void>,
): Promise<RecordsRead> {
  const path = join(dir, RECORDS_ENTRY)
  const out = await open(path, 'w', 0o600)
  let header: ArchiveHeader | undefined
  let check: StudioCheck | undefined
  let n = 0
  try {
    let buffer = ''
    for await (const text of lines(entry)) {
      n++
      if (!header) {
        header = parseHeader(text)
        await onHeader(header)
        check = new StudioCheck(header.studio.id)
        continue
      }
      if (text === '') continue
      const line = parseLine(text, n)
      await check!.add(line, `line ${n} of ${RECORDS_ENTRY}`)
      // Spooled as re-serialised JSON: what is written later is exactly what was checked.
      buffer += `${JSON.stringify(line)}\n`
      if (buffer.length >= 1 << 20) {
        await out.write(buffer)
        buffer = ''
      }
    }
    await out.write(buffer)
  } finally {
    await out.close()
  }
  if (!header || !check) throw new ArchiveError(`${RECORDS_ENTRY} is empty`)
  const { counts, blobs } = check.finish()
  for (const [kind, count] of Object.entries(counts)) {
    const stated = header.counts[kind as keyof typeof counts]
    if (stated !== count) {
      throw new ArchiveError(
        `its header counts ${stated} ${kind} and it holds ${count}: it is incomplete or altered`,
      )
    }
  }
  if (header.blobs.count !== blobs.size) {
    throw new ArchiveError(
      `its header counts ${header.blobs.count} files and its versions name ${blobs.size}`,
    )
  }
  const bytes = [...blobs.values()].reduce((sum, b) => sum + b, 0)
  if (header.blobs.bytes !== bytes) {
    throw new ArchiveError(
      `its header counts ${header.blobs.bytes} bytes of files and its versions name ${bytes}: it is incomplete or altered`,
    )
  }
  if (header.studio.name !== check.studio.name) {
    throw new ArchiveError(
      `its header names the studio ${JSON.stringify(header.studio.name)} and its studio record ${JSON.stringify(check.studio.name)}`,
    )
  }
  return { header, studio: check.studio, records: path, expected: blobs }
}

/**
 * The records `readArchive` spooled to `path`, read back with the splitter that read them, so
 * the lines written are the lines checked. A line that does not parse (it cannot: each was
 * written by `JSON.stringify`) is an error that does not quote it (it may hold a private key).
 *
 * @example
 * for await (const line of spooledRecords(archive.records)) await writer.add(line)
 */
export async function* spooledRecords(path: string): AsyncGenerator<ArchiveLine> {
  let n = 0
  for await (const text of lines(createReadStream(path))) {
    n++
    if (text === '') continue
    try {
      yield JSON.parse(text) as ArchiveLine
    } catch {
      throw new CliError(`spooled record ${n} could not be read back; nothing was imported`, 1)
    }
  }
}

/** The lines of a stream of bytes, split at \n only, each decoded as strict UTF-8. */
async function* lines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let pending: Buffer[] = []
  let pendingBytes = 0
  let n = 0
  const decode = (bytes: Uint8Array) => {
    n++
    try {
      return decoder.decode(bytes)
    } catch {
      throw new ArchiveError(`line ${n} of ${RECORDS_ENTRY} is not valid UTF-8`)
    }
  }
  for await (const chunk of chunks) {
    let start = 0
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end)
      yield decode(pending.length ? Buffer.concat([...pending, piece]) : piece)
      pending = []
      pendingBytes = 0
      start = end + 1
    }
    if (start < chunk.length) {
      pending.push(Buffer.from(chunk.subarray(start)))
      pendingBytes += chunk.length - start
      if (pendingBytes > MAX_LINE) {
        throw new ArchiveError(`line ${n + 1} of ${RECORDS_ENTRY} is longer than ${MAX_LINE} bytes`)
      }
    }
  }
  if (pendingBytes > 0) yield decode(Buffer.concat(pending))
}

/** Copies one file's entry to `path`, refusing bytes that are not `size` long or do not hash to `sha256`. */
async function spoolFile(
  entry: AsyncIterable<Buffer>,
  path: string,
  sha256: string,
  size: number,
): Promise<string> {
  const out = await open(path, 'w', 0o600)
  try {
    for await (const chunk of checkedBytes(entry, sha256, size, damagedEntry(sha256))) {
      await out.write(chunk)
    }
  } finally {
    await out.close()
  }
  return path
}

const damagedEntry = (sha256: string) => (damage: Damage) =>
  new ArchiveError(
    damage.problem === 'hash'
      ? `the bytes of blobs/${sha256} hash to ${damage.actual}, not to their name`
      : `blobs/${sha256} is ${damage.problem === 'longer' ? 'more' : damage.bytes} bytes; its version records ${damage.size}`,
  )
