import { AtelierError } from '@atelier/core'
import type { Context, MiddlewareHandler } from 'hono'
import type { ApiDeps, Caller } from '../context.js'
import { setHeader } from './response-headers.js'

const ALLOW_METHODS = 'GET, HEAD, POST, PATCH, DELETE'
const ALLOW_HEADERS =
  'Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, X-Request-Id'
/**
 * Response headers a browser script may read.
 *
 * @example
 * c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS)
 */
export const EXPOSE_HEADERS =
  'ETag, Location, Retry-After, X-Request-Id, Idempotent-Replayed, Content-Disposition, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset'

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
  } catch {
    return false
  }
}

/**
 * Answers CORS preflight requests. A preflight carries no credential, so it cannot know the
 * studio: it names the origin back (never `*`) and grants nothing by itself. The actual
 * request is then checked against the credential's studio by {@link allowOrigin}.
 *
 * @example
 * app.use('*', preflight())
 */
export function preflight(): MiddlewareHandler {
  return async function preflight(c, next) {
    if (c.req.method !== 'OPTIONS') return next()
    const origin = c.req.header('Origin')
    const method = c.req.header('Access-Control-Request-Method')
    if (!origin || !method) return next()
    if (!isOrigin(origin)) {
      throw new AtelierError('forbidden', 'the Origin header is not an origin')
    }
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': ALLOW_METHODS,
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    })
  }
}

async function originAllowed(deps: ApiDeps, caller: Caller, origin: string): Promise<boolean> {
  if (origin === deps.opts.publicOrigin) return true
  const studioId =
    caller.principal?.studioId ??
    (caller.token === undefined
      ? undefined
      : await deps.atelier.credentials.linkStudio(caller.token))
  if (studioId === undefined) {
    throw new AtelierError('unauthorized', 'this link is not known; check that it was copied whole')
  }
  const studio = await deps.atelier.studios.get(studioId)
  return studio.settings.allowedOrigins.includes(origin)
}

/**
 * Checks the `Origin` of a browser request against the caller's studio and grants CORS for
 * it. Requests without a credential get `Access-Control-Allow-Origin: *` (they carry nothing
 * to protect); credentialed ones get their own origin back only when it is the API's
 * `publicUrl` origin or in the studio's `allowedOrigins`, else 403. A publishable key must
 * come from such an origin. Sign-off and share links are checked against the studio they
 * belong to, so a studio can embed `<project-signoff>` on its own site.
 *
 * @example
 * await allowOrigin(deps, c, caller)
 */
export async function allowOrigin(deps: ApiDeps, c: Context, caller: Caller): Promise<void> {
  const origin = c.req.header('Origin')
  if (caller.credential === 'none') {
    if (origin) {
      setHeader(c, 'Access-Control-Allow-Origin', '*')
      setHeader(c, 'Access-Control-Expose-Headers', EXPOSE_HEADERS)
    }
    return
  }
  if (!origin) {
    if (caller.credential === 'publishable_key') {
      throw new AtelierError(
        'forbidden',
        "a publishable key is used from a web page on one of the studio's allowedOrigins",
      )
    }
    return
  }
  if (!(await originAllowed(deps, caller, origin))) {
    throw new AtelierError(
      'forbidden',
      `requests from ${origin.slice(0, 200)} are not allowed; add it to the studio's settings.allowedOrigins`,
    )
  }
  setHeader(c, 'Access-Control-Allow-Origin', origin)
  setHeader(c, 'Access-Control-Expose-Headers', EXPOSE_HEADERS)
  setHeader(c, 'Vary', 'Origin')
}
