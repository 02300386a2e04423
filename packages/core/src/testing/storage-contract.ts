import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAtelierError } from '../errors/atelier-error.js'
import type { Storage } from '../storage/storage-port.js'
import { fixtures } from './fixtures.js'
import { runMembersContract } from './members-contract.js'
import { runQueryContract } from './query-contract.js'
import { runRecordsContract } from './records-contract.js'
import { runServiceContract } from './service-contract.js'
import { runTenancyContract } from './tenancy-contract.js'
import { runViewsContract } from './views-contract.js'

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

    runTenancyContract(() => storage, seed)

    runQueryContract(() => storage, seed)
    runViewsContract(() => storage, seed)
    runRecordsContract(() => storage, seed)
    runMembersContract(() => storage, seed)

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
