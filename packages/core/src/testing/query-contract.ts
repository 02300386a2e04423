import { expect, it } from 'vitest'
import { isAtelierError } from '../errors/atelier-error.js'
import type { Storage } from '../storage/storage-port.js'
import { fixtures } from './fixtures.js'

/** A committed studio with a client and a project, fresh per call. */
export type Seed = () => Promise<{
  studio: ReturnType<typeof fixtures.studio>
  client: ReturnType<typeof fixtures.client>
  project: ReturnType<typeof fixtures.project>
}>

/**
 * The query half of the storage contract: ordering and paging, children per project, the audit
 * chain's sequence, lookups, counters and idempotency records. Run by `runStorageContract`.
 */
export function runQueryContract(store: () => Storage, seed: Seed): void {
  // The storage exists only once the suite's beforeAll has run: reach it per call.
  const transaction: Storage['transaction'] = (fn, options) => store().transaction(fn, options)
  it('lists newest first with cursor paging and filters', async () => {
    const { studio, client, project } = await seed()
    const other = fixtures.client(studio.id)
    const more = [
      fixtures.project(studio.id, client.id, { stage: 'proposal' }),
      fixtures.project(studio.id, other.id, { stage: 'proposal' }),
      fixtures.project(studio.id, client.id),
    ]
    await transaction(async (tx) => {
      await tx.scoped(studio.id).clients.insert(other)
      for (const p of more) await tx.scoped(studio.id).projects.insert(p)
    })
    await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      const all = [project, ...more].map((p) => p.id).reverse()
      expect((await s.projects.list({ limit: 10 })).map((p) => p.id)).toEqual(all)
      const first = await s.projects.list({ limit: 2 })
      const second = await s.projects.list({ limit: 2, cursor: first.at(-1)!.id })
      expect([...first, ...second].map((p) => p.id)).toEqual(all)
      expect((await s.projects.list({ limit: 10, clientId: client.id })).map((p) => p.id)).toEqual(
        [project, more[0]!, more[2]!].map((p) => p.id).reverse(),
      )
      expect((await s.projects.list({ limit: 10, stage: 'proposal' })).map((p) => p.id)).toEqual(
        [more[0]!, more[1]!].map((p) => p.id).reverse(),
      )
      expect(
        (await s.projects.list({ limit: 10, stage: 'proposal', clientId: other.id })).map(
          (p) => p.id,
        ),
      ).toEqual([more[1]!.id])
    })
  })

  it('keeps versions per deliverable and children per project', async () => {
    const { studio, project } = await seed()
    const d1 = fixtures.deliverable(studio.id, project.id)
    const d2 = fixtures.deliverable(studio.id, project.id, { kind: 'proposal', title: '提案' })
    await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      await s.deliverables.insert(d1)
      await s.deliverables.insert(d2)
      for (const n of [1, 2, 3])
        await s.versions.insert(
          fixtures.fileVersion(
            studio.id,
            project.id,
            d1.id,
            n,
            n === 2 ? { round: 1, note: '改了颜色' } : {},
          ),
        )
      await s.versions.insert(fixtures.fileVersion(studio.id, project.id, d2.id, 1))
    })
    await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      expect((await s.deliverables.listByProject(project.id)).map((d) => d.id)).toEqual([
        d1.id,
        d2.id,
      ])
      const v2 = await s.versions.get(d1.id, 2)
      expect(v2).toEqual(
        fixtures.fileVersion(studio.id, project.id, d1.id, 2, { round: 1, note: '改了颜色' }),
      )
      expect(await s.versions.get(d1.id, 1)).not.toHaveProperty('round')
      const all = await s.versions.listByProject(project.id)
      expect(all).toHaveLength(4)
      expect(all.filter((v) => v.deliverableId === d1.id).map((v) => v.n)).toEqual([1, 2, 3])
    })
    const dup = await transaction((tx) =>
      tx.scoped(studio.id).versions.insert(fixtures.fileVersion(studio.id, project.id, d1.id, 2)),
    ).catch((e: unknown) => e)
    expect(isAtelierError(dup, 'conflict')).toBe(true)
  })

  it('appends audit events in sequence; a taken sequence number is a write_conflict', async () => {
    const { studio, project } = await seed()
    const events = fixtures.auditEvents(studio.id, project.id, 5)
    await transaction(async (tx) => {
      for (const e of events) await tx.scoped(studio.id).audit.append(e)
    })
    const clash = await transaction((tx) =>
      tx.scoped(studio.id).audit.append({ ...events[4]!, data: { other: true } }),
    ).catch((e: unknown) => e)
    expect(isAtelierError(clash, 'write_conflict')).toBe(true)
    await transaction(async (tx) => {
      const a = tx.scoped(studio.id).audit
      expect(await a.head(project.id)).toEqual({ seq: 5, hash: events[4]!.hash })
      expect(await a.list(project.id)).toEqual(events)
      expect((await a.list(project.id, { visibility: 'client' })).map((e) => e.seq)).toEqual([
        1, 3, 5,
      ])
      expect((await a.list(project.id, { order: 'desc', limit: 2 })).map((e) => e.seq)).toEqual([
        5, 4,
      ])
      expect(
        (await a.list(project.id, { order: 'desc', limit: 2, visibility: 'internal' })).map(
          (e) => e.seq,
        ),
      ).toEqual([4, 2])
    })
  })

  it('keeps lookups write-once and global', async () => {
    const { studio } = await seed()
    const key = `receipt:${studio.id}`
    await transaction((tx) => tx.lookups.insert({ key, studioId: studio.id, refId: 'rct_1' }))
    expect(await transaction((tx) => tx.lookups.get(key))).toEqual({
      key,
      studioId: studio.id,
      refId: 'rct_1',
    })
    const dup = await transaction((tx) =>
      tx.lookups.insert({ key, studioId: 'std_other', refId: 'x' }),
    ).catch((e: unknown) => e)
    expect(isAtelierError(dup, 'conflict')).toBe(true)
  })

  it('counts rate-limit hits per window and prunes old windows', async () => {
    const key = `rl:${Math.random()}`
    const hit = (w: number) => transaction((tx) => tx.counters.hit(key, w))
    expect(await hit(1000)).toBe(1)
    expect(await hit(1000)).toBe(2)
    expect(await Promise.all([hit(1000), hit(1000), hit(1000)])).toEqual(
      expect.arrayContaining([3, 4, 5]),
    )
    expect(await hit(2000)).toBe(1)
    await transaction((tx) => tx.counters.prune(3000))
    expect(await hit(2000)).toBe(1)
  })

  it('stores idempotency records: insert-if-absent, replace, delete', async () => {
    const { studio } = await seed()
    const row = {
      key: 'k1',
      fingerprint: 'f1',
      state: 'in_flight' as const,
      createdAt: '2026-11-22T08:00:00.000Z',
      expiresAt: '2026-11-23T08:00:00.000Z',
    }
    await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      expect(await s.idempotency.insert(row)).toBe(true)
      expect(await s.idempotency.insert({ ...row, fingerprint: 'other' })).toBe(false)
      const done = {
        ...row,
        state: 'done' as const,
        response: { status: 201, body: { id: 'x', 名: '值' }, headers: { etag: '"1"' } },
      }
      await s.idempotency.put(done)
      expect(await s.idempotency.get('k1')).toEqual(done)
      await s.idempotency.delete('k1')
      expect(await s.idempotency.get('k1')).toBeUndefined()
    })
  })

  it("prunes a studio's expired idempotency records, and only that studio's", async () => {
    const a = await seed()
    const b = await seed()
    const record = (key: string, expiresAt: string) => ({
      key,
      fingerprint: 'f',
      state: 'done' as const,
      createdAt: '2026-11-21T08:00:00.000Z',
      expiresAt,
    })
    await transaction(async (tx) => {
      for (const studio of [a.studio, b.studio]) {
        const s = tx.scoped(studio.id)
        await s.idempotency.insert(record('old', '2026-11-22T07:59:59.999Z'))
        await s.idempotency.insert(record('now', '2026-11-22T08:00:00.000Z'))
        await s.idempotency.insert(record('live', '2026-11-23T08:00:00.000Z'))
      }
    })
    await transaction((tx) => tx.scoped(a.studio.id).idempotency.prune('2026-11-22T08:00:00.000Z'))
    const left = await transaction(async (tx) => {
      const keys = async (studioId: string) => {
        const s = tx.scoped(studioId)
        const rows = await Promise.all(['old', 'now', 'live'].map((k) => s.idempotency.get(k)))
        return rows.flatMap((row) => (row ? [row.key] : []))
      }
      return { a: await keys(a.studio.id), b: await keys(b.studio.id) }
    })
    expect(left).toEqual({ a: ['now', 'live'], b: ['old', 'now', 'live'] })
  })
}
