import type { Context, MiddlewareHandler } from 'hono'

/**
 * What every API response carries unless its route sets its own value: the security headers
 * (Hono's `secureHeaders` defaults, with a CSP that allows nothing and `X-Frame-Options: DENY`)
 * and `Cache-Control: no-store`.
 *
 * @example
 * apiHeaders['Cache-Control'] // 'no-store'
 */
export const apiHeaders: Readonly<Record<string, string>> = {
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
}

const UNSAFE_ID = /[^\w\-=]/

/**
 * Sets a header every response to this request carries unless the route sets its own: in the
 * request's plain header object when the API owns the request (see {@link responseHeaders}),
 * else on the context with `c.header`.
 *
 * @example
 * setHeader(c, 'RateLimit-Limit', '600')
 */
export function setHeader(c: Context, name: string, value: string): void {
  const pending = c.get('atelierHeaders')
  if (pending) pending[name] = value
  else c.header(name, value)
}

/**
 * The first step of every API request: the request id and {@link apiHeaders}, so a value the
 * route sets itself wins. The id is the caller's `X-Request-Id` when it is up to 255 word
 * characters, `-` or `=`, else a random UUID; it is echoed in `X-Request-Id` and kept as
 * `c.get('requestId')`.
 *
 * When nothing ran before it (the API is served on its own, or mounted where no middleware
 * precedes it), the headers wait in one plain object, `c.get('atelierHeaders')`: `send` builds
 * its response from it in one go, and any other response gets the headers it lacks added at
 * the end. Building `Headers` costs more than the rest of a read that skips it. Behind another
 * app's middleware, which may have set headers on the context, they are set there instead.
 *
 * @example
 * app.use('*', responseHeaders())
 */
export function responseHeaders(): MiddlewareHandler {
  return async function responseHeaders(c, next) {
    let id = c.req.header('X-Request-Id')
    if (!id || id.length > 255 || UNSAFE_ID.test(id)) id = crypto.randomUUID()
    c.set('requestId', id)
    if (c.req.routeIndex !== 0) {
      c.header('X-Request-Id', id)
      for (const name in apiHeaders) c.header(name, apiHeaders[name])
      await next()
      return
    }
    const pending: Record<string, string> = { ...apiHeaders }
    pending['X-Request-Id'] = id
    c.set('atelierHeaders', pending)
    await next()
    const left = c.get('atelierHeaders')
    if (!left) return
    const { headers } = c.res
    for (const name in left) if (!headers.has(name)) headers.set(name, left[name] as string)
  }
}
