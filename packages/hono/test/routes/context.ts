import { expect } from 'vitest'
import type { Reply } from '../support/call.js'
import { createMemberWorld, type MemberWorld } from '../support/member-world.js'
import { seed } from '../support/scenario.js'

/** One world with studios A and B seeded, shared by the route modules in order. */
export async function routeContext() {
  const world: MemberWorld = createMemberWorld()
  const s = await seed(world)
  return {
    world,
    call: world.call,
    a: s.a,
    b: s.b,
    sk: { token: s.a.sk.token },
    ct: { token: s.a.ct1.token },
  }
}

export type RouteContext = Awaited<ReturnType<typeof routeContext>>

/** The version in a reply's `ETag: "<version>"`. */
export const etag = (reply: Reply) => Number(JSON.parse(reply.headers.get('ETag') ?? 'null'))

/** Asserts an RFC 9457 problem with the status and stable code. */
export function expectProblem(reply: Reply, status: number, code: string) {
  expect(reply.status, reply.text).toBe(status)
  expect(reply.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
  expect(reply.json).toMatchObject({ status, code, type: `urn:atelier:problem:${code}` })
  expect(reply.json.requestId).toBe(reply.headers.get('X-Request-Id'))
  expect(reply.text).not.toMatch(/\n\s+at |node_modules/)
  return reply.json
}

/** Asserts a success status and returns the body. */
export function expectOk(reply: Reply, status = 200) {
  expect(reply.status, reply.text).toBe(status)
  return reply.json
}
