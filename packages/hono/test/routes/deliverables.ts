import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { expectOk, expectProblem, type RouteContext } from './context.js'

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

const bytes = (s: string) => new TextEncoder().encode(s)

export function deliverableRoutes(ctx: () => RouteContext) {
  describe('deliverables, uploads and downloads', () => {
    let dlv = ''
    const file = bytes('%PDF-1.7 VI 手册')
    const name = 'VI 手册 最终版.pdf'

    it('creates and lists deliverables', async () => {
      const { call, sk, a } = ctx()
      expectProblem(
        await call('POST', `/v1/projects/${a.p2}/deliverables`, {
          ...sk,
          json: { kind: 'poster', title: 'x' },
        }),
        400,
        'invalid_input',
      )
      const created = expectOk(
        await call('POST', `/v1/projects/${a.p2}/deliverables`, {
          ...sk,
          json: { kind: 'design', title: 'VI manual' },
        }),
        201,
      )
      expect(created).toMatchObject({ kind: 'design', latestVersion: 0, versions: [] })
      dlv = created.id
      const list = expectOk(await call('GET', `/v1/projects/${a.p2}/deliverables`, sk))
      expect(list.items.map((d: { id: string }) => d.id)).toContain(dlv)
      expect(JSON.stringify(list)).not.toMatch(/blobKey|studioId/)
    })

    it('streams an upload in, hashing it on the server', async () => {
      const { call, sk } = ctx()
      const path = `/v1/deliverables/${dlv}/versions?filename=${encodeURIComponent(name)}&note=first`
      const reply = await call('POST', path, {
        ...sk,
        body: file,
        headers: { 'Content-Type': 'application/pdf' },
      })
      const version = expectOk(reply, 201)
      expect(version).toMatchObject({
        n: 1,
        filename: name,
        mediaType: 'application/pdf',
        bytes: file.byteLength,
        note: 'first',
      })
      expect(version.sha256).toBe(sha256Hex(file))
      expect(reply.headers.get('ETag')).toBe(`"${sha256Hex(file)}"`)
      expect(reply.headers.get('Location')).toBe(`/v1/deliverables/${dlv}/versions/1/file`)
    })

    it('streams a download with type, length, sha256 ETag and an RFC 6266 UTF-8 name', async () => {
      const { call, sk, world } = ctx()
      const path = `/v1/deliverables/${dlv}/versions/1/file`
      const res = await world.app.request(path, {
        headers: { Authorization: `Bearer ${sk.token}` },
      })
      expect(res.status).toBe(200)
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(file)
      expect(res.headers.get('Content-Type')).toBe('application/pdf')
      expect(res.headers.get('Content-Length')).toBe(String(file.byteLength))
      expect(res.headers.get('ETag')).toBe(`"${sha256Hex(file)}"`)
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(res.headers.get('Content-Disposition')).toBe(
        `attachment; filename="VI __ ___.pdf"; filename*=UTF-8''VI%20%E6%89%8B%E5%86%8C%20%E6%9C%80%E7%BB%88%E7%89%88.pdf`,
      )
      const head = await call('HEAD', path, sk)
      expect(head.status).toBe(200)
      expect(head.headers.get('Content-Length')).toBe(String(file.byteLength))
      const cached = await call('GET', path, {
        ...sk,
        headers: { 'If-None-Match': `"${sha256Hex(file)}"` },
      })
      expect(cached.status).toBe(304)
      expectProblem(
        await call('GET', `/v1/deliverables/${dlv}/versions/9/file`, sk),
        404,
        'not_found',
      )
      expectProblem(
        await call('GET', `/v1/deliverables/${dlv}/versions/0/file`, sk),
        404,
        'not_found',
      )
    })

    it('refuses uploads without a media type, as multipart, without a name or a body, or unknown', async () => {
      const { call, sk } = ctx()
      const path = `/v1/deliverables/${dlv}/versions?filename=a.png`
      expectProblem(await call('POST', path, { ...sk, body: file }), 415, 'unsupported_media_type')
      const multipart = { 'Content-Type': 'multipart/form-data; boundary=x' }
      expectProblem(
        await call('POST', path, { ...sk, body: file, headers: multipart }),
        415,
        'unsupported_media_type',
      )
      const png = { 'Content-Type': 'image/png' }
      const noName = expectProblem(
        await call('POST', `/v1/deliverables/${dlv}/versions`, { ...sk, body: file, headers: png }),
        400,
        'invalid_input',
      )
      expect(noName.fields[0].path).toBe('query.filename')
      expectProblem(
        await call('POST', `${path.split('?')[0]}?filename=../x`, {
          ...sk,
          body: file,
          headers: png,
        }),
        400,
        'invalid_input',
      )
      expectProblem(await call('POST', path, { ...sk, headers: png }), 400, 'invalid_input')
      expectProblem(
        await call(
          'POST',
          '/v1/deliverables/dlv_00000000000000000000000000/versions?filename=a.png',
          { ...sk, body: file, headers: png },
        ),
        404,
        'not_found',
      )
    })
  })
}
