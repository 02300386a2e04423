import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { createWorld } from './support/world.js'

type Operation = {
  operationId?: string
  summary?: string
  tags?: string[]
  security?: unknown[]
  responses?: Record<string, { content?: Record<string, unknown>; $ref?: string }>
  requestBody?: unknown
}

describe('the OpenAPI document', async () => {
  const world = createWorld()
  const res = await world.app.request('/openapi.json')
  const doc = await res.json()
  const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(
    ([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })),
  )

  it('validates as OpenAPI 3.1 with an independent validator', async () => {
    expect(doc.openapi).toBe('3.1.0')
    const result = await new Validator().validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('gives every operation an id, summary, tag, security and problem responses', () => {
    expect(operations.length).toBe(71)
    const ids = operations.map((o) => o.op.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/)
      expect(op.summary, where).toBeTruthy()
      expect(op.tags?.length, where).toBe(1)
      expect(op.security?.length, where).toBeGreaterThan(0)
      const statuses = Object.keys(op.responses ?? {})
      // A file download also answers 206 to a Range request.
      const success = statuses.filter((s) => s.startsWith('2') && s !== '206')
      expect(success.length, where).toBe(1)
      if (statuses.includes('206')) {
        expect(Object.keys(op.responses?.['206']?.content ?? {}), where).toEqual([
          'application/octet-stream',
        ])
      }
      for (const s of ['400', '401', '403', '404', '429']) expect(statuses, where).toContain(s)
      for (const s of statuses.filter((x) => x >= '400')) {
        expect(op.responses?.[s]?.$ref, `${where} ${s}`).toMatch(/^#\/components\/responses\//)
      }
      const ok = op.responses?.[success[0]!]
      if (success[0] !== '204') expect(Object.keys(ok?.content ?? {}).length, where).toBe(1)
      if (['post', 'patch'].includes(method) && op.requestBody === undefined) {
        expect(['rotateSigningKey', 'revokeSignoff'], where).toContain(op.operationId)
      }
    }
  })

  it('describes every route the app serves, and nothing else', () => {
    const documented = new Set(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`))
    const served = new Set(
      world.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1/'))
        .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`),
    )
    expect([...served].sort()).toEqual([...documented].sort())
  })

  it('serves a self-contained reference page with a strict CSP', async () => {
    const page = await world.app.request('/docs')
    expect(page.status).toBe(200)
    const csp = page.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('unsafe-inline')
    const html = await page.text()
    expect(html).not.toMatch(/<script|https?:\/\/(?!studio\.example)/)
    for (const { op } of operations) expect(html).toContain(`id="${op.operationId}"`)
  })

  it('names the mount point as its server', async () => {
    const { Hono } = await import('hono')
    const outer = new Hono().route('/crm', world.app)
    const mounted = await (await outer.request('/crm/openapi.json')).json()
    expect(mounted.servers).toEqual([{ url: '/crm' }])
  })
})
