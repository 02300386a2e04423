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

describe("the README's member sign-in, on a SQLite file", () => {
  it('signs an invited member in and lets them work through /v1 with the cookie', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { openSqlite } = await import('@atelier/sql')
    const { memberAuth } = await import('../src/index.js')
    const dir = await mkdtemp(join(tmpdir(), 'atelier-readme-'))
    const storage = await openSqlite(join(dir, 'atelier.db'))
    try {
      const atelier = createAtelier({ storage })
      const publicUrl = 'https://studio.example'
      const auth = memberAuth(atelier, {
        database: { db: storage.db, type: 'sqlite', transaction: true },
        secret: 'a-test-secret-of-at-least-32-characters',
        publicUrl,
      })
      const app = new Hono()
      app.route('/', atelierApi(atelier, { publicUrl, auth }))
      const studio = await atelier.studios.create({ name: 'Studio 山海' })
      const system = {
        studioId: studio.id,
        actor: { kind: 'system', id: 'cli', label: 'cli' },
      } as const
      const { token } = await atelier.members.invite(system, {
        email: 'wang@studio.example',
        role: 'owner',
      })
      const json = { 'Content-Type': 'application/json', Origin: publicUrl }
      const accepted = await app.request('/v1/invitations/accept', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ token, name: '王设计', password: 'correct horse battery' }),
      })
      expect(accepted.status, await accepted.clone().text()).toBe(201)
      const signedIn = await app.request('/auth/sign-in/email', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'wang@studio.example', password: 'correct horse battery' }),
      })
      expect(signedIn.status).toBe(200)
      const cookie = signedIn.headers.getSetCookie()[0]!.split(';')[0]!
      const client = await app.request('/v1/clients', {
        method: 'POST',
        headers: { ...json, Cookie: cookie },
        body: JSON.stringify({ name: '李明' }),
      })
      expect(client.status).toBe(201)
      const me = await (await app.request('/v1/me', { headers: { Cookie: cookie } })).json()
      expect(me.memberships[0].member).toMatchObject({ name: '王设计', role: 'owner' })
    } finally {
      await storage.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
