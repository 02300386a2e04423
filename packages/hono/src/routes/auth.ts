import { AtelierError, type ErrorCode } from '@atelier/core'
import { hashToken } from '@atelier/core/tokens'
import { APIError } from 'better-auth'
import { type Context, Hono } from 'hono'
import { CLIENT_IP_HEADER } from '../auth/configure.js'
import type { MemberAuth } from '../auth/member-auth.js'
import type { ApiDeps } from '../context.js'
import { ApiError } from '../errors.js'
import { clientIpOf } from '../http/client-ip.js'

/**
 * Attempts per account (by address) in a window, on the routes that take a password or send a
 * link: whatever the IP, so an attacker spreading over many addresses still gets ten guesses.
 *
 * @example
 * accountLimit.max // 10 sign-ins per account per 15 minutes
 */
export const accountLimit = { max: 10, windowMs: 15 * 60_000 } as const

const PER_ACCOUNT = new Set(['/auth/sign-in/email', '/auth/request-password-reset'])

/** Better Auth's statuses as Atelier's problem codes (its own code goes in `reason`). */
const codeOf: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
}

/**
 * Better Auth mounted at `/auth`: sign-in, sign-out, password reset, two-factor. The client's
 * IP reaches it as the API knows it (`clientIp`, `trustProxy`), in a header the client cannot
 * set; sign-in and reset requests are also counted per account; its errors become the API's
 * problem documents.
 *
 * @example
 * if (deps.auth) app.route('/', authRoutes(deps, deps.auth))
 */
export function authRoutes(deps: ApiDeps, auth: MemberAuth) {
  const app = new Hono()
  app.on(['GET', 'POST'], '/auth/*', async (c) => {
    const headers = new Headers(c.req.raw.headers)
    headers.delete(CLIENT_IP_HEADER)
    const ip = clientIpOf(c, deps.opts)
    if (ip) headers.set(CLIENT_IP_HEADER, ip)
    // Better Auth's own link form puts the token in a path the server sees and hands it on in a
    // query; Atelier's links carry it in the fragment (`/reset#t=…`), so that form is not served.
    if (c.req.method === 'GET' && c.req.path.startsWith('/auth/reset-password/')) {
      throw new AtelierError('not_found', 'a password-reset link is opened at /reset#t=<token>')
    }
    if (c.req.method === 'POST' && PER_ACCOUNT.has(c.req.path)) await countAccount(deps, c)
    let response: Response
    try {
      response = await auth.auth.handler(new Request(c.req.raw, { headers }))
    } catch (error) {
      if (error instanceof APIError) throw problemOf(error.statusCode, error.body, error.headers)
      throw error
    }
    if (response.status < 400) {
      await bindNewSession(auth, response)
      return withoutTokens(response)
    }
    const body = await response
      .clone()
      .json()
      .catch(() => undefined)
    throw problemOf(response.status, body, response.headers)
  })
  return app
}

/**
 * When the answer starts a session (sign-in, a two-factor check), binds it to the member's first
 * studio now, after Better Auth has committed it.
 */
async function bindNewSession(auth: MemberAuth, response: Response): Promise<void> {
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => /(^|\.)session_token=./.test(c))
  if (!cookie) return
  const account = await auth.signedIn(new Headers({ Cookie: cookie }))
  if (account && !account.session.activeStudioId) await auth.bindFirstStudio(account)
}

/**
 * The answer without the session token Better Auth puts in some bodies (sign-in, the session,
 * a two-factor check): the session lives in the `HttpOnly` cookie, and a page's script has no
 * use for the token (a script injected into it would).
 */
async function withoutTokens(response: Response): Promise<Response> {
  if (!response.headers.get('Content-Type')?.includes('application/json')) return response
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as Record<string, unknown> | null | undefined
  if (!body || typeof body !== 'object') return response
  const session = body.session as Record<string, unknown> | undefined
  if (!('token' in body) && !(session && 'token' in session)) return response
  const { token: _t, ...rest } = body
  const clean = session ? { ...rest, session: { ...session, token: undefined } } : rest
  const headers = new Headers(response.headers)
  headers.delete('Content-Length')
  return new Response(JSON.stringify(clean), { status: response.status, headers })
}

/**
 * The address a body names, read as Better Auth reads it: JSON, or (sign-in takes HTML forms
 * too) a URL-encoded form, whose last `email` wins. Read any other way, a form's guesses would
 * go uncounted.
 */
async function addressOf(request: Request): Promise<unknown> {
  const copy = request.clone()
  const type = request.headers.get('Content-Type')?.toLowerCase() ?? ''
  if (!/^application\/([a-z0-9.+-]*\+)?json/.test(type) && type.includes('urlencoded')) {
    return new URLSearchParams(await copy.text().catch(() => '')).getAll('email').at(-1)
  }
  const body = (await copy.json().catch(() => undefined)) as { email?: unknown } | undefined
  return body?.email
}

/** Counts an attempt against the account its body names; refuses past the limit with 429. */
async function countAccount(deps: ApiDeps, c: Context): Promise<void> {
  const email = await addressOf(c.req.raw)
  if (typeof email !== 'string') return
  const account = hashToken(email.trim().toLowerCase()).slice(0, 32)
  const { count, resetAt } = await deps.atelier.requests.hit(
    `auth:account:${account}`,
    accountLimit.windowMs,
  )
  if (count <= accountLimit.max) return
  const retry = String(Math.max(1, Math.ceil((resetAt - deps.atelier.now().getTime()) / 1000)))
  throw new ApiError(
    'rate_limited',
    `more than ${accountLimit.max} attempts for this account in ${accountLimit.windowMs / 60_000} minutes; retry in ${retry} s`,
    { 'Retry-After': retry },
  )
}

/** A Better Auth error answer as the API's own problem. */
function problemOf(status: number, body: unknown, headers?: HeadersInit): Error {
  const { message, code } = (body ?? {}) as { message?: string; code?: string }
  const detail = message ?? 'the request was refused'
  if (status === 429) {
    const retry = new Headers(headers).get('X-Retry-After') ?? '60'
    return new ApiError(
      'rate_limited',
      `too many attempts from this address for now; retry in ${retry} s`,
      { 'Retry-After': retry },
    )
  }
  if (status === 415) {
    return new ApiError('unsupported_media_type', 'send the body as application/json')
  }
  // Another refusal (4xx) is still the request's fault; only 5xx is ours.
  const known = codeOf[status] ?? (status < 500 ? 'invalid_input' : undefined)
  if (!known) return new Error(`sign-in failed with status ${status}`)
  // Better Auth's own code (`invalid_email_or_password`…) says which refusal it was.
  return new AtelierError(known, detail, code ? { reason: code.toLowerCase() } : {})
}
