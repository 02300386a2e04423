import {
  createAtelier,
  isAtelierError,
  memoryStorage,
  verifyAuditChain,
  verifyReceipt,
} from '@atelier/core'
import type { Storage } from '@atelier/core/storage'
import { runJourney } from '@atelier/core/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type BulkRows, bulkInsert, type SqlStorage } from '../src/index.js'
import { onEachDatabase } from './databases.js'

/** Every row of one studio in `storage`, read back through the port. */
async function dump(storage: Storage, studioId: string): Promise<Required<BulkRows>> {
  return storage.transaction(async (tx) => {
    const s = tx.scoped(studioId)
    const projects = await s.projects.list({ limit: 100 })
    const perProject = async <T>(list: (id: string) => Promise<T[]>) =>
      (await Promise.all(projects.map((p) => list(p.id)))).flat()
    const signoffs = await perProject((id) => s.signoffs.listByProject(id))
    const receipts = await perProject((id) => s.receipts.listByProject(id))
    const clients = await s.clients.list({ limit: 100 })
    return {
      studios: [(await tx.studios.get(studioId))!],
      lookups: [
        ...signoffs.map((x) => ({ key: `signoff:${x.tokenHash}`, studioId, refId: x.id })),
        ...receipts.map((x) => ({ key: `receipt:${x.id}`, studioId, refId: x.id })),
      ],
      members: await s.members.list({ removed: true }),
      invitations: await s.invitations.list(),
      clients,
      apiKeys: await s.apiKeys.list(),
      clientTokens: (
        await Promise.all(clients.map((c) => s.clientTokens.listByClient(c.id)))
      ).flat(),
      projects,
      deliverables: await perProject((id) => s.deliverables.listByProject(id)),
      versions: await perProject((id) => s.versions.listByProject(id)),
      rounds: await perProject((id) => s.rounds.listByProject(id)),
      signoffs,
      receipts,
      grants: await perProject((id) => s.grants.listByProject(id)),
      consents: await perProject((id) => s.consents.listByProject(id)),
      audit: await perProject((id) => s.audit.list(id)),
      accessLog: await perProject((id) => s.accessLog.list(id)),
    }
  })
}

onEachDatabase('bulkInsert', (open) => {
  let storage: SqlStorage
  let source: Storage
  let journey: Awaited<ReturnType<typeof runJourney>>
  let rows: Required<BulkRows>
  beforeAll(async () => {
    source = memoryStorage()
    journey = await runJourney(createAtelier({ storage: source }))
    rows = await dump(source, journey.studioId)
    storage = await open()
  })
  afterAll(() => storage.close())

  it('writes every table so the repositories read back the same rows', async () => {
    const count = Object.values(rows).reduce((n, list) => n + list.length, 0)
    expect(rows.audit.length).toBeGreaterThan(10)
    expect(await bulkInsert(storage, rows)).toBe(count)
    expect(await dump(storage, journey.studioId)).toEqual(rows)
  })

  it('leaves a working studio: chains verify, receipts resolve, the tracker reads', async () => {
    const atelier = createAtelier({ storage })
    expect(verifyAuditChain(rows.audit).valid).toBe(true)
    const { receipt, publicKeys } = await atelier.signoffs.receipt(journey.finalReceipt.id)
    expect((await verifyReceipt(receipt, publicKeys, journey.finalFiles)).valid).toBe(true)
    const view = await atelier.projects.view(
      { studioId: journey.studioId, actor: { kind: 'client', id: journey.clientId, label: 'c' } },
      journey.projectId,
    )
    expect(view.state).toBe('aftercare')
    expect(view.activity?.length).toBeGreaterThan(5)
    await atelier.projects.addNote(journey.scope, { projectId: journey.projectId, text: 'more' })
    const chain = await atelier.audit.list(journey.scope, journey.projectId)
    expect(verifyAuditChain(chain).valid).toBe(true)
    expect(chain).toHaveLength(rows.audit.length + 1)
  })

  it('writes nothing when one row is a duplicate', async () => {
    const before = await dump(storage, journey.studioId)
    const client = { ...rows.clients[0]!, id: 'cli_00000000000000000000000000' }
    const error = await bulkInsert(storage, {
      clients: [client],
      projects: [rows.projects[0]!],
    }).catch((e: unknown) => e)
    expect(isAtelierError(error) && error.code).toBe('conflict')
    expect(await dump(storage, journey.studioId)).toEqual(before)
  })

  it('refuses text it cannot store, like the repositories', async () => {
    const bad = { ...rows.clients[0]!, id: 'cli_11111111111111111111111111', name: 'a\u0000b' }
    const error = await bulkInsert(storage, { clients: [bad] }).catch((e: unknown) => e)
    expect(isAtelierError(error) && error.code).toBe('invalid_input')
  })
})
