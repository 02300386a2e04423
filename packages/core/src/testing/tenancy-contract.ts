import { expect, it } from 'vitest'
import type { Storage } from '../storage/storage-port.js'
import { fixtures } from './fixtures.js'
import type { Seed } from './query-contract.js'

/**
 * The tenancy half of the storage contract: a studio's scope reads and writes only that
 * studio's rows, in every studio-owned repository. Run by `runStorageContract`.
 */
export function runTenancyContract(store: () => Storage, seed: Seed): void {
  // The storage exists only once the suite's beforeAll has run: reach it per call.
  const transaction: Storage['transaction'] = (fn, options) => store().transaction(fn, options)
  it('scopes every studio-owned repository: studio B sees nothing of studio A', async () => {
    const a = await seed()
    const b = await seed()
    const d = fixtures.deliverable(a.studio.id, a.project.id)
    const v = fixtures.fileVersion(a.studio.id, a.project.id, d.id, 1)
    const r = fixtures.round(a.studio.id, a.project.id, 1)
    const so = fixtures.signoff(a.studio.id, a.project.id)
    const ev = fixtures.auditEvents(a.studio.id, a.project.id, 1)[0]!
    const T = '2026-11-22T08:00:00.000Z'
    await transaction(async (tx) => {
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
    await transaction(async (tx) => {
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
    const aSide = await transaction((tx) => tx.scoped(a.studio.id).projects.get(a.project.id))
    expect(aSide?.version).toBe(1)
  })
}
