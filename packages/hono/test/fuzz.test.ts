import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { segment, shaped } from './support/arbitraries.js'
import { conformance } from './support/conformance.js'
import { seed } from './support/scenario.js'
import { createWorld, ORIGIN_A } from './support/world.js'

type Param = { in: string; name: string; schema?: Record<string, unknown>; $ref?: string }
type Op = {
  operationId: string
  security: Record<string, unknown>[]
  parameters?: Param[]
  requestBody?: { content: Record<string, { schema?: Record<string, unknown> }> }
}

const RUNS = 100
let sent = 0
let serverErrors = 0
const statuses = new Map<number, number>()

describe('fuzz generated from /openapi.json', async () => {
  const world = createWorld()
  const s = await seed(world)
  const { a } = s
  const { doc } = await conformance(world.app)
  const spare = await world.atelier.credentials.createKey(a.scope, { kind: 'secret' })
  const spareToken = await world.atelier.credentials.issueClientToken(a.scope, {
    clientId: a.client2,
  })
  const real: Record<string, string> = {
    projectId: a.p1,
    clientId: a.client1,
    deliverableId: a.logoId,
    roundId: a.rounds[0]!.id,
    itemId: a.rounds[0]!.items[0]!.id,
    signoffId: a.so.signoff.id,
    grantId: a.grantId,
    consentId: a.consentId,
    keyId: spare.key.id,
    tokenId: spareToken.clientToken.id,
    studioId: a.studioId,
    receiptId: a.receiptId,
    n: '1',
  }
  const tokens: Record<string, string> = {
    secretKey: a.sk.token,
    clientToken: a.ct1.token,
    signoffToken: a.so.token,
    shareToken: a.sg,
    publishableKey: a.pk.token,
  }
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      path,
      method: method.toUpperCase(),
      op: op as unknown as Op,
    })),
  )

  for (const { path, method, op } of operations) {
    it(`${op.operationId}: ${RUNS} random requests, no 5xx, every 4xx problem+json`, async () => {
      const scheme = Object.keys(op.security.at(-1) ?? {})[0] ?? ''
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
      const query = (op.parameters ?? []).filter((p) => p.in === 'query')
      const bodySchema = op.requestBody?.content['application/json']?.schema
      const upload = op.requestBody?.content['*/*'] !== undefined
      const request = fc.record({
        segments: fc.tuple(...names.map((n) => segment(real[n]))),
        query: fc.record(
          Object.fromEntries(
            query.map((p) => [
              p.name,
              fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)),
            ]),
          ),
          { requiredKeys: [] },
        ),
        token: fc.oneof(
          { weight: 6, arbitrary: fc.constant(tokens[scheme]) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              undefined,
              'junk',
              `atl_sk_${'x'.repeat(43)}`,
              a.ct2.token,
              a.pk.token,
            ),
          },
        ),
        ifMatch: fc.option(
          fc.oneof(
            fc.constantFrom('"1"', '"2"', '"999"', '*', 'W/"1"', '"0"'),
            fc.string({ maxLength: 10 }),
          ),
        ),
        idempotencyKey: fc.option(fc.string({ maxLength: 20 })),
        contentType: fc.oneof(
          { weight: 5, arbitrary: fc.constant(upload ? 'image/png' : 'application/json') },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              undefined,
              'text/plain',
              'multipart/form-data; boundary=x',
              'application/json; charset=utf-8',
              '*/*',
            ),
          },
        ),
        body: upload
          ? fc.uint8Array({ maxLength: 64 })
          : fc.oneof(
              { weight: 5, arbitrary: shaped(bodySchema).map((v) => JSON.stringify(v)) },
              { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
              { weight: 1, arbitrary: fc.constant(undefined) },
            ),
        head: fc.boolean(),
      })
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          let url = path
          names.forEach((name, i) => {
            url = url.replace(`{${name}}`, r.segments[i]!)
          })
          const qs = new URLSearchParams(r.query as Record<string, string>).toString()
          const headers: Record<string, string> = {}
          if (r.token) headers.Authorization = `Bearer ${r.token}`
          if (scheme === 'publishableKey' || r.token === a.pk.token) headers.Origin = ORIGIN_A
          if (r.ifMatch !== null) headers['If-Match'] = r.ifMatch
          if (r.idempotencyKey !== null) headers['Idempotency-Key'] = r.idempotencyKey
          if (r.contentType) headers['Content-Type'] = r.contentType
          const verb = method === 'GET' && r.head ? 'HEAD' : method
          const hasBody = verb !== 'GET' && verb !== 'HEAD' && r.body !== undefined
          const res = await world.app.request(qs ? `${url}?${qs}` : url, {
            method: verb,
            headers,
            ...(hasBody && { body: r.body as BodyInit }),
          })
          sent++
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
          if (res.status >= 500) serverErrors++
          expect(res.status, `${verb} ${url} → ${res.status}`).toBeLessThan(500)
          if (res.status >= 400 && verb !== 'HEAD') {
            expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
            const problem = await res.json()
            expect(problem.status).toBe(res.status)
            expect(typeof problem.code).toBe('string')
          } else {
            await res.body?.cancel()
          }
        }),
        { numRuns: RUNS },
      )
    })
  }

  afterAll(() => {
    const byStatus = [...statuses]
      .sort(([x], [y]) => x - y)
      .map(([k, n]) => `${k}×${n}`)
      .join(' ')
    console.info(
      `fuzz: ${sent} requests over ${operations.length} operations, ${serverErrors} answered 5xx (${byStatus})`,
    )
    expect(sent).toBeGreaterThanOrEqual(operations.length * RUNS)
    expect(serverErrors).toBe(0)
  })
})
