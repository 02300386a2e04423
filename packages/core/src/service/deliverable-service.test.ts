import { describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { memoryBlobStore } from '../blob/memory-blob-store.js'
import { isAtelierError } from '../errors/atelier-error.js'
import { sha256Hex } from '../internal/hash.js'
import { memoryStorage } from '../storage/memory-storage.js'
import { advanceTo, seedProject } from '../testing/scenario.js'

/** A stream of `count` chunks of `size` bytes, each filled with its index. */
function chunked(
  count: number,
  size: number,
): { stream: ReadableStream<Uint8Array>; all: Uint8Array; pulled: () => number } {
  const all = new Uint8Array(count * size)
  for (let i = 0; i < count; i++) all.fill(i % 256, i * size, (i + 1) * size)
  let i = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i === count) return controller.close()
      controller.enqueue(all.slice(i * size, (i + 1) * size))
      i++
    },
  })
  return { stream, all, pulled: () => i }
}

describe('deliverables', () => {
  it('computes sha256 and size while the bytes stream in, and serves them back unchanged', async () => {
    const blobs = memoryBlobStore()
    const s = await seedProject(createAtelier({ storage: memoryStorage(), blobs }))
    await advanceTo(s, 'production')
    const d = await s.atelier.deliverables.create(s.scope, {
      projectId: s.project.id,
      kind: 'design',
      title: '海报 Poster',
    })
    const { stream, all } = chunked(64, 16 * 1024)
    const v = await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: d.id, filename: '海报 v1.pdf', mediaType: 'Application/PDF' },
      stream,
    )
    expect(v).toMatchObject({
      n: 1,
      bytes: all.length,
      sha256: sha256Hex(all),
      mediaType: 'application/pdf',
      filename: '海报 v1.pdf',
    })
    const opened = await s.atelier.deliverables.open(s.scope, { deliverableId: d.id, version: 1 })
    const back = new Uint8Array(await new Response(await opened.read()).arrayBuffer())
    expect(sha256Hex(back)).toBe(v.sha256)
  })

  it('reads the blob store only for what is sent: nothing on open, one range without the rest', async () => {
    const inner = memoryBlobStore()
    const reads: string[] = []
    const blobs = {
      put: inner.put.bind(inner),
      get: (key: string) => {
        reads.push('get')
        return inner.get(key)
      },
      getRange: (key: string, range: { offset: number; length: number }) => {
        reads.push(`range ${range.offset}+${range.length}`)
        return inner.getRange!(key, range)
      },
    }
    const s = await seedProject(createAtelier({ storage: memoryStorage(), blobs }))
    await advanceTo(s, 'production')
    const d = await s.atelier.deliverables.create(s.scope, {
      projectId: s.project.id,
      kind: 'design',
      title: 'Logo',
    })
    const bytes = new TextEncoder().encode('0123456789')
    await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: d.id, filename: 'a.txt', mediaType: 'text/plain' },
      bytes,
    )
    const opened = await s.atelier.deliverables.open(s.scope, { deliverableId: d.id, version: 1 })
    expect(reads).toEqual([])
    const part = await new Response(await opened.read({ offset: 3, length: 4 })).text()
    expect(part).toBe('3456')
    expect(reads).toEqual(['range 3+4'])
  })

  it('stops reading at the size limit, stores nothing and says too_large', async () => {
    const blobs = memoryBlobStore()
    const s = await seedProject(
      createAtelier({ storage: memoryStorage(), blobs, maxUploadBytes: 100_000 }),
    )
    await advanceTo(s, 'production')
    const d = await s.atelier.deliverables.create(s.scope, {
      projectId: s.project.id,
      kind: 'design',
      title: 'Big',
    })
    const before = blobs.size
    const big = chunked(1000, 1024)
    const error = await s.atelier.deliverables
      .addVersion(
        s.scope,
        { deliverableId: d.id, filename: 'big.tif', mediaType: 'image/tiff' },
        big.stream,
      )
      .catch((e: unknown) => e)
    expect(isAtelierError(error, 'too_large')).toBe(true)
    expect(big.pulled()).toBeLessThan(110)
    expect(blobs.size).toBe(before)
    expect(
      (await s.atelier.deliverables.list(s.scope, s.project.id)).find((x) => x.id === d.id)
        ?.latestVersion,
    ).toBe(0)
  })

  it('hides internal deliverables from the client and logs client downloads on strict projects', async () => {
    const s = await seedProject(createAtelier({ storage: memoryStorage() }), {
      confidentiality: 'strict',
    })
    await advanceTo(s, 'production')
    const internal = await s.atelier.deliverables.create(s.scope, {
      projectId: s.project.id,
      kind: 'source',
      title: 'Working',
      visibility: 'internal',
    })
    await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: internal.id, filename: 'w.ai', mediaType: 'application/postscript' },
      new Uint8Array([1]),
    )
    const visible = await s.atelier.deliverables.list(s.clientScope, s.project.id)
    expect(visible.map((d) => d.title)).not.toContain('Working')
    const denied = await s.atelier.deliverables
      .open(s.clientScope, { deliverableId: internal.id, version: 1 })
      .catch((e: unknown) => e)
    expect(isAtelierError(denied, 'not_found')).toBe(true)
    const logo = visible.find((d) => d.kind === 'final')!
    await s.atelier.deliverables.open(s.clientScope, { deliverableId: logo.id, version: 1 })
    await s.atelier.projects.view(s.clientScope, s.project.id)
    const log = await s.atelier.audit.accessLog(s.scope, s.project.id)
    expect(log.map((e) => [e.viewer.kind, e.action, e.file?.deliverableId])).toEqual([
      ['client', 'view', undefined],
      ['client', 'download', logo.id],
    ])
  })

  it('treats the newest version uploaded again as a retry: same version, nothing superseded', async () => {
    const s = await seedProject(createAtelier({ storage: memoryStorage() }))
    await advanceTo(s, 'proposal')
    const d = await s.atelier.deliverables.create(s.scope, {
      projectId: s.project.id,
      kind: 'proposal',
      title: 'Concept',
    })
    const bytes = new TextEncoder().encode('concept v1')
    const first = await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: d.id, filename: 'c.pdf', mediaType: 'application/pdf' },
      bytes,
    )
    const so = await s.atelier.signoffs.create(s.scope, {
      projectId: s.project.id,
      purpose: 'proposal',
      files: [{ deliverableId: d.id, version: 1 }],
    })
    const again = await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: d.id, filename: 'c.pdf', mediaType: 'application/pdf' },
      bytes,
    )
    expect(again).toEqual(first)
    expect((await s.atelier.signoffs.get(s.scope, so.signoff.id)).status).toBe('pending')
    const changed = await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: d.id, filename: 'c.pdf', mediaType: 'application/pdf' },
      new TextEncoder().encode('concept v2'),
    )
    expect(changed.n).toBe(2)
  })

  it('names only what a client asked for when refusing', async () => {
    const s = await seedProject(createAtelier({ storage: memoryStorage() }))
    await advanceTo(s, 'production')
    const logo = (await s.atelier.deliverables.list(s.scope, s.project.id)).find(
      (d) => d.kind === 'final',
    )!
    const other = await s.atelier.clients.create(s.scope, { name: 'Other' })
    const otherScope = {
      studioId: s.studioId,
      actor: { kind: 'client' as const, id: other.id, label: 'Other' },
    }
    const error = await s.atelier.deliverables
      .open(otherScope, { deliverableId: logo.id, version: 1 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'not_found', message: `deliverable ${logo.id} not found` })
    expect((error as Error).message).not.toContain(s.project.id)
  })
})
