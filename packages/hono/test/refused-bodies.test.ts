import type { AddressInfo } from 'node:net'
import { createAtelier, memoryStorage } from '@atelier/core'
import { serve } from '@hono/node-server'
import { afterAll, describe, expect, it } from 'vitest'
import { atelierApi } from '../src/index.js'

const MiB = 1_048_576

describe('bodies refused before they are read, over a real socket', async () => {
  const atelier = createAtelier({ storage: memoryStorage() })
  const app = atelierApi(atelier, { publicUrl: 'https://studio.example', maxUploadBytes: MiB })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  afterAll(() => new Promise((resolve) => server.close(resolve)))
  const studio = await atelier.studios.create({ name: 'Studio' })
  const scope = { studioId: studio.id, actor: { kind: 'staff', id: 'me', label: 'Me' } } as const
  const sk = (await atelier.credentials.createKey(scope, { kind: 'secret' })).token
  const client = await atelier.clients.create(scope, { name: '李明' })
  const project = await atelier.projects.create(scope, { clientId: client.id, title: 'p' })
  const d = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'design',
    title: 'd',
  })
  const json = { 'Content-Type': 'application/json' }
  const png = { 'Content-Type': 'image/png' }
  const cases = [
    ['a JSON body with its length', '/clients', json, sk, false, 413, 'too_large'],
    ['a streamed JSON body', '/clients', json, sk, true, 413, 'too_large'],
    [
      'an upload with its length',
      `/deliverables/${d.id}/versions?filename=a.png`,
      png,
      sk,
      false,
      413,
      'too_large',
    ],
    [
      'a streamed upload',
      `/deliverables/${d.id}/versions?filename=a.png`,
      png,
      sk,
      true,
      413,
      'too_large',
    ],
    [
      'a JSON body with an unknown key',
      '/clients',
      json,
      `atl_sk_${'x'.repeat(43)}`,
      false,
      401,
      'unauthorized',
    ],
  ] as const

  it.each(cases)(
    'answers %s of 1 to 2 MB with its problem every time, never a reset',
    async (_, path, type, token, streamed, status, code) => {
      const seen: Record<string, number> = {}
      for (let i = 0; i < 30; i++) {
        // 1 MiB + 1 up to 2 MB, different every time.
        const size = MiB + 1 + ((i * 47_713) % (2_000_000 - MiB))
        const bytes = new Uint8Array(size).fill(type === json ? 0x20 : 7)
        const body = streamed ? new Blob([bytes]).stream() : bytes
        const outcome = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { ...type, Authorization: `Bearer ${token}` },
          body,
          duplex: 'half',
        } as RequestInit).then(
          async (res) =>
            `${res.status} ${res.headers.get('Content-Type')} ${(await res.json()).code}`,
          (error: Error & { cause?: { code?: string } }) => `${error.cause?.code ?? error.message}`,
        )
        seen[outcome] = (seen[outcome] ?? 0) + 1
      }
      expect(seen).toEqual({ [`${status} application/problem+json ${code}`]: 30 })
    },
  )
})

describe('a body the route never read', () => {
  it('is drained up to 64 MiB, not up to the upload limit, then the connection closes', async () => {
    const atelier = createAtelier({ storage: memoryStorage() })
    const app = atelierApi(atelier, {
      publicUrl: 'https://studio.example',
      maxUploadBytes: 1_024 * MiB,
    })
    const studio = await atelier.studios.create({ name: 'Studio' })
    const scope = { studioId: studio.id, actor: { kind: 'staff', id: 'me', label: 'Me' } } as const
    const client = await atelier.clients.create(scope, { name: '李明' })
    const project = await atelier.projects.create(scope, { clientId: client.id, title: 'p' })
    const d = await atelier.deliverables.create(scope, {
      projectId: project.id,
      kind: 'design',
      title: 'd',
    })
    const chunk = new Uint8Array(MiB).fill(7)
    let pulled = 0
    // 100 MiB, produced only as it is read.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= 100 * MiB) return controller.close()
          pulled += chunk.byteLength
          controller.enqueue(chunk)
        },
      },
      { highWaterMark: 0 },
    )
    const res = await app.request(`/v1/deliverables/${d.id}/versions?filename=a.png`, {
      method: 'POST',
      headers: {
        'Content-Type': 'image/png',
        'Transfer-Encoding': 'chunked',
        Authorization: `Bearer atl_sk_${'x'.repeat(43)}`,
      },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(401)
    expect(res.headers.get('Connection')).toBe('close')
    expect(pulled).toBeLessThanOrEqual(66 * MiB)
  })
})
