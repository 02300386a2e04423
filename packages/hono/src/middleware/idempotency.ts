import { AtelierError, type IdempotencyBegin } from '@atelier/core'
import type { Context, Next } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiDeps, Caller } from '../context.js'
import { ApiError } from '../errors.js'

type Stored = Extract<IdempotencyBegin, { state: 'replay' }>['response']

const KEY = /^[\x21-\x7e]{1,255}$/
const TOKEN = /atl_(?:sk|pk|ct|so|sg|iv)_/
const REPLAYED_HEADERS = ['Content-Type', 'ETag', 'Location'] as const

/**
 * A copy of a JSON value without any member whose string holds a token: one-time tokens are
 * never stored, not even in the idempotency record, so a replay omits them.
 *
 * @example
 * withoutSecrets({ signoff, link: 'https://x/s/atl_so_…' }) // { signoff }
 */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === 'string' && TOKEN.test(member)) continue
    out[key] = withoutSecrets(member)
  }
  return out
}

function replay(c: Context, response: Stored): Response {
  const headers = { ...response.headers, 'Idempotent-Replayed': 'true' }
  const status = response.status as ContentfulStatusCode
  if (response.body === null) return c.body(null, status, headers)
  return c.body(JSON.stringify(response.body), status, headers)
}

async function record(c: Context): Promise<Stored> {
  const text = await c.res.clone().text()
  const headers: Record<string, string> = {}
  for (const name of REPLAYED_HEADERS) {
    const value = c.res.headers.get(name)
    if (value) headers[name] = value
  }
  return { status: c.res.status, body: text ? withoutSecrets(JSON.parse(text)) : null, headers }
}

/**
 * `Idempotency-Key` on a creating POST: the first 2xx response is stored (in the Atelier
 * storage) and replayed for the TTL; the same key with another body is 422; while the first
 * request runs, 409. Failed requests release the key so a retry runs again. Keys are scoped to
 * the credential.
 *
 * @example
 * return withIdempotency(deps, c, caller, next)
 */
export async function withIdempotency(
  deps: ApiDeps,
  c: Context,
  caller: Caller,
  next: Next,
): Promise<Response | undefined> {
  const key = c.req.header('Idempotency-Key')
  const studioId = caller.principal?.studioId
  if (key === undefined || !studioId) {
    await next()
    return undefined
  }
  if (!KEY.test(key)) {
    throw new AtelierError('invalid_input', 'invalid header: Idempotency-Key', {
      fields: [{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }],
    })
  }
  const body = await c.req.text()
  const fingerprint = await sha256Hex(
    `${c.req.method} ${c.req.path}\n${c.req.header('Content-Type') ?? ''}\n${body}`,
  )
  const stored = `${caller.bucket}:${key}`
  const { requests } = deps.atelier
  const begin = await requests.beginIdempotent(
    studioId,
    stored,
    fingerprint,
    deps.opts.idempotencyTtlMs,
  )
  if (begin.state === 'replay') return replay(c, begin.response)
  if (begin.state === 'mismatch') {
    throw new ApiError(
      'idempotency_key_reused',
      'this Idempotency-Key was used with a different request; use a new key for a new request',
    )
  }
  if (begin.state === 'in_flight') {
    throw new ApiError(
      'idempotency_in_flight',
      'a request with this Idempotency-Key is still running; retry shortly',
      { 'Retry-After': '1' },
    )
  }
  try {
    await next()
  } catch (error) {
    await requests.abandonIdempotent(studioId, stored)
    throw error
  }
  if (c.res.status >= 200 && c.res.status < 300) {
    await requests.completeIdempotent(studioId, stored, await record(c))
  } else {
    await requests.abandonIdempotent(studioId, stored)
  }
  return undefined
}

/** Lower-case hex SHA-256 of a string's UTF-8, with Web Crypto (the adapter runs on any runtime). */
async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}
