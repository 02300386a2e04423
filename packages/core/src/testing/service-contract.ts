import { expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { memoryBlobStore } from '../blob/memory-blob-store.js'
import { verifyReceipt } from '../sign-off/receipt.js'
import type { Storage } from '../storage/storage-port.js'
import { runJourney } from './journey.js'

/** The whole service on top of a storage: a project from requirements to aftercare. */
export function runServiceContract(storage: () => Storage): void {
  it('runs a whole project through the service: eight stages, a billable round, a verified receipt', async () => {
    const atelier = createAtelier({ storage: storage(), blobs: memoryBlobStore() })
    const j = await runJourney(atelier)
    const project = await atelier.projects.get(j.scope, j.projectId)
    expect(project.stage).toBe('aftercare')
    expect(project.stageHistory.map((h) => h.stage)).toEqual([
      'requirements',
      'proposal',
      'production',
      'confirmation',
      'revision',
      'confirmation',
      'revision',
      'confirmation',
      'delivery',
      'aftercare',
    ])
    const keys = await atelier.studios.publicKeys(j.studioId)
    const verified = await verifyReceipt(j.finalReceipt, keys, j.finalFiles)
    expect(verified).toMatchObject({ valid: true, signature: 'valid', unmatched: [] })
    expect(j.finalReceipt.resolutions).toMatchObject({
      round: 2,
      total: 1,
      addressed: 1,
      declined: 0,
    })
    expect(j.changeOrderReceipt.quote?.fee).toEqual({ amount: 120_000, currency: 'CNY' })
    const chain = await atelier.audit.verify(j.scope, j.projectId)
    expect(chain.valid).toBe(true)
    const rounds = await atelier.revisions.list(j.scope, j.projectId)
    expect(rounds.map((r) => [r.n, r.billable, r.status])).toEqual([
      [1, false, 'submitted'],
      [2, true, 'submitted'],
    ])
  })
}
