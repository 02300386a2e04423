import { describe, expect, it } from 'vitest'
import type { RouteAuth } from '../src/context.js'
import { conformance } from './support/conformance.js'
import { fixturesFor, idsOf } from './support/fixtures.js'
import { seed } from './support/scenario.js'
import { send } from './support/send.js'
import { createWorld, ORIGIN_A } from './support/world.js'

type Variant = 'none' | 'foreignStudio' | 'otherClient' | 'revoked' | 'publishable'
const variants: Variant[] = ['none', 'foreignStudio', 'otherClient', 'revoked', 'publishable']

const authOf = (security: Record<string, unknown>[]): RouteAuth => {
  const names = security.flatMap((s) => Object.keys(s))
  if (names.includes('publishableKey')) return 'public'
  return (
    {
      secretKey: 'secret_key',
      clientToken: 'client_token',
      signoffToken: 'signoff',
      shareToken: 'share_grant',
    } as const
  )[names[0] as 'secretKey']
}

/** Which statuses each (route credential, variant) may answer; `aimsAtA` = the request names A's records. */
function expected(auth: RouteAuth, variant: Variant, aimsAtA: boolean): number[] {
  const ok = [200, 201, 204]
  switch (variant) {
    case 'none':
      return auth === 'public' ? [200] : [401]
    case 'publishable':
      return auth === 'public' ? [200] : [403]
    case 'revoked':
      return auth === 'signoff' || auth === 'share_grant' ? [410] : [401]
    case 'otherClient':
      if (auth !== 'client_token') return [403]
      return aimsAtA ? [404] : ok
    case 'foreignStudio':
      if (auth === 'public') return [200]
      if (auth === 'share_grant') return [403]
      if (aimsAtA) return [404]
      return auth === 'secret_key' ? [...ok, 412] : ok
  }
}

describe('isolation matrix', async () => {
  const world = createWorld()
  const s = await seed(world)
  const { a, b } = s
  const fixtures = fixturesFor(s)
  const ids = idsOf(s)
  const doc = (await conformance(world.app)).doc
  const operations = Object.values(doc.paths).flatMap((item) =>
    Object.values(item).map(
      (op) => op as unknown as { operationId: string; security: Record<string, unknown>[] },
    ),
  )
  const credential = (auth: RouteAuth, variant: Variant): string | undefined => {
    const byAuth = {
      foreignStudio: {
        secret_key: b.sk,
        client_token: b.ct,
        signoff: b.so,
        share_grant: b.sg,
        public: b.sk,
      },
      revoked: {
        secret_key: a.skRevoked.token,
        client_token: a.ct1Revoked.token,
        signoff: a.soRevoked.token,
        share_grant: a.sgRevoked,
        public: a.pkRevoked.token,
      },
    } as const
    if (variant === 'none') return undefined
    if (variant === 'otherClient') return a.ct2.token
    if (variant === 'publishable') return a.pk.token
    return byAuth[variant][auth]
  }
  const snapshot = async () =>
    JSON.stringify([
      await world.atelier.projects.view(a.scope, a.p1),
      await world.atelier.projects.view(a.scope, a.p2),
      await world.atelier.audit.list(a.scope, a.p1),
      await world.atelier.audit.list(a.scope, a.p2),
      await world.atelier.credentials.listKeys(a.scope),
      await world.atelier.credentials.listClientTokens(a.scope, a.client1),
      await world.atelier.clients.list(a.scope),
      await world.atelier.studios.get(a.studioId),
    ])
  const before = await snapshot()
  let cells = 0

  it('has a row for every operation of the document', () => {
    const missing = operations.map((o) => o.operationId).filter((id) => !fixtures[id])
    expect(missing).toEqual([])
    expect(operations.length).toBe(59)
  })

  for (const op of operations) {
    it(`${op.operationId}: no credential but the right one reaches studio A`, async () => {
      const fixture = fixtures[op.operationId]
      expect(fixture, `no matrix row for ${op.operationId}`).toBeDefined()
      const auth = authOf(op.security)
      const sent = JSON.stringify(fixture)
      const aimsAtA = ids.some((id) => sent.includes(id))
      for (const variant of variants) {
        const origin: Record<string, string> = variant === 'publishable' ? { Origin: ORIGIN_A } : {}
        const reply = await send(world.call, fixture!, credential(auth, variant), origin)
        cells++
        const where = `${op.operationId} with ${variant}`
        expect(expected(auth, variant, aimsAtA), `${where}: ${reply.text}`).toContain(reply.status)
        if (auth === 'public') continue
        const body = reply.text
        for (const marker of s.markers.filter((m) => !sent.includes(m))) {
          expect(body.includes(marker), `${where} leaked ${marker}`).toBe(false)
        }
      }
    })
  }

  it('changed nothing of studio A', async () => {
    expect(cells).toBe(operations.length * variants.length)
    expect(await snapshot()).toBe(before)
  })
})
