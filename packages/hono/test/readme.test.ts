import { createAtelier, memoryStorage } from '@atelier/core'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { atelierApi } from '../src/index.js'

/** The README's mounting example and curl walk-through, request for request. */
describe('the README', async () => {
  const atelier = createAtelier({ storage: memoryStorage() })
  const app = new Hono()
  app.get('/hello', (c) => c.text('mine'))
  app.route('/crm', atelierApi(atelier, { publicUrl: 'https://studio.example' }))
  const studio = await atelier.studios.create({ name: 'Studio 山海' })
  const scope = { studioId: studio.id, actor: { kind: 'staff', id: 'me', label: 'Me' } } as const
  const sk = (await atelier.credentials.createKey(scope, { kind: 'secret' })).token
  const API = '/crm/v1'
  const curl = async (
    path: string,
    init: { token?: string; json?: unknown; ifMatch?: number; bytes?: string; type?: string } = {},
  ) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${init.token ?? sk}` }
    if (init.ifMatch) headers['If-Match'] = `"${init.ifMatch}"`
    let body: string | undefined
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(init.json)
    }
    if (init.bytes !== undefined) {
      headers['Content-Type'] = init.type!
      body = init.bytes
    }
    const res = await app.request(API + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      ...(body !== undefined && { body }),
    })
    expect(res.status, `${path}: ${res.status}`).toBeLessThan(300)
    return res.json()
  }
  const patch = (path: string, json: unknown, ifMatch: number) =>
    app.request(API + path, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${sk}`,
        'Content-Type': 'application/json',
        'If-Match': `"${ifMatch}"`,
      },
      body: JSON.stringify(json),
    })

  it('mounts under /crm beside the server’s own routes', async () => {
    expect(await (await app.request('/hello')).text()).toBe('mine')
    const unknown = await app.request('/crm/v1/nothing')
    expect([unknown.status, unknown.headers.get('Content-Type')]).toEqual([
      404,
      'application/problem+json',
    ])
    expect((await app.request('/crm/docs')).status).toBe(200)
    const put = await app.request('/crm/v1/studio', { method: 'PUT' })
    expect([put.status, put.headers.get('Allow')?.split(', ').sort()]).toEqual([
      405,
      ['GET', 'HEAD', 'PATCH'],
    ])
  })

  it('runs the curl walk-through with the ETags it shows', async () => {
    const client = await curl('/clients', { json: { name: '李明', company: '青禾茶饮' } })
    const p = (
      await curl('/projects', {
        json: { clientId: client.id, title: '青禾茶饮 brand identity', services: ['logo', 'vi'] },
      })
    ).id
    const brief = {
      goals: '年轻化',
      audience: '18–30',
      style: '清新',
      usage: ['print', 'digital'],
      deliverableTypes: ['logo'],
      budget: { amount: 4800000, currency: 'CNY' },
      deadline: '2027-01-31',
    }
    expect((await patch(`/projects/${p}`, { brief }, 1)).status).toBe(200)
    await curl(`/projects/${p}/moves`, {
      json: { to: 'proposal', reason: 'client brought market research' },
      ifMatch: 2,
    })
    const d = (
      await curl(`/projects/${p}/deliverables`, { json: { kind: 'proposal', title: 'Concept A' } })
    ).id
    await curl(`/deliverables/${d}/versions?filename=concept-a.pdf`, {
      bytes: '%PDF concept',
      type: 'application/pdf',
    })
    const link: string = (
      await curl(`/projects/${p}/signoffs`, {
        json: { purpose: 'proposal', files: [{ deliverableId: d, version: 1 }] },
      })
    ).link
    const so = link.split('/s/')[1]!
    await curl('/signoff', { token: so })
    expect(
      (await curl('/signoff/decision', { token: so, json: { outcome: 'approved', name: '李明' } }))
        .receipt.id,
    ).toMatch(/^rct_/)
    await curl(`/projects/${p}/moves`, { json: { to: 'production' }, ifMatch: 3 })
    const l = (
      await curl(`/projects/${p}/deliverables`, { json: { kind: 'final', title: 'Logo' } })
    ).id
    await curl(`/deliverables/${l}/versions?filename=logo.png`, { bytes: 'png', type: 'image/png' })
    const final: string = (await curl(`/projects/${p}/submissions`, { json: {}, ifMatch: 4 })).link
    await curl('/signoff/decision', {
      token: final.split('/s/')[1]!,
      json: { outcome: 'approved', name: '李明' },
    })
    await curl(`/projects/${p}/delivery`, {
      json: { method: 'download', licence: 'full rights to the marks' },
      ifMatch: 6,
    })
    await curl(`/projects/${p}/moves`, { json: { to: 'aftercare' }, ifMatch: 7 })
    const t = (await curl(`/clients/${client.id}/tokens`, { json: { kind: 'access_link' } })).token
    const tracker = await curl(`/client/projects/${p}`, { token: t })
    expect(tracker.state).toBe('aftercare')
    expect(tracker.warranty.active).toBe(true)
  })
})
