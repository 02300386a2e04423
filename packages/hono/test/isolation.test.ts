import { describe, expect, it } from 'vitest'
import type { RouteAuth } from '../src/context.js'
import { conformance } from './support/conformance.js'
import { fixturesFor, idsOf } from './support/fixtures.js'
import { seedMembers, snapshotOfA } from './support/member-seed.js'
import { createMemberWorld } from './support/member-world.js'
import { seed } from './support/scenario.js'
import { send } from './support/send.js'
import { ORIGIN_A, PUBLIC_URL } from './support/world.js'

type Variant = 'none' | 'foreignStudio' | 'otherClient' | 'revoked' | 'publishable'
const variants: Variant[] = ['none', 'foreignStudio', 'otherClient', 'revoked', 'publishable']

const authOf = (security: Record<string, unknown>[]): RouteAuth => {
  const names = security.flatMap((s) => Object.keys(s))
  if (names.includes('publishableKey')) return 'public'
  return (
    {
      secretKey: 'studio',
      memberSession: 'account',
      clientToken: 'client_token',
      signoffToken: 'signoff',
      shareToken: 'share_grant',
    } as const
  )[names[0] as 'secretKey']
}

/** What a public route answers its fixture with any credential it accepts, when not 200. */
const publicAnswer: Record<string, number> = {
  // The fixture's invitation was used already: nobody joins through it again.
  acceptInvitation: 410,
}

/**
 * Which statuses each (route credential, variant) may answer; `aimsAtA` = the request names A's
 * records. On `account` routes (a session only) the foreign studio's credential is B's owner
 * signed in, and the revoked one a signed-out session.
 */
function expected(id: string, auth: RouteAuth, variant: Variant, aimsAtA: boolean): number[] {
  const ok = [200, 201, 204]
  const open = [publicAnswer[id] ?? 200]
  switch (variant) {
    case 'none':
      return auth === 'public' ? open : [401]
    case 'publishable':
      return auth === 'public' ? open : [403]
    case 'revoked':
      return auth === 'signoff' || auth === 'share_grant' ? [410] : [401]
    case 'otherClient':
      if (auth !== 'client_token') return [403]
      return aimsAtA ? [404] : ok
    case 'foreignStudio':
      if (auth === 'public') return open
      if (auth === 'share_grant') return [403]
      // Not a member of A: the same answer whether a studio of that id exists or not.
      if (id === 'switchStudio') return [403]
      if (aimsAtA) return [404]
      return auth === 'studio' ? [...ok, 412] : ok
  }
}

describe('isolation matrix', async () => {
  const world = createMemberWorld()
  const s = await seed(world)
  const m = await seedMembers(world, s)
  const { a, b } = s
  const fixtures = fixturesFor(s, m)
  const ids = idsOf(s, m)
  const markers = [...s.markers, ...m.markers]
  const doc = (await conformance(world.app)).doc
  const operations = Object.values(doc.paths).flatMap((item) =>
    Object.values(item).map(
      (op) => op as unknown as { operationId: string; security: Record<string, unknown>[] },
    ),
  )
  const credential = (auth: RouteAuth, variant: Variant) => {
    if (auth === 'account' && variant === 'foreignStudio') return { cookie: m.b.staff.owner.cookie }
    if (auth === 'account' && variant === 'revoked') return { cookie: m.a.signedOut }
    return { token: token(auth, variant) }
  }
  const token = (auth: RouteAuth, variant: Variant): string | undefined => {
    const byAuth = {
      foreignStudio: {
        studio: b.sk,
        client_token: b.ct,
        signoff: b.so,
        share_grant: b.sg,
        public: b.sk,
      },
      revoked: {
        studio: a.skRevoked.token,
        client_token: a.ct1Revoked.token,
        signoff: a.soRevoked.token,
        share_grant: a.sgRevoked,
        public: a.pkRevoked.token,
      },
    } as const
    if (variant === 'none') return undefined
    if (variant === 'otherClient') return a.ct2.token
    if (variant === 'publishable') return a.pk.token
    return byAuth[variant][auth as Exclude<RouteAuth, 'account'>]
  }
  const snapshot = () => snapshotOfA(world, s, m)
  const before = await snapshot()
  let cells = 0

  it('has a row for every operation of the document', () => {
    const missing = operations.map((o) => o.operationId).filter((id) => !fixtures[id])
    expect(missing).toEqual([])
    expect(operations.length).toBe(71)
  })

  for (const op of operations) {
    it(`${op.operationId}: no credential but the right one reaches studio A`, async () => {
      const fixture = fixtures[op.operationId]
      expect(fixture, `no matrix row for ${op.operationId}`).toBeDefined()
      const auth = authOf(op.security)
      const sent = JSON.stringify(fixture)
      const aimsAtA = ids.some((id) => sent.includes(id))
      for (const variant of variants) {
        const { token, cookie } = credential(auth, variant)
        const headers: Record<string, string> =
          variant === 'publishable' ? { Origin: ORIGIN_A } : {}
        if (cookie) Object.assign(headers, { Cookie: cookie, Origin: PUBLIC_URL })
        const reply = await send(world.call, fixture!, token, headers)
        cells++
        const where = `${op.operationId} with ${variant}`
        const answers = expected(op.operationId, auth, variant, aimsAtA)
        expect(answers, `${where}: ${reply.text}`).toContain(reply.status)
        if (auth === 'public') continue
        const body = reply.text
        for (const marker of markers.filter((m) => !sent.includes(m))) {
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
