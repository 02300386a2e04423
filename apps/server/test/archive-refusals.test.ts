import { existsSync } from 'node:fs'
import { copyFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Readable, Writable } from 'node:stream'
import { openSqlite } from '@atelier/sql'
import tar from 'tar-stream'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveHeader as Header } from '../src/archive/archive-format.js'
import { CliError } from '../src/cli-error.js'
import { exportCommand } from '../src/commands/export.js'
import { importCommand } from '../src/commands/import.js'
import { resolveConfig } from '../src/config.js'
import { demoInstallation, tempDir } from './archive-support.js'

/*
 * `atelier import` refuses an archive it cannot trust — a broken audit chain, a file whose
 * bytes are not its hash, a receipt that does not verify, a studio the target already has, a
 * stream that is not an archive — with one line and a non-zero exit, and writes nothing: no
 * studio in the database, no file in the blob store.
 */

type Entries = { name: string; data: Buffer }[]

async function entriesOf(bytes: Buffer): Promise<Entries> {
  const extract = tar.extract()
  Readable.from([bytes]).pipe(extract)
  const out: Entries = []
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const chunk of entry) chunks.push(chunk as Buffer)
    out.push({ name: entry.header.name, data: Buffer.concat(chunks) })
  }
  return out
}

async function packed(entries: Entries): Promise<Buffer> {
  const pack = tar.pack()
  for (const { name, data } of entries) pack.entry({ name }, data)
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of pack) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** The archive with `records.jsonl` rewritten line by line (header included, as JSON). */
async function withRecords(
  archive: Buffer,
  edit: (lines: { kind?: string; row?: Record<string, unknown> }[]) => unknown[],
): Promise<Buffer> {
  const entries = await entriesOf(archive)
  const records = entries[0]!
  const lines = records.data
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  records.data = Buffer.from(
    `${edit(lines)
      .map((l) => JSON.stringify(l))
      .join('\n')}\n`,
  )
  return packed(entries)
}

describe('atelier import refuses what it cannot trust, and writes nothing', () => {
  let dir: string
  let archive: Buffer
  let studioId: string
  let install: Awaited<ReturnType<typeof demoInstallation>>
  let n = 0

  beforeAll(async () => {
    dir = await tempDir('refusals')
    install = await demoInstallation(dir)
    studioId = install.seed.studio.id
    const chunks: Buffer[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk)
        done()
      },
    })
    await exportCommand(
      resolveConfig({ db: install.db, blobs: install.blobs }),
      studioId,
      sink,
      () => {},
    )
    archive = Buffer.concat(chunks)
  })

  /** Imports `bytes` into a fresh SQLite file and blob folder; returns where. */
  async function importInto(bytes: Buffer, target?: { db: string; blobs: string }) {
    const where = target ?? { db: join(dir, `target-${++n}.db`), blobs: join(dir, `blobs-${n}`) }
    const said: string[] = []
    const error = await importCommand(resolveConfig(where), Readable.from([bytes]), (text) =>
      said.push(text),
    ).then(
      () => undefined,
      (e: unknown) => e,
    )
    return { ...where, error, said }
  }

  /** The refusal was one clear line, and the target holds no studio and no file. */
  async function expectNothingWritten(
    result: Awaited<ReturnType<typeof importInto>>,
    message: RegExp,
  ) {
    expect(result.error).toBeInstanceOf(CliError)
    const error = result.error as CliError
    expect(error.message).toMatch(message)
    expect(error.message).toMatch(/nothing was imported$/)
    expect(error.message.includes('\n')).toBe(false)
    expect(error.exitCode).toBe(1)
    const storage = await openSqlite(result.db)
    try {
      expect(await storage.transaction((tx) => tx.studios.list())).toEqual([])
    } finally {
      await storage.close()
    }
    const files = existsSync(result.blobs) ? await readdir(result.blobs, { recursive: true }) : []
    expect(files.filter((f) => /[0-9a-f]{64}$/.test(String(f)))).toEqual([])
  }

  it('loads the untouched archive (the refusals below are about what was changed)', async () => {
    const result = await importInto(archive)
    expect(result.error).toBeUndefined()
    // The receipts were checked with the keys the archive itself carries: it says so.
    expect(result.said.join('\n')).toMatch(
      /file hash verified with the archive's own keys\n.*as trustworthy as where it came from/,
    )
  })

  it('reads a record with a lone carriage return (JSON whitespace) as the check read it', async () => {
    const entries = await entriesOf(archive)
    const records = entries[0]!
    records.data = Buffer.from(
      records.data
        .toString('utf8')
        .split('\n')
        .map((line, i) => (i > 0 && line ? `{\r${line.slice(1)}` : line))
        .join('\n'),
    )
    const result = await importInto(await packed(entries))
    expect(result.error).toBeUndefined()
    const storage = await openSqlite(result.db)
    try {
      expect((await storage.transaction((tx) => tx.studios.list())).map((s) => s.id)).toEqual([
        studioId,
      ])
    } finally {
      await storage.close()
    }
  })

  it('refuses a file entry of the wrong size from its tar header, before spooling it', async () => {
    const entries = await entriesOf(archive)
    const blob = entries.find((e) => e.name.startsWith('blobs/'))!
    blob.data = Buffer.concat([blob.data, Buffer.from('x')])
    await expectNothingWritten(
      await importInto(await packed(entries)),
      /blobs\/[0-9a-f]{64} is (\d+) bytes; its version records \d+/,
    )
  })

  it.each([
    [
      'studio name',
      (h: Header) => ({ ...h, studio: { ...h.studio, name: 'Forged' } }),
      /its header names the studio "Forged"/,
    ],
    [
      'file bytes',
      (h: Header) => ({ ...h, blobs: { ...h.blobs, bytes: h.blobs.bytes + 1 } }),
      /its header counts \d+ bytes of files and its versions name \d+/,
    ],
  ])('refuses a header whose %s disagrees with the records', async (_, edit, message) => {
    const bytes = await withRecords(archive, (lines) => [
      edit(lines[0] as unknown as Header),
      ...lines.slice(1),
    ])
    await expectNothingWritten(await importInto(bytes), message)
  })

  it('refuses a receipt that names a sign-off the archive does not hold', async () => {
    const bytes = await withRecords(archive, (lines) =>
      lines.map((l) =>
        l.kind === 'receipts'
          ? { ...l, row: { ...l.row, signoffId: 'sgn_0000000000000000000000000a' } }
          : l,
      ),
    )
    await expectNothingWritten(
      await importInto(bytes),
      /\(receipts\): names sgn_0+a, not among the sign-offs of its project/,
    )
  })

  it('refuses an accepted invitation that names a member the archive does not hold', async () => {
    const bytes = await withRecords(archive, (lines) =>
      lines.map((l) =>
        l.kind === 'invitations' && l.row?.memberId
          ? { ...l, row: { ...l.row, memberId: 'mem_0000000000000000000000000a' } }
          : l,
      ),
    )
    await expectNothingWritten(
      await importInto(bytes),
      /\(invitations\): names mem_0+a, not among the studio's members/,
    )
  })

  it('loads an archive written before members: its header does not count them', async () => {
    const bytes = await withRecords(archive, (lines) => {
      const header = lines[0] as unknown as Header
      const dropped = new Set(
        lines.filter((l) => l.kind === 'invitations').map((l) => l.row!.id as string),
      )
      const kept = lines.filter(
        (l, i) =>
          i === 0 ||
          !(
            l.kind === 'members' ||
            l.kind === 'invitations' ||
            (l.kind === 'lookups' &&
              (String(l.row!.key).startsWith('member:') || dropped.has(l.row!.refId as string)))
          ),
      )
      const { members, invitations, ...counts } = header.counts
      const lookups = kept.filter((l) => l.kind === 'lookups').length
      expect([members, invitations, header.counts.lookups - lookups]).toEqual([2, 2, 4])
      return [{ ...header, counts: { ...counts, lookups } }, ...kept.slice(1)]
    })
    const result = await importInto(bytes)
    expect(result.error).toBeUndefined()
    const storage = await openSqlite(result.db)
    try {
      const members = await storage.transaction((tx) =>
        tx.scoped(studioId).members.list({ removed: true }),
      )
      expect(members).toEqual([])
    } finally {
      await storage.close()
    }
  })

  it("refuses a version filed under another project than its deliverable's", async () => {
    const bytes = await withRecords(archive, (lines) => {
      const projects = lines.filter((l) => l.kind === 'projects').map((l) => l.row!.id)
      let moved = false
      return lines.map((l) => {
        if (l.kind !== 'versions' || moved) return l
        moved = true
        const other = projects.find((id) => id !== l.row!.projectId)
        return { ...l, row: { ...l.row, projectId: other } }
      })
    })
    await expectNothingWritten(
      await importInto(bytes),
      /\(versions\): deliverable dlv_\w+ is not of project prj_\w+/,
    )
  })

  it('refuses an edited audit event: the chain no longer verifies', async () => {
    const bytes = await withRecords(archive, (lines) =>
      lines.map((l) =>
        l.kind === 'audit' && l.row?.seq === 2
          ? { ...l, row: { ...l.row, at: '2020-01-01T00:00:00.000Z' } }
          : l,
      ),
    )
    await expectNothingWritten(
      await importInto(bytes),
      /^refused the archive: the audit chain of project prj_\w+ does not verify at event 2 \(edited\)/,
    )
  })

  it('refuses a deleted audit event, even with the counts fixed to match', async () => {
    const bytes = await withRecords(archive, (lines) => {
      const third = lines.findIndex((l) => l.kind === 'audit' && l.row?.seq === 3)
      const kept = lines.filter((_, i) => i !== third)
      const header = kept[0] as unknown as { counts: { audit: number } }
      header.counts.audit -= 1
      return kept
    })
    await expectNothingWritten(
      await importInto(bytes),
      /does not verify at event 4 \(out_of_sequence\)/,
    )
  })

  it('refuses a file whose bytes do not hash to its name', async () => {
    const entries = await entriesOf(archive)
    const blob = entries.find((e) => e.name.startsWith('blobs/'))!
    blob.data = Buffer.from(blob.data)
    blob.data[0] = blob.data[0]! ^ 0xff
    await expectNothingWritten(
      await importInto(await packed(entries)),
      /the bytes of blobs\/[0-9a-f]{64} hash to [0-9a-f]{64}, not to their name/,
    )
  })

  it('refuses an archive missing one of its files', async () => {
    const entries = await entriesOf(archive)
    await expectNothingWritten(
      await importInto(await packed(entries.slice(0, -1))),
      /the file with sha256 [0-9a-f]{64} is missing/,
    )
  })

  it("refuses a receipt that no longer verifies with the studio's key", async () => {
    const bytes = await withRecords(archive, (lines) =>
      lines.map((l) => {
        if (l.kind !== 'receipts') return l
        const receipt = l.row!.receipt as { decision: { name: string } }
        return {
          ...l,
          row: {
            ...l.row,
            receipt: { ...receipt, decision: { ...receipt.decision, name: 'Mallory' } },
          },
        }
      }),
    )
    await expectNothingWritten(
      await importInto(bytes),
      /receipt rct_\w+ does not verify with the studio's keys \(invalid/,
    )
  })

  it("refuses another studio's row smuggled in", async () => {
    const bytes = await withRecords(archive, (lines) =>
      lines.map((l) =>
        l.kind === 'clients'
          ? { ...l, row: { ...l.row, studioId: 'std_0000000000000000000000000a' } }
          : l,
      ),
    )
    await expectNothingWritten(await importInto(bytes), /a row of studio std_0+a in studio/)
  })

  it('refuses a record too malformed to check', async () => {
    const bytes = await withRecords(archive, (lines) =>
      lines.map((l) =>
        l.kind === 'studio' ? { ...l, row: { ...l.row, signingKeys: [null] } } : l,
      ),
    )
    await expectNothingWritten(
      await importInto(bytes),
      /^refused the archive: line 2 of records.jsonl \(studio\): cannot be read/,
    )
  })

  it('refuses an archive whose header counts disagree with its records', async () => {
    const bytes = await withRecords(archive, (lines) =>
      lines.filter((l, i) => !(l.kind === 'clientTokens' && lines[i - 1]?.kind !== 'clientTokens')),
    )
    await expectNothingWritten(
      await importInto(bytes),
      /its header counts 2 clientTokens and it holds 1: it is incomplete or altered/,
    )
  })

  it('refuses a studio the target already has, and leaves the one there as it was', async () => {
    const first = await importInto(archive)
    expect(first.error).toBeUndefined()
    const again = await importInto(archive, first)
    expect((again.error as CliError).message).toMatch(
      new RegExp(`^studio ${studioId} already exists in .*; nothing was imported$`),
    )
    const storage = await openSqlite(first.db)
    try {
      expect((await storage.transaction((tx) => tx.studios.list())).map((s) => s.id)).toEqual([
        studioId,
      ])
    } finally {
      await storage.close()
    }
  })

  it.each([
    ['text that is not a tar stream', Buffer.from('hello, this is not an archive\n'.repeat(40))],
    ['an empty stream', Buffer.alloc(0)],
    ['a tar without records.jsonl first', 'other'],
    ['a record that is not valid UTF-8', 'utf8'],
    ['an archive cut short', 'cut'],
    ['an archive of a later format version', 'version'],
  ])('refuses %s', async (_, kind) => {
    let bytes: Buffer
    if (Buffer.isBuffer(kind)) bytes = kind
    else if (kind === 'other')
      bytes = await packed([{ name: 'notes.txt', data: Buffer.from('hi') }])
    else if (kind === 'cut') bytes = archive.subarray(0, Math.floor(archive.byteLength / 2))
    else if (kind === 'version')
      bytes = await withRecords(archive, (lines) => [
        { ...lines[0], version: 2 },
        ...lines.slice(1),
      ])
    else {
      const entries = await entriesOf(archive)
      entries[0]!.data = Buffer.concat([entries[0]!.data, Buffer.from([0xc3, 0x28, 0x0a])])
      bytes = await packed(entries)
    }
    await expectNothingWritten(await importInto(bytes), /^refused the archive: /)
  })
})

describe('atelier export refuses, and writes nothing', () => {
  let dir: string
  let install: Awaited<ReturnType<typeof demoInstallation>>

  beforeAll(async () => {
    dir = await tempDir('export-refusals')
    install = await demoInstallation(dir)
  })

  async function exportFrom(db: string, blobs: string) {
    const chunks: Buffer[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk)
        done()
      },
    })
    const error = await exportCommand(
      resolveConfig({ db, blobs }),
      install.seed.studio.id,
      sink,
      () => {},
    ).then(
      () => undefined,
      (e: unknown) => e,
    )
    return { error, written: Buffer.concat(chunks) }
  }

  it('a --blobs folder that does not exist (a typo), without making it', async () => {
    const typo = join(dir, 'blbos')
    const { error, written } = await exportFrom(install.db, typo)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).message).toBe(
      `there is no blob folder at ${typo}; point --blobs at the folder that holds the files`,
    )
    expect(existsSync(typo)).toBe(false)
    expect(written.byteLength).toBe(0)
  })

  it('records that do not verify, with the same words as move', async () => {
    const db = join(dir, 'edited.db')
    await copyFile(install.db, db)
    const sqlite = new DatabaseSync(db)
    try {
      sqlite.prepare("update audit_events set at = '2020-01-01T00:00:00.000Z' where seq = 2").run()
    } finally {
      sqlite.close()
    }
    const { error, written } = await exportFrom(db, install.blobs)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).message).toMatch(
      /^refused to export: the audit chain of project prj_\w+ does not verify at event 2 \(edited\).*; nothing was written$/,
    )
    expect((error as CliError).exitCode).toBe(1)
    expect(written.byteLength).toBe(0)
  })
})
