import type { AddressInfo } from 'node:net'
import { createAtelier, memoryStorage } from '@atelier/core'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { atelierApi } from '../src/index.js'
import { proposalProject } from './support/scenario.js'

describe('behind @hono/node-server, mounted as the README shows', async () => {
  const atelier = createAtelier({ storage: memoryStorage() })
  const app = new Hono()
  app.route(
    '/crm',
    atelierApi(atelier, {
      publicUrl: 'https://studio.example',
      clientIp: (c) => getConnInfo(c).remote.address,
    }),
  )
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm/v1`
  afterAll(() => new Promise((resolve) => server.close(resolve)))
  const studio = await atelier.studios.create({ name: 'Studio' })
  const scope = { studioId: studio.id, actor: { kind: 'staff', id: 'me', label: 'Me' } } as const
  const sk = `Bearer ${(await atelier.credentials.createKey(scope, { kind: 'secret' })).token}`
  const client = await atelier.clients.create(scope, { name: '李明' })

  it('treats a bodiless POST as having no body (no 415), and streams uploads over the wire', async () => {
    const project = await atelier.projects.create(scope, { clientId: client.id, title: 'p' })
    const submit = await fetch(`${base}/projects/${project.id}/submissions`, {
      method: 'POST',
      headers: { Authorization: sk, 'If-Match': '"1"' },
    })
    expect([submit.status, (await submit.json()).code]).toEqual([409, 'conflict'])
    const d = await atelier.deliverables.create(scope, {
      projectId: project.id,
      kind: 'design',
      title: 'd',
    })
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251)
    const upload = await fetch(
      `${base}/deliverables/${d.id}/versions?filename=${encodeURIComponent('标志.png')}`,
      {
        method: 'POST',
        headers: { Authorization: sk, 'Content-Type': 'image/png' },
        body: bytes,
      },
    )
    expect(upload.status).toBe(201)
    const download = await fetch(`${base}/deliverables/${d.id}/versions/1/file`, {
      headers: { Authorization: sk },
    })
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes)
  })

  it("records a hash of the signer's IP from getConnInfo in the decision", async () => {
    const p = await proposalProject(atelier, scope, client.id, 'ip')
    const res = await fetch(`${base}/signoff/decision`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${p.signoff.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome: 'approved', name: '李明' }),
    })
    const { receipt } = await res.json()
    expect(receipt.decision.ipHash).toMatch(/^[0-9a-f]{64}$/)
  })
})
