import { beforeEach, describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { isAtelierError } from '../errors/atelier-error.js'
import type { Project } from '../project/project.js'
import type { Signoff } from '../sign-off/signoff.js'
import { memoryStorage } from '../storage/memory-storage.js'
import type { Storage } from '../storage/storage-port.js'
import { fakeFile } from '../testing/journey.js'
import { advanceTo, type Scenario, seedProject } from '../testing/scenario.js'

type Stale = { table: 'signoffs'; row: Signoff } | { table: 'projects'; row: Project }

/**
 * A storage whose next transaction reads `stale` in place of the stored row: as if it had read
 * the row just before a concurrent transaction changed it, which Postgres at READ COMMITTED lets
 * happen between two requests on two server processes. Transactions after that one read the
 * truth. Counts the transactions it runs.
 */
function staleReads(inner: Storage) {
  let armed: Stale | undefined
  let transactions = 0
  const storage: Storage = {
    ...inner,
    transaction: (fn, options) =>
      inner.transaction((tx) => {
        transactions++
        const stale = armed
        armed = undefined
        if (!stale) return fn(tx)
        const swap = <T extends { id: string }>(row: T) =>
          row.id === stale.row.id ? (stale.row as unknown as T) : row
        return fn({
          ...tx,
          scoped: (studioId) => {
            const repos = tx.scoped(studioId)
            const table = repos[stale.table] as unknown as {
              get(id: string): Promise<{ id: string } | undefined>
              listByProject?(projectId: string): Promise<{ id: string }[]>
            }
            return {
              ...repos,
              [stale.table]: {
                ...table,
                get: async (id: string) => {
                  const row = await table.get(id)
                  return row && swap(row)
                },
                ...(table.listByProject && {
                  listByProject: async (projectId: string) =>
                    (await table.listByProject!(projectId)).map(swap),
                }),
              },
            }
          },
        })
      }, options),
  }
  return {
    storage,
    arm: (stale: Stale) => {
      armed = stale
    },
    transactions: () => transactions,
  }
}

describe('a compare-and-set that loses to a concurrent transaction', () => {
  let s: Scenario
  let db: ReturnType<typeof staleReads>
  const clock = () => new Date('2026-11-22T08:00:00.000Z')

  beforeEach(async () => {
    db = staleReads(memoryStorage())
    s = await seedProject(createAtelier({ storage: db.storage, clock }))
  })

  /** A pending proposal sign-off, its stored record as read now, then decided by the client. */
  async function decidedBehindTheirBack() {
    const project = await advanceTo(s, 'proposal')
    const concept = await s.atelier.deliverables.create(s.scope, {
      projectId: project.id,
      kind: 'proposal',
      title: 'Concept A',
    })
    await s.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: concept.id, filename: 'a.pdf', mediaType: 'application/pdf' },
      fakeFile('concept'),
    )
    const { signoff, token } = await s.atelier.signoffs.create(s.scope, {
      projectId: project.id,
      purpose: 'proposal',
      files: [{ deliverableId: concept.id, version: 1 }],
    })
    const pending = await s.atelier.signoffs.get(s.scope, signoff.id)
    await s.atelier.signoffs.decide(token, { outcome: 'approved', name: '李明' })
    return { project: await s.atelier.projects.get(s.scope, project.id), pending }
  }

  it('re-runs a withdrawal, which then finds the sign-off decided (409), never a version mismatch', async () => {
    const { pending } = await decidedBehindTheirBack()
    db.arm({ table: 'signoffs', row: pending })
    const before = db.transactions()
    const error = await s.atelier.signoffs.revoke(s.scope, pending.id).catch((e: unknown) => e)
    expect(isAtelierError(error, 'conflict')).toBe(true)
    expect((error as Error).message).toMatch(/the sign-off is approved; only a pending one/)
    expect(db.transactions() - before).toBe(2)
    expect((await s.atelier.signoffs.get(s.scope, pending.id)).status).toBe('approved')
  })

  it('re-runs a cancellation, which then leaves the decided sign-off as it is', async () => {
    const { project, pending } = await decidedBehindTheirBack()
    db.arm({ table: 'signoffs', row: pending })
    const cancelled = await s.atelier.projects.move(s.scope, {
      id: project.id,
      version: project.version,
      to: 'cancelled',
      reason: 'the client withdrew',
    })
    expect(cancelled.state).toBe('cancelled')
    expect((await s.atelier.signoffs.get(s.scope, pending.id)).status).toBe('approved')
    const events = await s.atelier.audit.list(s.scope, project.id)
    expect(events.filter((e) => e.action === 'signoff.revoked')).toEqual([])
    expect((await s.atelier.audit.verify(s.scope, project.id)).valid).toBe(true)
  })

  it("still refuses the caller's own stale version as a version mismatch, naming the current one", async () => {
    const read = await s.atelier.projects.get(s.scope, s.project.id)
    await s.atelier.projects.update(s.scope, {
      id: read.id,
      version: read.version,
      title: 'Theirs',
    })
    db.arm({ table: 'projects', row: read })
    const mine = s.atelier.projects.update(s.scope, {
      id: read.id,
      version: read.version,
      title: 'Mine',
    })
    const error = await mine.catch((e: unknown) => e)
    expect(isAtelierError(error, 'version_mismatch')).toBe(true)
    expect((error as { details: unknown }).details).toMatchObject({
      currentVersion: read.version + 1,
    })
    expect((await s.atelier.projects.get(s.scope, read.id)).title).toBe('Theirs')
  })
})
