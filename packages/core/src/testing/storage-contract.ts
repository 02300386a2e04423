import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAtelierError } from '../errors/atelier-error.js'
import type { Storage } from '../storage/storage-port.js'
import { fixtures } from './fixtures.js'
import { runQueryContract } from './query-contract.js'
import { runServiceContract } from './service-contract.js'

export interface StorageContractOptions {
  /** Names the suite, e.g. `sqlite file`. */
  name: string
  /** A fresh, migrated, empty storage. */
  create: () => Storage | Promise<Storage>
}

/**
 * The behaviour every storage adapter must have, as a Vitest suite: atomic transactions,
 * compare-and-set updates, structural tenant scoping, faithful round trips of documents and
 * times, ordering and paging, and the whole service running on top of it. Call it from a
 * test file of the adapter.
 *
 * @example
 * import { runStorageContract } from '@atelier/core/testing'
 * runStorageContract({ name: 'sqlite file', create: () => openSqlite(tmpFile()) })
 */
export function runStorageContract(options: StorageContractOptions): void {
  describe(`storage contract: ${options.name}`, () => {
    let storage: Storage
    beforeAll(async () => {
      storage = await options.create()
    })
    afterAll(async () => {
      await storage?.close()
    })

    /** A studio with a client and a project, committed. */
    async function seed() {
      const studio = fixtures.studio()
      const client = fixtures.client(studio.id)
      const project = fixtures.project(studio.id, client.id)
      await storage.transaction(async (tx) => {
        await tx.studios.insert(studio)
        const s = tx.scoped(studio.id)
        await s.clients.insert(client)
        await s.projects.insert(project)
      })
      return { studio, client, project }
    }

    it('round-trips documents exactly: unicode, nesting, absent optionals stay absent', async () => {
      const { studio, project } = await seed()
      const read = await storage.transaction(async (tx) => ({
        studio: await tx.studios.get(studio.id),
        project: await tx.scoped(studio.id).projects.get(project.id),
      }))
      expect(read.studio).toEqual(studio)
      expect(read.project).toEqual(project)
      expect(read.project).not.toHaveProperty('delivery')
      expect(Object.keys(read.project!).sort()).toEqual(Object.keys(project).sort())
    })

    it('keeps times as the same UTC instants', async () => {
      const { studio, client } = await seed()
      const times = [
        '2026-01-01T00:00:00.000Z',
        '2026-06-30T23:59:59.999Z',
        '1999-12-31T16:00:00.123Z',
      ]
      for (const at of times) {
        const p = fixtures.project(studio.id, client.id, { createdAt: at, updatedAt: at })
        await storage.transaction((tx) => tx.scoped(studio.id).projects.insert(p))
        const back = await storage.transaction((tx) => tx.scoped(studio.id).projects.get(p.id))
        expect(back?.createdAt).toBe(at)
      }
    })

    it('returns undefined for what does not exist', async () => {
      const { studio } = await seed()
      await storage.transaction(async (tx) => {
        const s = tx.scoped(studio.id)
        expect(await tx.studios.get('std_0000000000000000000000000')).toBeUndefined()
        expect(await s.projects.get('prj_0000000000000000000000000')).toBeUndefined()
        expect(await s.versions.get('dlv_0000000000000000000000000', 1)).toBeUndefined()
        expect(await s.audit.head('prj_0000000000000000000000000')).toBeUndefined()
        expect(await tx.lookups.get('signoff:nothing')).toBeUndefined()
      })
    })

    it('refuses a duplicate insert with conflict', async () => {
      const { studio, client } = await seed()
      const error = await storage
        .transaction((tx) => tx.scoped(studio.id).clients.insert(client))
        .catch((e: unknown) => e)
      expect(isAtelierError(error, 'conflict')).toBe(true)
    })

    it('updates with compare-and-set on version', async () => {
      const { studio, project } = await seed()
      const repo = (tx: Parameters<Parameters<Storage['transaction']>[0]>[0]) =>
        tx.scoped(studio.id).projects
      const next = { ...project, title: 'v2', version: 2 }
      expect(await storage.transaction((tx) => repo(tx).update(next, 1))).toBe(true)
      expect(
        await storage.transaction((tx) =>
          repo(tx).update({ ...next, title: 'stale', version: 2 }, 1),
        ),
      ).toBe(false)
      expect((await storage.transaction((tx) => repo(tx).get(project.id)))?.title).toBe('v2')
    })

    it('rolls back every write of a transaction that throws, across repositories', async () => {
      const { studio, client, project } = await seed()
      const extra = fixtures.project(studio.id, client.id)
      const events = fixtures.auditEvents(studio.id, project.id, 2)
      const boom = new Error('half-way')
      await expect(
        storage.transaction(async (tx) => {
          const s = tx.scoped(studio.id)
          await s.projects.update({ ...project, stage: 'research', version: 2 }, 1)
          await s.audit.append(events[0]!)
          await s.projects.insert(extra)
          await tx.lookups.insert({
            key: `signoff:${extra.id}`,
            studioId: studio.id,
            refId: extra.id,
          })
          throw boom
        }),
      ).rejects.toBe(boom)
      await storage.transaction(async (tx) => {
        const s = tx.scoped(studio.id)
        expect((await s.projects.get(project.id))?.stage).toBe('requirements')
        expect(await s.projects.get(extra.id)).toBeUndefined()
        expect(await s.audit.head(project.id)).toBeUndefined()
        expect(await tx.lookups.get(`signoff:${extra.id}`)).toBeUndefined()
      })
    })

    it('serialises concurrent compare-and-set updates: exactly one wins', async () => {
      const { studio, project } = await seed()
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          storage.transaction((tx) =>
            tx.scoped(studio.id).projects.update({ ...project, title: `t${i}`, version: 2 }, 1),
          ),
        ),
      )
      expect(results.filter(Boolean)).toHaveLength(1)
    })

    it('scopes every studio-owned repository: studio B sees nothing of studio A', async () => {
      const a = await seed()
      const b = await seed()
      const d = fixtures.deliverable(a.studio.id, a.project.id)
      const v = fixtures.fileVersion(a.studio.id, a.project.id, d.id, 1)
      const r = fixtures.round(a.studio.id, a.project.id, 1)
      const so = fixtures.signoff(a.studio.id, a.project.id)
      const ev = fixtures.auditEvents(a.studio.id, a.project.id, 1)[0]!
      const T = '2026-11-22T08:00:00.000Z'
      await storage.transaction(async (tx) => {
        const s = tx.scoped(a.studio.id)
        await s.deliverables.insert(d)
        await s.versions.insert(v)
        await s.rounds.insert(r)
        await s.signoffs.insert(so)
        await s.audit.append(ev)
        await s.apiKeys.insert({
          id: 'key_a',
          studioId: a.studio.id,
          kind: 'secret',
          label: 'a',
          tokenHash: 'h',
          hint: 'abcd',
          createdAt: T,
          version: 1,
        })
        await s.clientTokens.insert({
          id: 'ctk_a',
          studioId: a.studio.id,
          clientId: a.client.id,
          kind: 'session',
          tokenHash: 'h',
          hint: 'abcd',
          createdAt: T,
          expiresAt: T,
          version: 1,
        })
        await s.receipts.insert({
          id: 'rct_a',
          studioId: a.studio.id,
          projectId: a.project.id,
          signoffId: so.id,
          receipt: {} as never,
          createdAt: T,
        })
        await s.grants.insert({
          id: 'grt_a',
          studioId: a.studio.id,
          projectId: a.project.id,
          party: { name: 'Printer' },
          email: 'p@example.com',
          files: [],
          expiresAt: T,
          consentSignoffId: so.id,
          consent: 'pending',
          nda: 'not_required',
          tokenHash: 'h',
          createdAt: T,
          updatedAt: T,
          version: 1,
        })
        await s.consents.insert({
          id: 'pfc_a',
          studioId: a.studio.id,
          projectId: a.project.id,
          scope: ['website'],
          signoffId: so.id,
          status: 'pending',
          createdAt: T,
          updatedAt: T,
          version: 1,
        })
        await s.accessLog.append({
          id: 'acc_a',
          studioId: a.studio.id,
          projectId: a.project.id,
          at: T,
          viewer: { kind: 'client', id: a.client.id },
          action: 'view',
        })
        await s.idempotency.insert({
          key: 'idem_a',
          fingerprint: 'f',
          state: 'done',
          createdAt: T,
          expiresAt: T,
        })
      })
      await storage.transaction(async (tx) => {
        const s = tx.scoped(b.studio.id)
        expect(await s.clients.get(a.client.id)).toBeUndefined()
        expect(await s.projects.get(a.project.id)).toBeUndefined()
        expect((await s.projects.list({ limit: 100 })).map((p) => p.id)).toEqual([b.project.id])
        expect((await s.clients.list({ limit: 100 })).map((c) => c.id)).toEqual([b.client.id])
        expect(await s.projects.list({ limit: 100, clientId: a.client.id })).toEqual([])
        expect(await s.deliverables.get(d.id)).toBeUndefined()
        expect(await s.deliverables.listByProject(a.project.id)).toEqual([])
        expect(await s.versions.get(d.id, 1)).toBeUndefined()
        expect(await s.versions.listByProject(a.project.id)).toEqual([])
        expect(await s.rounds.get(r.id)).toBeUndefined()
        expect(await s.rounds.listByProject(a.project.id)).toEqual([])
        expect(await s.signoffs.get(so.id)).toBeUndefined()
        expect(await s.signoffs.listByProject(a.project.id)).toEqual([])
        expect(await s.audit.head(a.project.id)).toBeUndefined()
        expect(await s.audit.list(a.project.id)).toEqual([])
        expect(await s.apiKeys.get('key_a')).toBeUndefined()
        expect(await s.apiKeys.list()).toEqual([])
        expect(await s.clientTokens.get('ctk_a')).toBeUndefined()
        expect(await s.clientTokens.listByClient(a.client.id)).toEqual([])
        expect(await s.receipts.get('rct_a')).toBeUndefined()
        expect(await s.receipts.listByProject(a.project.id)).toEqual([])
        expect(await s.grants.get('grt_a')).toBeUndefined()
        expect(await s.grants.listByProject(a.project.id)).toEqual([])
        expect(await s.consents.get('pfc_a')).toBeUndefined()
        expect(await s.consents.listByProject(a.project.id)).toEqual([])
        expect(await s.accessLog.list(a.project.id)).toEqual([])
        expect(await s.idempotency.get('idem_a')).toBeUndefined()
        // A forger writing A's rows through B's scope (with B's studio id on them) changes nothing.
        const asB = <T extends { studioId: string; version: number }>(row: T) => ({
          ...row,
          studioId: b.studio.id,
          version: row.version + 1,
        })
        expect(await s.projects.update(asB(a.project), 1)).toBe(false)
        expect(await s.clients.update(asB(a.client), 1)).toBe(false)
        expect(await s.deliverables.update(asB(d), 1)).toBe(false)
        expect(await s.rounds.update(asB(r), 1)).toBe(false)
        expect(await s.signoffs.update(asB(so), 1)).toBe(false)
      })
      const aSide = await storage.transaction((tx) =>
        tx.scoped(a.studio.id).projects.get(a.project.id),
      )
      expect(aSide?.version).toBe(1)
    })

    runQueryContract(() => storage, seed)

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
      await storage.transaction(async (tx) => {
        for (const studio of [a.studio, b.studio]) {
          const s = tx.scoped(studio.id)
          await s.idempotency.insert(record('old', '2026-11-22T07:59:59.999Z'))
          await s.idempotency.insert(record('now', '2026-11-22T08:00:00.000Z'))
          await s.idempotency.insert(record('live', '2026-11-23T08:00:00.000Z'))
        }
      })
      await storage.transaction((tx) =>
        tx.scoped(a.studio.id).idempotency.prune('2026-11-22T08:00:00.000Z'),
      )
      const left = await storage.transaction(async (tx) => {
        const keys = async (studioId: string) => {
          const s = tx.scoped(studioId)
          const rows = await Promise.all(['old', 'now', 'live'].map((k) => s.idempotency.get(k)))
          return rows.flatMap((row) => (row ? [row.key] : []))
        }
        return { a: await keys(a.studio.id), b: await keys(b.studio.id) }
      })
      expect(left).toEqual({ a: ['now', 'live'], b: ['old', 'now', 'live'] })
    })

    it('reads in read-only transactions, from one snapshot', async () => {
      const { studio, project } = await seed()
      let write: Promise<unknown> = Promise.resolve()
      const [first, second] = await storage.transaction(
        async (tx) => {
          const s = tx.scoped(studio.id)
          const before = await s.projects.get(project.id)
          // A write commits meanwhile (or waits for this transaction, where writes and reads
          // share one connection); either way this transaction goes on seeing its snapshot.
          write = storage.transaction((w) =>
            w.scoped(studio.id).projects.update({ ...project, title: 'renamed', version: 2 }, 1),
          )
          await Promise.race([write, new Promise((resolve) => setTimeout(resolve, 200))])
          return [before, await s.projects.get(project.id)]
        },
        { readOnly: true },
      )
      expect(await write).toBe(true)
      expect([first?.version, second?.version, second?.title]).toEqual([1, 1, project.title])
    })

    runServiceContract(() => storage)
  })
}
