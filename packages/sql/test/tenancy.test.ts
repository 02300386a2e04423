import { isAtelierError } from '@atelier/core'
import type { ScopedRepositories, StorageTransaction } from '@atelier/core/storage'
import { fixtures } from '@atelier/core/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SqlStorage } from '../src/index.js'
import { onEachDatabase } from './databases.js'

const T = '2026-11-22T08:00:00.000Z'

/** Studio A with one row in every versioned repository, and an empty studio B. */
async function seed(storage: SqlStorage) {
  const a = fixtures.studio()
  const b = fixtures.studio()
  const client = fixtures.client(a.id)
  const project = fixtures.project(a.id, client.id)
  const signoff = fixtures.signoff(a.id, project.id)
  const rows = {
    clients: client,
    projects: project,
    deliverables: fixtures.deliverable(a.id, project.id),
    rounds: fixtures.round(a.id, project.id, 1),
    signoffs: signoff,
    members: {
      id: 'mem_tenancy',
      studioId: a.id,
      userId: 'user_tenancy',
      name: 'Member',
      email: 'member@example.com',
      role: 'designer' as const,
      createdAt: T,
      updatedAt: T,
      version: 1,
    },
    invitations: {
      id: 'inv_tenancy',
      studioId: a.id,
      email: 'invited@example.com',
      role: 'viewer' as const,
      tokenHash: 'h',
      hint: 'abcd',
      invitedBy: { kind: 'member' as const, id: 'mem_tenancy', label: 'Member' },
      createdAt: T,
      expiresAt: T,
      version: 1,
    },
    apiKeys: {
      id: 'key_tenancy',
      studioId: a.id,
      kind: 'secret' as const,
      role: 'manager' as const,
      label: 'a',
      tokenHash: 'h',
      hint: 'abcd',
      createdAt: T,
      version: 1,
    },
    clientTokens: {
      id: 'ctk_tenancy',
      studioId: a.id,
      clientId: client.id,
      kind: 'session' as const,
      tokenHash: 'h',
      hint: 'abcd',
      createdAt: T,
      expiresAt: T,
      version: 1,
    },
    grants: {
      id: 'grt_tenancy',
      studioId: a.id,
      projectId: project.id,
      party: { name: 'Printer' },
      email: 'p@example.com',
      files: [],
      expiresAt: T,
      consentSignoffId: signoff.id,
      consent: 'pending' as const,
      nda: 'not_required' as const,
      tokenHash: 'h',
      createdAt: T,
      updatedAt: T,
      version: 1,
    },
    consents: {
      id: 'pfc_tenancy',
      studioId: a.id,
      projectId: project.id,
      scope: ['website' as const],
      signoffId: signoff.id,
      status: 'pending' as const,
      createdAt: T,
      updatedAt: T,
      version: 1,
    },
  }
  await storage.transaction(async (tx) => {
    await tx.studios.insert(a)
    await tx.studios.insert(b)
    const s = tx.scoped(a.id) as unknown as Record<string, { insert(row: unknown): Promise<void> }>
    for (const [repo, row] of Object.entries(rows)) await s[repo]!.insert(row)
  })
  return { a, b, rows }
}

type Versioned = {
  get(id: string): Promise<unknown>
  update(row: unknown, v: number): Promise<boolean>
}
const repo = (tx: StorageTransaction, studioId: string, name: string) =>
  (tx.scoped(studioId) as unknown as Record<string, Versioned>)[name]!

onEachDatabase('tenant isolation of writes', (open) => {
  let storage: SqlStorage
  let seeded: Awaited<ReturnType<typeof seed>>
  beforeAll(async () => {
    storage = await open()
    seeded = await seed(storage)
  })
  afterAll(() => storage.close())

  it("no repository of studio B can update studio A's rows, even relabelled as B's", async () => {
    const { a, b, rows } = seeded
    for (const [name, row] of Object.entries(rows)) {
      const foreign = { ...row, version: 2 }
      const relabelled = { ...row, studioId: b.id, version: 2 }
      const updated = await storage.transaction(async (tx) => [
        await repo(tx, b.id, name).update(foreign, 1),
        await repo(tx, b.id, name).update(relabelled, 1),
      ])
      expect(updated, name).toEqual([false, false])
      const kept = await storage.transaction((tx) => repo(tx, a.id, name).get(row.id))
      expect(kept, name).toEqual(row)
    }
  })

  it("studio B's idempotency keys and deletes never touch studio A's", async () => {
    const { a, b } = seeded
    const record = {
      key: 'same-key',
      fingerprint: 'a',
      state: 'done' as const,
      createdAt: T,
      expiresAt: T,
    }
    const idem = (tx: StorageTransaction, id: string): ScopedRepositories['idempotency'] =>
      tx.scoped(id).idempotency
    await storage.transaction((tx) => idem(tx, a.id).insert(record))
    await storage.transaction(async (tx) => {
      expect(await idem(tx, b.id).insert({ ...record, fingerprint: 'b' })).toBe(true)
      await idem(tx, b.id).put({ ...record, fingerprint: 'b2' })
      await idem(tx, b.id).delete('same-key')
    })
    expect(await storage.transaction((tx) => idem(tx, a.id).get('same-key'))).toEqual(record)
  })

  it("studio B cannot hang rows on studio A's project, nor write A's rows", async () => {
    const { a, b, rows } = seeded
    const attach = await storage
      .transaction((tx) =>
        tx.scoped(b.id).deliverables.insert(fixtures.deliverable(b.id, rows.projects.id)),
      )
      .catch((e: unknown) => e)
    expect(isAtelierError(attach, 'not_found')).toBe(true)
    const event = fixtures.auditEvents(b.id, rows.projects.id, 1)[0]!
    const append = await storage
      .transaction((tx) => tx.scoped(b.id).audit.append(event))
      .catch((e: unknown) => e)
    expect(isAtelierError(append, 'not_found')).toBe(true)
    const write = await storage
      .transaction((tx) => tx.scoped(b.id).clients.insert(fixtures.client(a.id)))
      .catch((e: unknown) => e)
    expect(isAtelierError(write, 'forbidden')).toBe(true)
    await storage.transaction(async (tx) => {
      expect(await tx.scoped(b.id).deliverables.listByProject(rows.projects.id)).toEqual([])
      expect(await tx.scoped(b.id).audit.list(rows.projects.id)).toEqual([])
    })
  })
})
