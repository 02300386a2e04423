import { spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { createAtelier } from '@atelier/core'
import { recordKinds } from '@atelier/core/storage'
import { openPostgres, openSqlite, type SqlStorage } from '@atelier/sql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCommand } from '../src/commands/export.js'
import { importCommand } from '../src/commands/import.js'
import { resolveConfig } from '../src/config.js'
import { localBlobStore } from '../src/local-blob-store.js'
import {
  archiveMembers,
  chainsOf,
  comparisonTime,
  demoInstallation,
  filesOf,
  postgresSchemaUrl,
  postgresUrl,
  projectionsOf,
  receiptsOf,
  recordsOf,
  tempDir,
} from './archive-support.js'

/*
 * The demo data `atelier serve` seeds, on SQLite, exported to an archive and imported into
 * Postgres: every record, every projection for every viewer kind, every audit chain, every
 * receipt and every file must come out the same on the other side.
 */

if (!postgresUrl) {
  console.log(
    'archive round trip to Postgres skipped: ATELIER_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)',
  )
}

describe.skipIf(!postgresUrl)('a studio moves SQLite → archive → Postgres', () => {
  let dir: string
  let install: Awaited<ReturnType<typeof demoInstallation>>
  let archive: string
  let targetUrl: string
  let source: SqlStorage
  let target: SqlStorage
  const said: string[] = []
  const targetBlobs = () => localBlobStore(join(dir, 'target-blobs'))
  const sourceBlobs = () => localBlobStore(install.blobs)

  beforeAll(async () => {
    dir = await tempDir('round-trip')
    install = await demoInstallation(dir)
    targetUrl = await postgresSchemaUrl('round_trip')
    archive = join(dir, 'studio.atelier')
    const file = createWriteStream(archive)
    await exportCommand(
      resolveConfig({ db: install.db, blobs: install.blobs }),
      install.seed.studio.id,
      file,
      (text) => said.push(text),
    )
    file.end()
    await finished(file)
    await importCommand(
      resolveConfig({ db: targetUrl, blobs: join(dir, 'target-blobs') }),
      createReadStream(archive),
      (text) => said.push(text),
    )
    source = await openSqlite(install.db)
    target = await openPostgres(targetUrl)
  })

  afterAll(async () => {
    await source?.close()
    await target?.close()
  })

  it('writes an archive standard tools read: a tar with records.jsonl (header first) and blobs/<sha256>', () => {
    const list = spawnSync('tar', ['-tf', archive], { encoding: 'utf8' })
    expect(list.status).toBe(0)
    const names = list.stdout.trim().split('\n')
    expect(names[0]).toBe('records.jsonl')
    expect(names.slice(1).every((n) => /^blobs\/[0-9a-f]{64}$/.test(n))).toBe(true)
    const records = spawnSync('tar', ['-xOf', archive, 'records.jsonl'], { encoding: 'utf8' })
    const [first, second] = records.stdout.split('\n')
    const header = JSON.parse(first!)
    expect(header).toMatchObject({
      format: 'atelier.studio-archive',
      version: 1,
      studio: { id: install.seed.studio.id, name: install.seed.studio.name },
      blobs: { count: names.length - 1 },
    })
    expect(Date.parse(header.exportedAt)).not.toBeNaN()
    expect(header.counts.projects).toBe(Object.keys(install.seed.projects).length)
    expect(JSON.parse(second!)).toMatchObject({ kind: 'studio', row: { id: header.studio.id } })
    expect(said.join('\n')).toMatch(/exported studio std_\w+ .*: 2 clients, 6 projects/)
  })

  it('brings every record across as it was: ids, versions, hashes, credential hashes', async () => {
    const before = await recordsOf(source, install.seed.studio.id)
    const after = await recordsOf(target, install.seed.studio.id)
    expect(after).toEqual(before)
    const counts = Object.fromEntries(Object.entries(after).map(([k, rows]) => [k, rows.length]))
    console.log(
      `round trip SQLite → archive → Postgres, records per kind: ${JSON.stringify(counts)}`,
    )
    for (const kind of recordKinds) expect(counts[kind], kind).toBeGreaterThan(0)
  })

  it('shows every project the same to every viewer kind', async () => {
    const now = comparisonTime()
    const before = await projectionsOf(source, sourceBlobs(), install.seed.studio.id, now)
    const after = await projectionsOf(target, targetBlobs(), install.seed.studio.id, now)
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [key, view] of before) expect(after.get(key), key).toEqual(view)
    const kinds = [...before.keys()].map((k) => k.split(' ')[1])
    console.log(
      `round trip: ${before.size} projections compared (${['staff', 'client', 'signer', 'third_party', 'public', 'service:staff', 'service:client'].map((k) => `${kinds.filter((x) => x === k).length} ${k}`).join(', ')})`,
    )
    expect(new Set(kinds)).toEqual(
      new Set([
        'staff',
        'client',
        'signer',
        'third_party',
        'public',
        'service:staff',
        'service:client',
      ]),
    )
  })

  it('keeps every audit chain verifying, anchored at its receipts', async () => {
    const chains = await chainsOf(target, install.seed.studio.id)
    expect(chains.length).toBe(6)
    expect(chains.every((c) => c.valid)).toBe(true)
    expect(chains).toEqual(await chainsOf(source, install.seed.studio.id))
  })

  it("keeps every receipt verifying with the studio's key against the moved bytes", async () => {
    const receipts = await receiptsOf(target, targetBlobs(), install.seed.studio.id)
    expect(receipts.length).toBeGreaterThan(0)
    expect(receipts.every((r) => r.valid)).toBe(true)
  })

  it('stores every file byte for byte', async () => {
    const before = await filesOf(source, sourceBlobs(), install.seed.studio.id)
    const after = await filesOf(target, targetBlobs(), install.seed.studio.id)
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [sha256, file] of after) {
      expect(file.hashesTo).toBe(sha256)
      expect(file.bytes.equals(before.get(sha256)!.bytes)).toBe(true)
    }
  })

  it('keeps credentials working: the hashes moved, the raw tokens still authenticate', async () => {
    const atelier = createAtelier({ storage: target, blobs: targetBlobs() })
    const studioId = install.seed.studio.id
    expect(await atelier.credentials.authenticate(install.seed.keys.secret)).toMatchObject({
      kind: 'secret_key',
      studioId,
    })
    const tracker = install.seed.clients[0]!.trackerLink.split('#t=')[1]!
    expect(await atelier.credentials.authenticate(tracker)).toMatchObject({
      kind: 'client_token',
      clientId: install.seed.clients[0]!.id,
    })
    const link = install.seed.links.signoff.split('/s/')[1]!
    const opened = await atelier.signoffs.open(link)
    expect(opened).toEqual(await createAtelier({ storage: source }).signoffs.open(link))
    expect((await atelier.grants.openShare(install.share)).viewer).toBe('third_party')
  })

  it('keeps members signing in: the same studios, members and roles on the other side', async () => {
    const studioId = install.seed.studio.id
    const before = createAtelier({ storage: source })
    const after = createAtelier({ storage: target })
    for (const { userId } of Object.values(archiveMembers)) {
      const memberships = await after.members.memberships(userId)
      expect(memberships).toEqual(await before.members.memberships(userId))
      expect(memberships.map((m) => m.studio.id)).toEqual([studioId])
    }
    expect(await after.members.principal(studioId, archiveMembers.designer.userId)).toMatchObject({
      kind: 'member',
      studioId,
      role: 'designer',
    })
  })
})
