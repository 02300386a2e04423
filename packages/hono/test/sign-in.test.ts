import { hashPassword, verifyPassword } from 'better-auth/crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { accountLimit } from '../src/routes/auth.js'
import type { Reply } from './support/call.js'
import { cookieOf, createMemberWorld, type MemberWorld, PASSWORD } from './support/member-world.js'
import { totpCode } from './support/totp.js'
import { PUBLIC_URL } from './support/world.js'

let ips = 0
/** A request to Better Auth at /auth, from an IP of its own unless told, with a session if given. */
function auth(
  world: MemberWorld,
  path: string,
  init: { json?: unknown; cookie?: string; ip?: string },
) {
  const headers: Record<string, string> = {
    'X-Test-Ip': init.ip ?? `10.9.${++ips >> 8}.${ips & 255}`,
  }
  if (init.cookie) Object.assign(headers, { Cookie: init.cookie, Origin: PUBLIC_URL })
  return world.call('POST', `/auth${path}`, { json: init.json ?? {}, headers })
}

const studioWith = (world: MemberWorld, cookie: string) =>
  world.call('GET', '/v1/studio', { headers: { Cookie: cookie } })

/** A problem as a client sees it, without what differs on every request. */
const shapeOf = (reply: Reply) => {
  const { requestId: _r, ...rest } = reply.json
  return { status: reply.status, body: rest, cookies: cookieOf(reply) }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('signing in', () => {
  it('answers a wrong password and an unknown address alike, each after one password hash', async () => {
    const work = { hash: 0, verify: 0 }
    const world = createMemberWorld(
      {},
      {
        auth: {
          password: {
            hash: (password) => {
              work.hash++
              return hashPassword(password)
            },
            verify: (input) => {
              work.verify++
              return verifyPassword(input)
            },
          },
        },
      },
    )
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'designer')
    work.hash = work.verify = 0
    const wrong = await world.signIn(member.email, 'not the password')
    const afterWrong = { ...work }
    const unknown = await world.signIn('nobody@studio.example', 'not the password')
    const afterUnknown = {
      hash: work.hash - afterWrong.hash,
      verify: work.verify - afterWrong.verify,
    }
    expect(shapeOf(wrong.reply)).toEqual(shapeOf(unknown.reply))
    expect(shapeOf(wrong.reply)).toMatchObject({
      status: 401,
      body: { code: 'unauthorized', reason: 'invalid_email_or_password' },
      cookies: '',
    })
    expect(wrong.reply.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
    // The same scrypt work on both paths: a verify for the account, a hash for nobody.
    expect(afterWrong.hash + afterWrong.verify).toBe(1)
    expect(afterUnknown.hash + afterUnknown.verify).toBe(1)
    expect(afterWrong.verify).toBe(1)
    expect(afterUnknown.hash).toBe(1)
    expect((await world.signIn(member.email, PASSWORD)).reply.status).toBe(200)
  })

  it('limits attempts per account whatever the IP, with Retry-After, until the window passes', async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'viewer')
    const other = await world.member(studio, 'viewer')
    // The member's own sign-in counted once already.
    for (let i = 1; i < accountLimit.max; i++) {
      expect((await world.signIn(member.email, `wrong password ${i}`)).reply.status).toBe(401)
    }
    const limited = await world.signIn(member.email, PASSWORD)
    expect(limited.reply.status).toBe(429)
    expect(limited.reply.json.code).toBe('rate_limited')
    expect(Number(limited.reply.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(limited.cookie).toBe('')
    expect((await world.signIn(other.email, PASSWORD)).reply.status).toBe(200)
    world.clock.advance(accountLimit.windowMs)
    expect((await world.signIn(member.email, PASSWORD)).reply.status).toBe(200)
  })

  it('limits sign-ins per IP, whatever the account', async () => {
    const world = createMemberWorld()
    const ip = '203.0.113.7'
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await world.signIn(`guess${i}@studio.example`, 'a password 1', ip)).reply.status,
      )
    }
    expect(statuses).toEqual([401, 401, 401, 429])
    const limited = await world.signIn('guess9@studio.example', 'a password 1', ip)
    expect(limited.reply.json.code).toBe('rate_limited')
    expect(Number(limited.reply.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await world.signIn('guess9@studio.example', 'a password 1')).reply.status).toBe(401)
  })

  it('ends a session when it expires', async () => {
    const world = createMemberWorld({}, { auth: { sessionSeconds: 60 } })
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'viewer')
    expect((await studioWith(world, member.cookie)).status).toBe(200)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 59_000 })
    expect((await studioWith(world, member.cookie)).status).toBe(200)
    vi.setSystemTime(Date.now() + 2_000)
    const expired = await studioWith(world, member.cookie)
    expect([expired.status, expired.json.code]).toEqual([401, 'unauthorized'])
  })

  it('signs out: the cookie stops working at once; a sign-out from another site is refused', async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'viewer')
    const forged = await world.call('POST', '/auth/sign-out', {
      json: {},
      headers: { Cookie: member.cookie, Origin: 'https://evil.example', 'X-Test-Ip': '10.8.0.1' },
    })
    expect(forged.status).toBe(403)
    expect((await studioWith(world, member.cookie)).status).toBe(200)
    // Sessions are listed by id at /v1/sessions; Better Auth's own list hands out their tokens.
    for (const path of ['/auth/list-sessions', '/auth/revoke-session']) {
      const reply = await world.call(path.endsWith('list-sessions') ? 'GET' : 'POST', path, {
        headers: { Cookie: member.cookie, Origin: PUBLIC_URL, 'X-Test-Ip': '10.8.0.2' },
        ...(path.endsWith('revoke-session') && { json: { token: 'x' } }),
      })
      expect([reply.status, reply.json.code]).toEqual([404, 'not_found'])
      expect(reply.text).not.toMatch(/"token"/)
    }
    const out = await auth(world, '/sign-out', { cookie: member.cookie })
    expect(out.status).toBe(200)
    const after = await studioWith(world, member.cookie)
    expect([after.status, after.json.code]).toEqual([401, 'unauthorized'])
  })
})

describe('password reset', () => {
  it('uses a reset link once, ends every session, and the new password signs in', async () => {
    const sent: string[] = []
    const world = createMemberWorld(
      {},
      { auth: { sendResetLink: (to) => void sent.push(to.email) } },
    )
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'designer')
    const known = await auth(world, '/request-password-reset', { json: { email: member.email } })
    const unknown = await auth(world, '/request-password-reset', {
      json: { email: 'nobody@studio.example' },
    })
    expect([known.status, known.json]).toEqual([unknown.status, unknown.json])
    expect(sent).toEqual([member.email])
    expect(await world.auth.resetLink('nobody@studio.example')).toBeUndefined()

    const link = await world.auth.resetLink(member.email)
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/reset#t=`))
    const token = link!.split('#t=')[1]!
    const newPassword = 'a brand new password'
    const reset = await auth(world, '/reset-password', { json: { newPassword, token } })
    expect(reset.status, reset.text).toBe(200)
    const again = await auth(world, '/reset-password', {
      json: { newPassword: 'yet another password', token },
    })
    expect([again.status, again.json.code, again.json.reason]).toEqual([
      400,
      'invalid_input',
      'invalid_token',
    ])
    expect((await studioWith(world, member.cookie)).status).toBe(401)
    expect((await world.signIn(member.email, PASSWORD)).reply.status).toBe(401)
    const signedIn = await world.signIn(member.email, newPassword)
    expect(signedIn.reply.status).toBe(200)
    expect((await studioWith(world, signedIn.cookie)).status).toBe(200)
  })
})

describe('two-factor sign-in (TOTP)', () => {
  it('once enabled and confirmed, a password alone gives no session; the code does', async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    const member = await world.member(studio, 'owner')
    const wrong = await auth(world, '/two-factor/enable', {
      cookie: member.cookie,
      json: { password: 'not the password' },
    })
    expect(wrong.status).toBe(400)
    const enabled = await auth(world, '/two-factor/enable', {
      cookie: member.cookie,
      json: { password: PASSWORD },
    })
    expect(enabled.status, enabled.text).toBe(200)
    expect(enabled.json.totpURI).toMatch(/^otpauth:\/\/totp\/Atelier:/)
    const cookie = cookieOf(enabled) || member.cookie
    const confirmed = await auth(world, '/two-factor/verify-totp', {
      cookie,
      json: { code: totpCode(enabled.json.totpURI) },
    })
    expect(confirmed.status, confirmed.text).toBe(200)

    const password = await world.signIn(member.email, PASSWORD)
    expect(password.reply.status).toBe(200)
    expect(password.reply.json).toEqual({ twoFactorRedirect: true, twoFactorMethods: ['totp'] })
    expect(password.cookie).not.toMatch(/session_token=/)
    expect(password.cookie).toMatch(/two_factor=/)
    expect((await studioWith(world, password.cookie)).status).toBe(401)
    const bad = await auth(world, '/two-factor/verify-totp', {
      cookie: password.cookie,
      json: { code: '000000' === totpCode(enabled.json.totpURI) ? '111111' : '000000' },
    })
    expect(bad.status).toBe(401)
    const verified = await auth(world, '/two-factor/verify-totp', {
      cookie: password.cookie,
      json: { code: totpCode(enabled.json.totpURI) },
    })
    expect(verified.status, verified.text).toBe(200)
    const session = cookieOf(verified)
    expect(session).toMatch(/session_token=/)
    expect((await studioWith(world, session)).status).toBe(200)
    // The session is the HttpOnly cookie's alone: no body hands its token to the page.
    const token = decodeURIComponent(session.split('session_token=')[1]!.split(';')[0]!).split(
      '.',
    )[0]!
    expect(verified.text).not.toContain(token)
    const current = await world.call('GET', '/auth/get-session', { headers: { Cookie: session } })
    expect(current.status).toBe(200)
    expect(current.json.session.id).toEqual(expect.any(String))
    expect(current.text).not.toContain(token)
    const again = await world.signIn(member.email, PASSWORD)
    expect(again.reply.text).not.toMatch(/"token"/)
  })
})
