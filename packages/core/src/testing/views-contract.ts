import { expect, it } from 'vitest'
import type { ClientToken } from '../credential/credential.js'
import type { Storage, StoredView } from '../storage/storage-port.js'
import { fixtures } from './fixtures.js'
import type { Seed } from './query-contract.js'

/**
 * The stored project views: a document read back as it was put, current only while the
 * project's audit chain ends at its head, gone once marked stale (by client, or for the whole
 * studio), a marker written before any document, every studio seeing only its own, and the
 * tracker read of a view with its token.
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
    doc: new TextEncoder().encode('{"name":"青禾 “brand”","n":1}'),
    validUntil: '2031-01-01T00:00:00.000Z',
    head: 0,
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

  it('reads a view only while the audit chain ends at its head; marks stale by client and studio', async () => {
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
    const heads = new Map(all.map((id) => [id, 0]))
    const stored = async () =>
      store().transaction(async (tx) => {
        const views = tx.scoped(studio.id).views
        const found = await Promise.all(all.map((id) => views.get(id, 'client')))
        return found.map((v) => v !== undefined)
      })
    const putAll = () =>
      store().transaction(async (tx) => {
        for (const id of all)
          await tx.scoped(studio.id).views.put({ ...doc(id, client.id), head: heads.get(id)! })
      })
    await putAll()
    expect(await stored()).toEqual([true, true, true])
    // Two events on one project: its view (built at 0) is no longer current; a view built at
    // the new head is.
    const events = fixtures.auditEvents(studio.id, other.id, 2)
    await store().transaction(async (tx) => {
      for (const e of events) await tx.scoped(studio.id).audit.append(e)
    })
    expect(await stored()).toEqual([true, false, true])
    heads.set(other.id, events.at(-1)!.seq)
    await putAll()
    expect(await stored()).toEqual([true, true, true])
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
      await tx.scoped(a.studio.id).views.invalidate({ clientId: a.client.id })
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
    expect(read.own?.doc).toEqual(doc(b.project.id, b.client.id).doc)
  })

  it('reads a client view with its token in one go: unknown, live, revoked, stale, another studio', async () => {
    const a = await seed()
    const b = await seed()
    const token = (over: Partial<ClientToken> = {}): ClientToken => ({
      id: `ctk_${Math.random().toString(36).slice(2)}`,
      studioId: a.studio.id,
      clientId: a.client.id,
      kind: 'access_link',
      tokenHash: `h${Math.random()}`,
      hint: 'abcd',
      createdAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2031-01-01T00:00:00.000Z',
      version: 1,
      ...over,
    })
    const live = token()
    const revoked = token({ revokedAt: '2030-02-01T00:00:00.000Z' })
    await store().transaction(async (tx) => {
      await tx.scoped(a.studio.id).clientTokens.insert(live)
      await tx.scoped(a.studio.id).clientTokens.insert(revoked)
    })
    const read = (tokenId: string, studioId = a.studio.id, projectId = a.project.id) =>
      store().readClientView({ studioId, projectId, tokenId })
    const state = { clientId: a.client.id, expiresAt: live.expiresAt }

    expect(await read('ctk_unknown')).toEqual({})
    expect(await read(live.id)).toEqual({ token: state })
    await store().transaction((tx) =>
      tx.scoped(a.studio.id).views.put(doc(a.project.id, a.client.id)),
    )
    expect(await read(live.id)).toEqual({ token: state, view: doc(a.project.id, a.client.id) })
    expect(await read(revoked.id)).toEqual({
      token: { ...state, revokedAt: revoked.revokedAt },
      view: doc(a.project.id, a.client.id),
    })
    // Another studio's id finds neither its token nor its view.
    expect(await read(live.id, b.studio.id)).toEqual({})
    expect(await read(live.id, a.studio.id, b.project.id)).toEqual({ token: state })
    // A change to the project (an audit event) leaves the token's state and no current view.
    await store().transaction((tx) =>
      tx.scoped(a.studio.id).audit.append(fixtures.auditEvents(a.studio.id, a.project.id, 1)[0]!),
    )
    expect(await read(live.id)).toEqual({ token: state })
  })
}
