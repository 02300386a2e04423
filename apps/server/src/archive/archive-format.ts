import { idOf, type Studio } from '@atelier/core'
import { type RecordKind, recordKinds } from '@atelier/core/storage'
import * as v from 'valibot'
import { CliError } from '../cli-error.js'

/*
 * A studio archive is an uncompressed POSIX tar stream, so `tar -tvf studio.atelier` lists it
 * and `tar -xOf studio.atelier records.jsonl | jq` reads it:
 *
 *   records.jsonl     line 1 the header; then one record a line, `{"kind": …, "row": …}`: the
 *                     studio, then each kind parents first, in key order (a project's audit
 *                     events together, by seq)
 *   blobs/<sha256>    each file the versions name, once, under the sha256 of its bytes
 */

/** The name of the records entry; it comes first. */
export const RECORDS_ENTRY = 'records.jsonl'
/** Where a blob's entry lives: `blobs/<sha256>`. */
export const blobEntry = (sha256: string) => `blobs/${sha256}`
export const BLOB_ENTRY = /^blobs\/([0-9a-f]{64})$/

const FORMAT = 'atelier.studio-archive'
const VERSION = 1

/** What a line of `records.jsonl` holds after the header. */
export type ArchiveLine = { kind: 'studio'; row: Studio } | { kind: RecordKind; row: object }

const count = v.pipe(v.number(), v.integer(), v.minValue(0))

/**
 * Kinds added to the format after its first archives were written: an archive written before
 * them does not count them and holds none (its records are checked against that zero).
 */
const laterKinds: readonly RecordKind[] = ['members', 'invitations']

const headerSchema = v.object({
  format: v.literal(FORMAT),
  version: v.literal(VERSION),
  studio: v.object({ id: idOf('std'), name: v.string() }),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  counts: v.object(
    Object.fromEntries(
      recordKinds.map((kind) => [kind, laterKinds.includes(kind) ? v.optional(count, 0) : count]),
    ) as Record<RecordKind, typeof count>,
  ),
  blobs: v.object({ count, bytes: count }),
})

/** The first line of `records.jsonl`: what the archive is, whose, when, and how much. */
export type ArchiveHeader = v.InferOutput<typeof headerSchema>

/**
 * The header for a studio's archive.
 *
 * @example
 * const header = archiveHeader(studio, counts, { count: 3, bytes: 1024 }, new Date())
 */
export function archiveHeader(
  studio: { id: string; name: string },
  counts: Record<RecordKind, number>,
  blobs: { count: number; bytes: number },
  at: Date,
): ArchiveHeader {
  return {
    format: FORMAT,
    version: VERSION,
    studio: { id: studio.id, name: studio.name },
    exportedAt: at.toISOString(),
    counts,
    blobs,
  }
}

/** The archive is not one `import` can load; one line says why. */
export class ArchiveError extends CliError {
  constructor(message: string) {
    super(`refused the archive: ${message}; nothing was imported`, 1)
  }
}

/**
 * Reads the header line, refusing anything that is not a studio archive of a known version.
 *
 * @example
 * const header = parseHeader(firstLine)
 */
export function parseHeader(line: string): ArchiveHeader {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    throw new ArchiveError('its first line is not JSON, so it is not an Atelier studio archive')
  }
  const format = (json as { format?: unknown })?.format
  const version = (json as { version?: unknown })?.version
  if (format !== FORMAT) throw new ArchiveError('it is not an Atelier studio archive')
  if (version !== VERSION) {
    throw new ArchiveError(
      `it is format version ${String(version)}; this atelier reads version ${VERSION} (upgrade atelier to import it)`,
    )
  }
  const parsed = v.safeParse(headerSchema, json)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    throw new ArchiveError(
      `its header is invalid at ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`,
    )
  }
  return parsed.output
}

/**
 * Reads one record line: `{ kind, row }` with a known kind and an object row.
 *
 * @example
 * const line = parseLine(text, 42)
 */
export function parseLine(text: string, lineNo: number): ArchiveLine {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ArchiveError(`line ${lineNo} of ${RECORDS_ENTRY} is not JSON`)
  }
  const { kind, row } = (json ?? {}) as { kind?: unknown; row?: unknown }
  if (kind !== 'studio' && !recordKinds.includes(kind as RecordKind)) {
    throw new ArchiveError(`line ${lineNo} of ${RECORDS_ENTRY} has an unknown kind ${String(kind)}`)
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new ArchiveError(`line ${lineNo} of ${RECORDS_ENTRY} has no row object`)
  }
  return { kind, row } as ArchiveLine
}
