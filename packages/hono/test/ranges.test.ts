import { beforeAll, describe, expect, it } from 'vitest'
import { createWorld, type World } from './support/world.js'

describe('file downloads with Range', () => {
  const bytes = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff)
  let world: World
  let file: string
  let auth: Record<string, string>
  let etag: string
  beforeAll(async () => {
    world = createWorld()
    const s = await world.studio('S')
    const client = await world.atelier.clients.create(s.scope, { name: 'c' })
    const project = await world.atelier.projects.create(s.scope, {
      clientId: client.id,
      title: 'p',
    })
    const d = await world.atelier.deliverables.create(s.scope, {
      projectId: project.id,
      kind: 'design',
      title: 'd',
    })
    auth = { Authorization: `Bearer ${s.sk}` }
    const uploaded = await world.app.request(`/v1/deliverables/${d.id}/versions?filename=a.bin`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/octet-stream' },
      body: bytes,
    })
    expect(uploaded.status).toBe(201)
    etag = uploaded.headers.get('ETag')!
    file = `/v1/deliverables/${d.id}/versions/1/file`
  })

  const get = (headers: Record<string, string> = {}) =>
    world.app.request(file, { headers: { ...auth, ...headers } })

  it('sends the whole file with Accept-Ranges when no range is asked for', async () => {
    const res = await get()
    expect(res.status).toBe(200)
    expect(res.headers.get('Accept-Ranges')).toBe('bytes')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes)
  })

  it.each([
    ['bytes=10-19', 10, 19],
    ['bytes=990-', 990, 999],
    ['bytes=-5', 995, 999],
    ['bytes=995-2000', 995, 999],
    ['bytes=0-0', 0, 0],
    ['bytes=-5000', 0, 999],
  ])('answers %s with 206 and exactly those bytes', async (range, first, last) => {
    const res = await get({ Range: range })
    expect(res.status).toBe(206)
    expect(res.headers.get('Content-Range')).toBe(`bytes ${first}-${last}/1000`)
    expect(res.headers.get('Content-Length')).toBe(String(last - first + 1))
    expect(res.headers.get('ETag')).toBe(etag)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.slice(first, last + 1))
  })

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])(
    'answers %s, past the end, with 416 and the size',
    async (range) => {
      const res = await get({ Range: range })
      expect(res.status).toBe(416)
      expect(res.headers.get('Content-Range')).toBe('bytes */1000')
      expect((await res.json()).code).toBe('range_not_satisfiable')
    },
  )

  it.each([
    ['several ranges', { Range: 'bytes=0-1,5-6' }],
    ['another unit', { Range: 'items=0-1' }],
    ['a malformed range', { Range: 'bytes=9-3' }],
    ['an If-Range for other bytes', { Range: 'bytes=0-9', 'If-Range': '"0000"' }],
    ['an If-Range date', { Range: 'bytes=0-9', 'If-Range': 'Sat, 05 Dec 2026 10:00:00 GMT' }],
  ])('sends the whole file for %s', async (_, headers) => {
    const res = await get(headers)
    expect(res.status).toBe(200)
    expect((await res.arrayBuffer()).byteLength).toBe(1000)
  })

  it('honours If-Range naming these bytes, and If-None-Match before any range', async () => {
    expect((await get({ Range: 'bytes=0-9', 'If-Range': etag })).status).toBe(206)
    expect((await get({ Range: 'bytes=0-9', 'If-None-Match': etag })).status).toBe(304)
  })
})
