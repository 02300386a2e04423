import { type Atelier, createAtelier, isAtelierError, type Scope } from '@atelier/core'
import type { Storage } from '@atelier/core/storage'
import { fakeFile } from '@atelier/core/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../src/index.js'
import { postgresUrl, testSchema } from './postgres.js'
import { tempFolder } from './temp.js'

const brief = {
  goals: '年轻化的品牌形象',
  audience: '18–30 岁的城市白领',
  style: '清新、自然',
  usage: ['print', 'digital'] as ('print' | 'digital')[],
  deliverableTypes: ['logo'],
  budget: { amount: 4_800_000, currency: 'CNY' },
  deadline: '2027-01-31',
}

/** A studio with a client and a project whose brief is complete, still in `requirements`. */
async function briefedProject(atelier: Atelier) {
  const studio = await atelier.studios.create({ name: 'Race Studio' })
  const scope: Scope = { studioId: studio.id, actor: { kind: 'staff', id: 'st_1', label: 'Staff' } }
  const client = await atelier.clients.create(scope, { name: '李明' })
  const created = await atelier.projects.create(scope, { clientId: client.id, title: 'Race' })
  const project = await atelier.projects.update(scope, {
    id: created.id,
    version: created.version,
    brief,
  })
  return { scope, project }
}

const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises)

/**
 * The races of the issue, through the real service. `open` gives the service instances the
 * racing calls are spread over (one, or two as two server processes would have).
 */
function races(name: string, open: () => Promise<Storage[]>) {
  describe(name, () => {
    let storages: Storage[] = []
    let services: Atelier[] = []
    const service = (i: number) => services[i % services.length]!
    afterAll(async () => {
      for (const s of storages) await s.close()
    })

    it('50 concurrent decisions on one sign-off change its state exactly once', async () => {
      storages = await open()
      services = storages.map((storage) => createAtelier({ storage }))
      const { scope, project } = await briefedProject(service(0))
      const moved = await service(0).projects.move(scope, {
        id: project.id,
        version: project.version,
        to: 'proposal',
        reason: 'research done',
      })
      const concept = await service(0).deliverables.create(scope, {
        projectId: moved.id,
        kind: 'proposal',
        title: 'Concept A',
      })
      await service(0).deliverables.addVersion(
        scope,
        { deliverableId: concept.id, filename: 'a.pdf', mediaType: 'application/pdf' },
        fakeFile('concept a'),
      )
      const { token, signoff } = await service(0).signoffs.create(scope, {
        projectId: moved.id,
        purpose: 'proposal',
        files: [{ deliverableId: concept.id, version: 1 }],
      })
      const created = await service(0).signoffs.get(scope, signoff.id)

      const results = await settle(
        Array.from({ length: 50 }, (_, i) =>
          service(i).signoffs.decide(token, {
            outcome: i % 2 ? 'declined' : 'approved',
            name: '李明',
          }),
        ),
      )
      const decided = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
      const first = decided.filter((d) => !d.replayed)
      expect(first).toHaveLength(1)
      const outcome = first[0]!.signoff.status
      expect(decided.every((d) => d.signoff.status === outcome)).toBe(true)
      expect(decided).toHaveLength(25)
      expect(refused).toHaveLength(25)
      expect(refused.every((e) => isAtelierError(e, 'conflict'))).toBe(true)

      const stored = await service(1).signoffs.get(scope, signoff.id)
      expect(stored.version).toBe(created.version + 1)
      expect(stored.status).toBe(outcome)
      const events = await service(1).audit.list(scope, moved.id)
      expect(events.filter((e) => e.action === 'signoff.decided')).toHaveLength(1)
      expect((await service(1).audit.verify(scope, moved.id)).valid).toBe(true)
    })

    it('20 sign-offs, each withdrawn while it is decided: one of the two wins, never a version_mismatch', async () => {
      const { scope, project } = await briefedProject(service(0))
      const moved = await service(0).projects.move(scope, {
        id: project.id,
        version: project.version,
        to: 'proposal',
        reason: 'research done',
      })
      const concept = await service(0).deliverables.create(scope, {
        projectId: moved.id,
        kind: 'proposal',
        title: 'Concept A',
      })
      await service(0).deliverables.addVersion(
        scope,
        { deliverableId: concept.id, filename: 'a.pdf', mediaType: 'application/pdf' },
        fakeFile('concept a'),
      )
      for (let i = 0; i < 20; i++) {
        const { token, signoff } = await service(i).signoffs.create(scope, {
          projectId: moved.id,
          purpose: 'proposal',
          files: [{ deliverableId: concept.id, version: 1 }],
        })
        // Neither request names a version: whichever loses must be told what happened.
        const [revoked, decided] = await Promise.allSettled([
          service(i).signoffs.revoke(scope, signoff.id),
          service(i + 1).signoffs.decide(token, { outcome: 'approved', name: '李明' }),
        ])
        const stored = await service(i).signoffs.get(scope, signoff.id)
        const code = (r: PromiseSettledResult<unknown>) =>
          r.status === 'fulfilled' ? 'ok' : isAtelierError(r.reason) ? r.reason.code : r.reason
        expect([code(revoked), code(decided), stored.status]).toEqual(
          decided.status === 'fulfilled'
            ? ['conflict', 'ok', 'approved']
            : ['ok', 'gone', 'revoked'],
        )
      }
      expect((await service(1).audit.verify(scope, moved.id)).valid).toBe(true)
    })

    it('20 concurrent stage moves at one version: one succeeds, the rest are version_mismatch', async () => {
      const { scope, project } = await briefedProject(service(0))
      const results = await settle(
        Array.from({ length: 20 }, (_, i) =>
          service(i).projects.move(scope, {
            id: project.id,
            version: project.version,
            to: 'research',
          }),
        ),
      )
      const moved = results.filter((r) => r.status === 'fulfilled')
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
      expect(moved).toHaveLength(1)
      expect(refused).toHaveLength(19)
      expect(refused.every((e) => isAtelierError(e, 'version_mismatch'))).toBe(true)

      const stored = await service(1).projects.get(scope, project.id)
      expect(stored).toMatchObject({ stage: 'research', version: project.version + 1 })
      const events = await service(1).audit.list(scope, project.id)
      expect(events.filter((e) => e.action === 'project.moved')).toHaveLength(1)
    })
  })
}

const temp = tempFolder()
races('sqlite file', async () => [await openSqlite(temp.file('race.db'))])
races('sqlite file, two handles on one file', async () => {
  const file = temp.file('race-two.db')
  return [await openSqlite(file), await openSqlite(file)]
})

describe.skipIf(!postgresUrl)('postgres', () => {
  const db = testSchema('race')
  races('postgres, one pool', async () => [await db.open()])
  races('postgres, two pools (two server processes)', async () => [
    await db.open(),
    await db.open(),
  ])
})
