import { describe, expect, it } from 'vitest'
import { conformance } from './support/conformance.js'
import { fixturesFor } from './support/fixtures.js'
import { seedMembers } from './support/member-seed.js'
import { createMemberWorld } from './support/member-world.js'
import { seed } from './support/scenario.js'
import { send } from './support/send.js'
import { ORIGIN_A, PUBLIC_URL } from './support/world.js'

type Op = {
  operationId: string
  security: Record<string, unknown>[]
  parameters?: { $ref?: string }[]
  requestBody?: { content: Record<string, unknown> }
}

describe('error paths generated from the document', async () => {
  const world = createMemberWorld()
  const s = await seed(world)
  const m = await seedMembers(world, s)
  const fixtures = fixturesFor(s, m)
  const { doc } = await conformance(world.app)
  const operations = Object.values(doc.paths).flatMap(
    (item) => Object.values(item) as unknown as Op[],
  )
  /** A studio's secret key where the route takes one, else the one credential it takes. */
  const schemeOf = (op: Op) => {
    const names = op.security.flatMap((s) => Object.keys(s))
    return names.includes('secretKey') ? 'secretKey' : names[0]
  }
  const tokenFor = (op: Op) =>
    ({
      secretKey: s.a.sk.token,
      clientToken: s.a.ct1.token,
      signoffToken: s.a.so.token,
      shareToken: s.a.sg,
      publishableKey: s.a.pk.token,
    })[schemeOf(op) ?? ''] as string | undefined
  /**
   * A publishable key needs its origin; a member's session (on routes that take nothing else)
   * comes from the server's own; sign-off and share tokens from the API's own site.
   */
  const originFor = (op: Op): Record<string, string> => {
    const scheme = schemeOf(op)
    if (scheme === 'publishableKey') return { Origin: ORIGIN_A }
    if (scheme === 'memberSession') return { Cookie: m.a.staff.owner.cookie, Origin: PUBLIC_URL }
    return {}
  }
  const ifMatchOps = operations.filter((op) =>
    op.parameters?.some((p) => p.$ref?.endsWith('/IfMatch')),
  )
  const jsonOps = operations.filter((op) => op.requestBody?.content['application/json'])

  it('finds the operations that need If-Match and take JSON', () => {
    expect(ifMatchOps.map((o) => o.operationId).sort()).toEqual(
      [
        'addRoundItems',
        'changeMemberRole',
        'moveProject',
        'quoteRound',
        'recordDelivery',
        'removeMember',
        'resolveRoundItem',
        'rotateSigningKey',
        'submitForReview',
        'updateClient',
        'updateProject',
        'updateStudio',
      ].sort(),
    )
    expect(jsonOps.length).toBe(28)
  })

  for (const op of ifMatchOps) {
    it(`${op.operationId}: 428 without If-Match, 412 when stale`, async () => {
      const fixture = fixtures[op.operationId]!
      const { ifMatch: _drop, ...without } = fixture
      const missing = await send(world.call, without, tokenFor(op), originFor(op))
      expect([missing.status, missing.json.code]).toEqual([428, 'precondition_required'])
      const stale = await send(
        world.call,
        { ...fixture, ifMatch: 999_999 },
        tokenFor(op),
        originFor(op),
      )
      expect([stale.status, stale.json.code]).toEqual([412, 'version_mismatch'])
    })
  }

  for (const op of jsonOps) {
    it(`${op.operationId}: 400 invalid_input naming an unknown field; 415 for another media type`, async () => {
      const fixture = {
        ...fixtures[op.operationId]!,
        json: { unexpectedField: 1 },
        ifMatch: fixtures[op.operationId]!.ifMatch,
      }
      const bad = await send(world.call, fixture, tokenFor(op), originFor(op))
      expect([bad.status, bad.json.code], bad.text).toEqual([400, 'invalid_input'])
      expect(bad.json.fields.map((f: { path: string }) => f.path)).toContain('unexpectedField')
      const { json: _json, ...raw } = fixtures[op.operationId]!
      const text = await world.call(raw.method, raw.path, {
        ...(tokenFor(op) && { token: tokenFor(op) }),
        body: 'hello',
        headers: { ...originFor(op), 'Content-Type': 'text/plain' },
        ...(raw.ifMatch !== undefined && { ifMatch: raw.ifMatch }),
      })
      expect([text.status, text.json.code]).toEqual([415, 'unsupported_media_type'])
    })
  }

  it('answers unknown routes and methods with problem+json', async () => {
    const unknown = await world.call('GET', '/v1/nope')
    expect([unknown.status, unknown.json.code]).toEqual([404, 'not_found'])
    const method = await world.call('PUT', '/v1/projects', { token: s.a.sk.token })
    expect([method.status, method.json.code]).toEqual([405, 'method_not_allowed'])
    expect(method.headers.get('Allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST'])
  })
})
