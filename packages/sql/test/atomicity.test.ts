import { type Atelier, createAtelier, type Scope } from '@atelier/core'
import type { Storage } from '@atelier/core/storage'
import { fakeFile } from '@atelier/core/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SqlStorage } from '../src/index.js'
import { onEachDatabase } from './databases.js'

const crash = new Error('the process failed half-way')

/**
 * The storage, with a fault switch: while armed, `audit.append` and `lookups.insert` perform
 * their write and then throw, as if the process failed right after it.
 */
function faulty(storage: Storage) {
  const fault = { armed: '' as '' | 'audit' | 'lookup' }
  const wrapped: Storage = {
    close: () => storage.close(),
    readClientView: (query) => storage.readClientView(query),
    transaction: (fn, options) =>
      storage.transaction(
        (tx) =>
          fn({
            ...tx,
            lookups: {
              ...tx.lookups,
              async insert(row) {
                await tx.lookups.insert(row)
                if (fault.armed === 'lookup') throw crash
              },
            },
            scoped(studioId) {
              const repos = tx.scoped(studioId)
              return {
                ...repos,
                audit: {
                  ...repos.audit,
                  async append(event) {
                    await repos.audit.append(event)
                    if (fault.armed === 'audit') throw crash
                  },
                },
              }
            },
          }),
        options,
      ),
  }
  return { storage: wrapped, fault }
}

const brief = {
  goals: 'a younger brand',
  audience: 'city workers, 18–30',
  style: 'fresh',
  usage: ['print'] as 'print'[],
  deliverableTypes: ['logo'],
  budget: { amount: 100_000, currency: 'CNY' },
  deadline: '2027-01-31',
}

onEachDatabase('a transaction failing half-way leaves nothing behind', (open) => {
  let storage: SqlStorage
  let atelier: Atelier
  let fault: { armed: '' | 'audit' | 'lookup' }
  let scope: Scope
  beforeAll(async () => {
    storage = await open()
    const f = faulty(storage)
    fault = f.fault
    atelier = createAtelier({ storage: f.storage })
    const studio = await atelier.studios.create({ name: 'Atomic' })
    scope = { studioId: studio.id, actor: { kind: 'staff', id: 'st', label: 'Staff' } }
  })
  afterAll(() => storage.close())

  async function project() {
    const client = await atelier.clients.create(scope, { name: '李明' })
    const p = await atelier.projects.create(scope, { clientId: client.id, title: 'Atomic' })
    return atelier.projects.update(scope, { id: p.id, version: p.version, brief })
  }

  it('a stage move: the project update and its audit event both roll back', async () => {
    const before = await project()
    const chain = await atelier.audit.list(scope, before.id)
    fault.armed = 'audit'
    const move = { id: before.id, version: before.version, to: 'research' as const }
    await expect(atelier.projects.move(scope, move)).rejects.toBe(crash)
    fault.armed = ''

    expect(await atelier.projects.view(scope, before.id)).toEqual(before)
    expect(await atelier.audit.list(scope, before.id)).toEqual(chain)
    const moved = await atelier.projects.move(scope, move)
    expect(moved).toMatchObject({ state: 'research', version: before.version + 1 })
    expect(await atelier.audit.verify(scope, before.id)).toMatchObject({ valid: true })
  })

  it('an approval: sign-off, audit event, receipt and lookup all roll back', async () => {
    const p = await project()
    const proposal = await atelier.projects.move(scope, {
      id: p.id,
      version: p.version,
      to: 'proposal',
      reason: 'no research needed',
    })
    const concept = await atelier.deliverables.create(scope, {
      projectId: proposal.id,
      kind: 'proposal',
      title: 'Concept',
    })
    await atelier.deliverables.addVersion(
      scope,
      { deliverableId: concept.id, filename: 'c.pdf', mediaType: 'application/pdf' },
      fakeFile('concept'),
    )
    const { token, signoff } = await atelier.signoffs.create(scope, {
      projectId: p.id,
      purpose: 'proposal',
      files: [{ deliverableId: concept.id, version: 1 }],
    })
    const chain = await atelier.audit.list(scope, p.id)
    const created = await atelier.signoffs.get(scope, signoff.id)
    fault.armed = 'lookup'
    const decision = { outcome: 'approved' as const, name: '李明' }
    await expect(atelier.signoffs.decide(token, decision)).rejects.toBe(crash)
    fault.armed = ''

    expect(await atelier.signoffs.get(scope, signoff.id)).toMatchObject({
      status: 'pending',
      version: created.version,
    })
    expect(await atelier.audit.list(scope, p.id)).toEqual(chain)
    const receipts = await storage.transaction((tx) =>
      tx.scoped(scope.studioId).receipts.listByProject(p.id),
    )
    expect(receipts).toEqual([])
    const lookups = await storage.db
      .selectFrom('lookups')
      .select('key')
      .where('studio_id', '=', scope.studioId)
      .where('key', 'like', 'receipt:%')
      .execute()
    expect(lookups).toEqual([])

    const decided = await atelier.signoffs.decide(token, decision)
    expect(decided).toMatchObject({ replayed: false, signoff: { status: 'approved' } })
    expect(await atelier.audit.verify(scope, p.id)).toMatchObject({ valid: true })
  })
})
