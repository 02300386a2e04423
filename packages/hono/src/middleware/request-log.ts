import type { MiddlewareHandler } from 'hono'
import type { RequestLog } from '../options.js'

const TOKEN = /atl_(sk|pk|ct|so|sg|iv)_[^/?#]*/g
const SIGNOFF_LINK = /(^|\/)s\/[^/?#]+/g
/** Better Auth's reset link (`/auth/reset-password/<token>`) carries its token in the path. */
const RESET_LINK = /\/reset-password\/[^/?#]+/g
const QUERY = /[?#]/
/** The status a request is logged with when its client left before the answer (nginx's). */
const CLIENT_CLOSED = 499

/**
 * A path safe to log: every Atelier token, every sign-off link segment (`/s/<token>`) and
 * every password-reset token (`/reset-password/<token>`) is replaced by `[redacted]`; the
 * query string is dropped.
 *
 * @example
 * redactPath('/s/atl_so_abc?x=1') // '/s/[redacted]'
 */
export function redactPath(path: string): string {
  const end = path.search(QUERY)
  const cut = end === -1 ? path : path.slice(0, end)
  const bare = cut.includes('/reset-password/')
    ? cut.replace(RESET_LINK, '/reset-password/[redacted]')
    : cut
  // Most paths hold neither; looking costs less than two regex replacements.
  if (!bare.includes('atl_') && !bare.startsWith('s/') && !bare.includes('/s/')) return bare
  return bare.replace(TOKEN, 'atl_$1_[redacted]').replace(SIGNOFF_LINK, '$1s/[redacted]')
}

/**
 * Calls `logger` once per request with a structured {@link RequestLog}: request id, method,
 * redacted path, status, duration, credential kind and studio. Never the `Authorization`
 * header, a token or a body. A request that failed because its client went away (an upload
 * abandoned half-way) is logged as 499 without an `error`: nothing went wrong on the server.
 *
 * @example
 * app.use('*', requestLog((entry) => console.log(JSON.stringify(entry))))
 */
export function requestLog(logger: ((entry: RequestLog) => void) | undefined): MiddlewareHandler {
  return async function requestLog(c, next) {
    if (!logger) return next()
    const start = performance.now()
    await next()
    const caller = c.get('atelierCaller')
    // Only a failed request looks at the signal: reading it costs the adapter an AbortController.
    const failed = c.res.status >= 500
    const left = failed && c.req.raw.signal.aborted
    const entry: RequestLog = {
      requestId: c.get('requestId') ?? '',
      method: c.req.method,
      path: redactPath(c.req.path),
      status: left ? CLIENT_CLOSED : c.res.status,
      durationMs: Math.round((performance.now() - start) * 100) / 100,
    }
    if (caller) entry.credential = caller.credential
    if (caller?.principal) entry.studioId = caller.principal.studioId
    if (c.error && failed && !left) {
      entry.error = { name: c.error.name, message: c.error.message }
    }
    try {
      logger(entry)
    } catch {
      // A failing logger must not fail the request it reports.
    }
  }
}
