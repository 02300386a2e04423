import { expect, it } from 'vitest'
import type { Storage, StoredView } from '../storage/storage-port.js'
import { fixtures } from './fixtures.js'
import type { Seed } from './query-contract.js'

/**
 * The stored project views: a document read back as it was put, gone once marked stale (by
 * project, by client, or for the whole studio), a marker written before any document, and
 * every studio seeing only its own.
 *
 * @example
 * runViewsContract(() => storage, seed)
 */
export function runViewsContract(store: () => Storage, seed: Seed): void {
  const doc = (projectId: string, clientId: string): StoredView => ({
    projectId,
    viewer: 'client',
    clientId,
    etag: 'e1',
    doc: '{"name":"青禾 “brand”","n":1}',
    validUntil: '2031-01-01T00:00:00.000Z',
  })

  it('stores a view document and reads it back exactly, for its viewer kind only', async () => {
    const { studio, client, project } = await seed()
    const read = await store().transaction(async (tx) => {
      const views = tx.scoped(studio.id).views
      const before = await views.get(project.id, 'client')
      await views.put(doc(project.id, client.id))
      const { validUntil: _, ...timeless } = doc(project.id, client.id)
      return {
        before,
        after: await views.get(project.id, 'client'),
        staff: await views.get(project.id, 'staff'),
        replaced: await views.put(timeless).then(() => views.get(project.id, 'client')),
      }
    })
    expect(read.before).toBeUndefined()
    expect(read.after).toEqual(doc(project.id, client.id))
    expect(read.staff).toBeUndefined()
    expect(read.replaced).not.toHaveProperty('validUntil')
  })

  it('marks views stale by project, by client and for the whole studio', async () => {
    const { studio, client, project } = await seed()
    const other = fixtures.project(studio.id, client.id)
    const stranger = await store().transaction(async (tx) => {
      const c = fixtures.client(studio.id)
      const p = fixtures.project(studio.id, c.id)
      await tx.scoped(studio.id).clients.insert(c)
      await tx.scoped(studio.id).projects.insert(other)
      await tx.scoped(studio.id).projects.insert(p)
      return p
    })
    const all = [project.id, other.id, stranger.id]
    const stored = async () =>
      store().transaction(async (tx) => {
        const views = tx.scoped(studio.id).views
        const found = await Promise.all(all.map((id) => views.get(id, 'client')))
        return found.map((v) => v !== undefined)
      })
    const putAll = () =>
      store().transaction(async (tx) => {
        for (const id of all) await tx.scoped(studio.id).views.put(doc(id, client.id))
      })
    await putAll()
    await store().transaction((tx) =>
      tx.scoped(studio.id).views.invalidate({ projectIds: [other.id] }),
    )
    expect(await stored()).toEqual([true, false, true])
    await putAll()
    await store().transaction((tx) =>
      tx.scoped(studio.id).views.invalidate({ clientId: client.id }),
    )
    expect(await stored()).toEqual([false, false, true])
    await putAll()
    await store().transaction((tx) => tx.scoped(studio.id).views.invalidate('all'))
    expect(await stored()).toEqual([false, false, false])
  })

  it('a marker written before any document is a miss; a view of another studio is never read', async () => {
    const a = await seed()
    const b = await seed()
    await store().transaction(async (tx) => {
      await tx.scoped(a.studio.id).views.invalidate({ projectIds: [a.project.id] })
      await tx.scoped(b.studio.id).views.put(doc(b.project.id, b.client.id))
    })
    const read = await store().transaction(
      async (tx) => ({
        marker: await tx.scoped(a.studio.id).views.get(a.project.id, 'client'),
        foreign: await tx.scoped(a.studio.id).views.get(b.project.id, 'client'),
        own: await tx.scoped(b.studio.id).views.get(b.project.id, 'client'),
      }),
      { readOnly: true },
    )
    expect(read.marker).toBeUndefined()
    expect(read.foreign).toBeUndefined()
    expect(read.own?.doc).toBe(doc(b.project.id, b.client.id).doc)
  })
}
