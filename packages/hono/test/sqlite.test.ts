import { createAtelier, verifyReceipt } from '@atelier/core'
import { openSqlite } from '@atelier/sql'
import { afterAll, describe, expect, it } from 'vitest'
import { atelierApi } from '../src/index.js'
import { callerFor } from './support/call.js'
import { runHttpJourney } from './support/http-journey.js'
import { proposalProject } from './support/scenario.js'
import { PUBLIC_URL } from './support/world.js'

describe('the API on SQLite (@atelier/sql)', async () => {
  const storage = await openSqlite(':memory:')
  const atelier = createAtelier({ storage })
  const app = atelierApi(atelier, { publicUrl: PUBLIC_URL, rateLimit: { max: 10_000 } })
  const call = callerFor(app)
  const studio = await atelier.studios.create({ name: 'Studio on SQLite' })
  const scope = {
    studioId: studio.id,
    actor: { kind: 'staff', id: 'setup', label: 'Setup' },
  } as const
  const sk = (await atelier.credentials.createKey(scope, { kind: 'secret' })).token
  afterAll(() => atelier.close())

  it('drives a whole project over HTTP', async () => {
    const j = await runHttpJourney(call, sk)
    expect(j.project.state).toBe('aftercare')
    const keys = (await call('GET', `/v1/studios/${studio.id}/public-keys`)).json.items
    expect((await verifyReceipt(j.finalReceipt, keys, [j.finalFile])).valid).toBe(true)
  })

  it('gives one decision for 50 concurrent POSTs', async () => {
    const client = await atelier.clients.create(scope, { name: '李明' })
    const p = await proposalProject(atelier, scope, client.id, 'sqlite race')
    const json = { outcome: 'approved', name: '李明' }
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        call('POST', '/v1/signoff/decision', { token: p.signoff.token, json }),
      ),
    )
    expect(replies.every((r) => r.status === 200)).toBe(true)
    expect(replies.filter((r) => r.headers.get('Idempotent-Replayed') !== 'true')).toHaveLength(1)
    const audit = await atelier.audit.list(scope, p.project.id)
    expect(audit.filter((e) => e.action === 'signoff.decided')).toHaveLength(1)
  })

  it('keeps idempotency records in the database', async () => {
    const init = { token: sk, json: { name: '王芳' }, headers: { 'Idempotency-Key': 'sqlite-1' } }
    const first = await call('POST', '/v1/clients', init)
    const again = await call('POST', '/v1/clients', init)
    expect(again.json.id).toBe(first.json.id)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    const rows = storage.database.prepare('select count(*) as n from idempotency').get() as {
      n: number
    }
    expect(rows.n).toBeGreaterThan(0)
  })
})
