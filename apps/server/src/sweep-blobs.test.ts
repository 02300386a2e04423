import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

async function allBlobFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))
    .map((e) => e.name)
    .sort()
}

describe('sweepLocalBlobs', () => {
  it('removes stale partial uploads and unreferenced blobs, never a blob a version names', async () => {
    const root = join(dir, 'blobs')
    const blobs = localBlobStore(root)
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
    const other = await blobs.put(bytes("named by the other database's versions"))
    await age(blobPath(root, other.key), 2 * DAY)
    expect(
      (await sweepLocalBlobs(root, async () => new Set([other.key]), { owner: 'db one' })).blobs,
    ).toBe(0)
    const report = await sweepLocalBlobs(root, async () => new Set(), { owner: 'db two' })
    expect(report).toMatchObject({ blobs: 0, kept: expect.stringContaining('db one') })
    expect(await blobs.get(other.key)).toBeDefined()
  })

  it('does nothing to a folder that does not exist', async () => {
    const report = await sweepLocalBlobs(join(dir, 'nowhere'), async () => new Set(), {
      owner: 'db one',
    })
    expect(report).toEqual({ partials: 0, blobs: 0, bytes: 0 })
  })
})
