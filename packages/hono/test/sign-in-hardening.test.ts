import { describe, expect, it } from 'vitest'
import { accountLimit } from '../src/routes/auth.js'
import { createMemberWorld, PASSWORD, session } from './support/member-world.js'
import { PUBLIC_URL } from './support/world.js'

let ips = 0
const nextIp = () => `10.66.${++ips >> 8}.${ips & 255}`

/** A sign-in sent as an HTML form would send it (Better Auth reads such bodies too). */
const formSignIn = (world: ReturnType<typeof createMemberWorld>, body: string) =>
  world.call('POST', '/auth/sign-in/email', {
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Test-Ip': nextIp() },
  })

describe('the per-account limit, whatever the body looks like', () => {
  it('counts form-encoded sign-ins as JSON ones: guesses in forms do not escape the limit', async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'viewer')
    // The member's own sign-in counted once already.
    for (let i = 1; i < accountLimit.max; i++) {
      const form = new URLSearchParams({ email: member.email, password: `wrong password ${i}` })
      expect((await formSignIn(world, form.toString())).status).toBe(401)
    }
    const limited = await formSignIn(
      world,
      new URLSearchParams({ email: member.email, password: PASSWORD }).toString(),
    )
    expect([limited.status, limited.json.code]).toEqual([429, 'rate_limited'])
    expect((await world.signIn(member.email, PASSWORD)).reply.status).toBe(429)
  })

  it('counts the address Better Auth reads when a form names it twice (the last one)', async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'viewer')
    for (let i = 1; i < accountLimit.max; i++) {
      const body = `email=decoy${i}%40studio.example&email=${encodeURIComponent(member.email)}&password=wrong+password+${i}`
      expect((await formSignIn(world, body)).status).toBe(401)
    }
    expect((await world.signIn(member.email, PASSWORD)).reply.status).toBe(429)
  })
})

describe('what a session may do to what is not its own', () => {
  const problem = (r: { status: number; json?: { code?: string; reason?: string } }) => [
    r.status,
    r.json?.code,
    r.json?.reason,
  ]

  it("never signs out another account's session by its id; nor from another site", async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    const x = await world.member(studio, 'owner')
    const y = await world.member(studio, 'viewer')
    const ySessions = await world.call('GET', '/v1/sessions', { headers: { Cookie: y.cookie } })
    const yId = ySessions.json.items[0].id as string
    const byX = await world.call('DELETE', `/v1/sessions/${yId}`, session(x.cookie))
    expect(problem(byX)).toEqual([404, 'not_found', undefined])
    const crossSite = await world.call('DELETE', `/v1/sessions/${yId}`, {
      headers: { Cookie: y.cookie, Origin: 'https://evil.example' },
    })
    expect(problem(crossSite)).toEqual([403, 'forbidden', 'cross_origin'])
    const read = await world.call('GET', '/v1/studio', { headers: { Cookie: y.cookie } })
    expect(read.status).toBe(200)
  })

  it('switches studio only from its own origin', async () => {
    const world = createMemberWorld()
    const a = await world.studio('A')
    const b = await world.studio('B')
    const m = await world.member(a, 'owner')
    await world.join(b, m, 'viewer')
    const forged = await world.call('POST', '/v1/session/studio', {
      json: { studioId: b.studioId },
      headers: { Cookie: m.cookie, Origin: 'https://evil.example' },
    })
    expect(problem(forged)).toEqual([403, 'forbidden', 'cross_origin'])
    const me = await world.call('GET', '/v1/me', { headers: { Cookie: m.cookie } })
    expect(me.json.studioId).toBe(a.studioId)
  })

  it("lets Better Auth's own changes through only from its origin, and never the session's studio", async () => {
    const world = createMemberWorld()
    const a = await world.studio('A')
    const b = await world.studio('B')
    const m = await world.member(a, 'owner')
    for (const path of ['/auth/two-factor/enable', '/auth/update-user', '/auth/revoke-sessions']) {
      const forged = await world.call('POST', path, {
        json: path.endsWith('enable') ? { password: PASSWORD } : { name: 'x' },
        headers: { Cookie: m.cookie, Origin: 'https://evil.example', 'X-Test-Ip': nextIp() },
      })
      expect(problem(forged)).toEqual([403, 'forbidden', 'invalid_origin'])
    }
    const rebind = await world.call('POST', '/auth/update-session', {
      json: { activeStudioId: b.studioId },
      headers: { Cookie: m.cookie, Origin: PUBLIC_URL, 'X-Test-Ip': nextIp() },
    })
    expect(problem(rebind)).toEqual([400, 'invalid_input', 'field_not_allowed'])
    const me = await world.call('GET', '/v1/me', { headers: { Cookie: m.cookie } })
    expect(me.json.studioId).toBe(a.studioId)
  })
})

describe('roles a manager cannot hand out', () => {
  it('invites no owner, changes no role, makes no key, over HTTP', async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    await world.member(studio, 'owner')
    const manager = await world.member(studio, 'manager')
    const asOwner = await world.call('POST', '/v1/invitations', {
      ...session(manager.cookie),
      json: { email: 'new.owner@studio.example', role: 'owner' },
    })
    expect([asOwner.status, asOwner.json.code]).toEqual([403, 'forbidden'])
    const self = await world.call('PATCH', `/v1/members/${manager.memberId}`, {
      ...session(manager.cookie),
      json: { role: 'owner' },
      ifMatch: 1,
    })
    expect([self.status, self.json.permission]).toEqual([403, 'member.manage'])
    const key = await world.call('POST', '/v1/keys', {
      ...session(manager.cookie),
      json: { kind: 'secret', label: 'mine', role: 'owner' },
    })
    expect([key.status, key.json.permission]).toEqual([403, 'key.manage'])
    const members = await world.atelier.members.list({
      studioId: studio.studioId,
      actor: { kind: 'system', id: 't', label: 't' },
    })
    expect(members.filter((m) => m.role === 'owner')).toHaveLength(1)
  })
})

describe('a reset request for a known address, when sending the link fails', () => {
  it('answers as for an unknown address, and no failure escapes the request', async () => {
    const escaped: unknown[] = []
    const onRejection = (reason: unknown) => void escaped.push(reason)
    process.on('unhandledRejection', onRejection)
    try {
      for (const send of [
        () => {
          throw new Error('mail relay refused')
        },
        () => Promise.reject(new Error('mail relay down')),
      ]) {
        const world = createMemberWorld({}, { auth: { sendResetLink: send } })
        const studio = await world.studio('Studio 山海')
        const member = await world.member(studio, 'viewer')
        const ask = (email: string) =>
          world.call('POST', '/auth/request-password-reset', {
            json: { email },
            headers: { 'X-Test-Ip': nextIp() },
          })
        const known = await ask(member.email)
        const unknown = await ask('nobody@studio.example')
        expect([known.status, known.json]).toEqual([unknown.status, unknown.json])
        expect(known.status).toBe(200)
      }
      // Node reports an unhandled rejection once the microtasks have run: by the next turn.
      await new Promise((resolve) => setImmediate(resolve))
      expect(escaped).toEqual([])
    } finally {
      process.off('unhandledRejection', onRejection)
    }
  })
})

describe("Better Auth's other refusals", () => {
  it('answers a body of a type it does not read with 415, not a server error', async () => {
    const world = createMemberWorld()
    const reply = await world.call('POST', '/auth/sign-in/email', {
      body: 'email=a@studio.example',
      headers: { 'Content-Type': 'text/plain', 'X-Test-Ip': nextIp() },
    })
    expect([reply.status, reply.json.code]).toEqual([415, 'unsupported_media_type'])
  })

  it('sets the session cookie alone: no cookie cache holding the session', async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'viewer')
    const { reply } = await world.signIn(member.email, PASSWORD)
    const names = reply.headers.getSetCookie().map((c) => c.split('=')[0])
    expect(names).toEqual([expect.stringMatching(/session_token$/)])
    expect(reply.headers.getSetCookie()[0]).toMatch(/HttpOnly/i)
  })
})
