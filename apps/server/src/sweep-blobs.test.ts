import { mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BlobStore } from '@atelier/core/storage'
import { openSqlite, type SqliteStorage } from '@atelier/sql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from './demo/seed-demo.js'
import { blobPath, localBlobStore } from './local-blob-store.js'
import { referencedBlobKeys, sweepLocalBlobs } from './sweep-blobs.js'

const DAY = 24 * 3600_000
let dir: string
let storage: SqliteStorage
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-sweep-'))
  storage = await openSqlite(join(dir, 'atelier.db'))
})
afterAll(async () => {
  await storage?.close()
  await rm(dir, { recursive: true, force: true })
})

const age = async (path: string, ms: number) => {
  const then = new Date(Date.now() - ms)
  await utimes(path, then, then)
}
const bytes = (text: string) => new TextEncoder().encode(text)
const bytesOf = async (body: ReadableStream<Uint8Array> | undefined) =>
  new Uint8Array(await new Response(body).arrayBuffer())

async function allBlobFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))
    .map((e) => e.name)
    .sort()
}

/** Opens the folder as the server does at start, and sweeps it while it holds no blob yet. */
async function claimEmpty(root: string, blobs: BlobStore, owner: string) {
  expect(await blobs.check?.()).toEqual({ writable: true })
  expect(await sweepLocalBlobs(root, async () => new Set(), { owner })).toEqual({
    partials: 0,
    blobs: 0,
    bytes: 0,
  })
  expect(JSON.parse(await readFile(join(root, 'atelier-blobs.json'), 'utf8'))).toEqual({
    database: owner,
  })
}

describe('sweepLocalBlobs', () => {
  it('removes stale partial uploads and unreferenced blobs, never a blob a version names', async () => {
    const root = join(dir, 'blobs')
    const blobs = localBlobStore(root)
    await claimEmpty(root, blobs, 'db one')
    await seedDemo(storage, blobs, 'http://127.0.0.1:1')
    const referenced = await referencedBlobKeys(storage)
    expect(referenced.size).toBeGreaterThan(3)
    const orphan = await blobs.put(bytes('uploaded, then the version was never recorded'))
    const fresh = await blobs.put(bytes('an upload whose version is being recorded right now'))
    await mkdir(join(root, 'tmp'), { recursive: true })
    await writeFile(join(root, 'tmp', 'crashed-upload'), 'half of a file')
    await writeFile(join(root, 'tmp', 'uploading-now'), 'a file arriving')
    for (const key of [...referenced, orphan.key]) await age(blobPath(root, key), 2 * DAY)
    await age(join(root, 'tmp', 'crashed-upload'), 2 * DAY)

    const report = await sweepLocalBlobs(root, () => referencedBlobKeys(storage), {
      owner: 'db one',
    })

    expect(report).toEqual({
      partials: 1,
      blobs: 1,
      bytes: bytes('half of a file').byteLength + orphan.bytes,
    })
    expect(await allBlobFiles(root)).toEqual([...referenced, fresh.key].sort())
    expect((await readdir(join(root, 'tmp'))).sort()).toEqual(['uploading-now'])
    for (const key of referenced) expect(await blobs.get(key)).toBeDefined()
  })

  it('keeps a blob that an upload of the same bytes reused after it went stale', async () => {
    const root = join(dir, 'reuse')
    const blobs = localBlobStore(root)
    await claimEmpty(root, blobs, 'db one')
    const blob = await blobs.put(bytes('old bytes sent again'))
    await age(blobPath(root, blob.key), 2 * DAY)
    await blobs.put(bytes('old bytes sent again'))
    const report = await sweepLocalBlobs(root, async () => new Set(), { owner: 'db one' })
    expect(report.blobs).toBe(0)
    expect(await blobs.get(blob.key)).toBeDefined()
  })

  it('keeps unreferenced blobs in a folder another database owns, and says why', async () => {
    const root = join(dir, 'shared')
    const blobs = localBlobStore(root)
    await claimEmpty(root, blobs, 'db one')
    const other = await blobs.put(bytes("named by the other database's versions"))
    await age(blobPath(root, other.key), 2 * DAY)
    expect(
      (await sweepLocalBlobs(root, async () => new Set([other.key]), { owner: 'db one' })).blobs,
    ).toBe(0)
    const report = await sweepLocalBlobs(root, async () => new Set(), { owner: 'db two' })
    expect(report).toMatchObject({ blobs: 0, kept: expect.stringContaining('db one') })
    expect(await blobs.get(other.key)).toBeDefined()
  })

  it('sweeps no blob of a folder that holds blobs but no record of its database, until one is written', async () => {
    const root = join(dir, 'upgraded')
    const blobs = localBlobStore(root)
    const theirs = await blobs.put(bytes('named only by the other database sharing the folder'))
    await age(blobPath(root, theirs.key), 2 * DAY)
    await writeFile(join(root, 'tmp', 'crashed-upload'), 'half of a file')
    await age(join(root, 'tmp', 'crashed-upload'), 2 * DAY)

    const report = await sweepLocalBlobs(root, async () => new Set(), { owner: 'db one' })

    expect(report).toMatchObject({
      partials: 1,
      blobs: 0,
      kept: expect.stringContaining('write {"database":"db one"} to atelier-blobs.json'),
    })
    expect(await blobs.get(theirs.key)).toBeDefined()
    expect(await readdir(root)).not.toContain('atelier-blobs.json')
    expect((await sweepLocalBlobs(root, async () => new Set(), { owner: 'db one' })).blobs).toBe(0)

    await writeFile(join(root, 'atelier-blobs.json'), '{"database":"db one"}\n')
    expect(await sweepLocalBlobs(root, async () => new Set(), { owner: 'db one' })).toEqual({
      partials: 0,
      blobs: 1,
      bytes: theirs.bytes,
    })
    expect(await blobs.get(theirs.key)).toBeUndefined()
  })

  it('puts back a blob a stopped sweep left aside in tmp, instead of removing it as a partial upload', async () => {
    const root = join(dir, 'stopped')
    const blobs = localBlobStore(root)
    await claimEmpty(root, blobs, 'db one')
    const named = await blobs.put(bytes('a blob a version names, moved aside when the sweep died'))
    const aside = join(root, 'tmp', `sweep-${named.key}-0123456789abcdef`)
    await rename(blobPath(root, named.key), aside)
    await age(aside, 2 * DAY)

    const report = await sweepLocalBlobs(root, async () => new Set([named.key]), {
      owner: 'db one',
    })

    expect(report).toEqual({ partials: 0, blobs: 0, bytes: 0 })
    expect(await readdir(join(root, 'tmp'))).toEqual([])
    expect(await bytesOf(await blobs.get(named.key))).toEqual(
      bytes('a blob a version names, moved aside when the sweep died'),
    )
  })

  it('does nothing to a folder that does not exist', async () => {
    const report = await sweepLocalBlobs(join(dir, 'nowhere'), async () => new Set(), {
      owner: 'db one',
    })
    expect(report).toEqual({ partials: 0, blobs: 0, bytes: 0 })
  })
})
