import type { MiddlewareHandler } from 'hono'

/**
 * What every API response carries unless its route sets its own value: the security headers
 * (Hono's `secureHeaders` defaults, with a CSP that allows nothing and `X-Frame-Options: DENY`)
 * and `Cache-Control: no-store`.
 *
 * @example
 * apiHeaders.find(([name]) => name === 'Cache-Control') // ['Cache-Control', 'no-store']
 */
export const apiHeaders: readonly (readonly [name: string, value: string])[] = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cache-Control', 'no-store'],
]

const UNSAFE_ID = /[^\w\-=]/

/**
 * The request id and {@link apiHeaders}, set before the route runs, so a value the route sets
 * itself wins. The id is the caller's `X-Request-Id` when it is up to 255 word characters,
 * `-` or `=`, else a random UUID; it is echoed in `X-Request-Id` and kept as
 * `c.get('requestId')`. One step in place of Hono's `requestId` and `secureHeaders` and a
 * no-store step: these set the headers on the finished response, each after checking it.
 *
 * @example
 * app.use('*', responseHeaders())
 */
export function responseHeaders(): MiddlewareHandler {
  return async function responseHeaders(c, next) {
    let id = c.req.header('X-Request-Id')
    if (!id || id.length > 255 || UNSAFE_ID.test(id)) id = crypto.randomUUID()
    c.set('requestId', id)
    c.header('X-Request-Id', id)
    for (const [name, value] of apiHeaders) c.header(name, value)
    await next()
  }
}
