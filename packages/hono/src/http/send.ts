import type { Context } from 'hono'
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status'

/** `headers` over `pending` (taken over, it is the request's own), twins in another case replaced. */
function merge(
  pending: Record<string, string>,
  headers: Record<string, string>,
): Record<string, string> {
  for (const name in headers) {
    if (!(name in pending)) {
      const lower = name.toLowerCase()
      for (const key in pending) {
        if (key.length === name.length && key.toLowerCase() === lower) delete pending[key]
      }
    }
    pending[name] = headers[name] as string
  }
  return pending
}

/**
 * A response of `body` (text, bytes, or none) with `headers` over the request's API headers, built
 * from one plain object (so no `Headers` is made on Node): the way for hot routes and errors.
 * Where the API does not own the request (mounted behind other middleware) it is `c.body`.
 *
 * @example
 * return send(c, stored.body, 200, { 'Content-Type': 'application/json', ETag: etag })
 */
export function send(
  c: Context,
  body: string | Uint8Array<ArrayBuffer> | null,
  status: StatusCode,
  headers: Record<string, string> = {},
): Response {
  const pending = c.get('atelierHeaders')
  if (!pending) {
    return body === null
      ? c.body(null, status, headers)
      : c.body(body, status as ContentfulStatusCode, headers)
  }
  c.set('atelierHeaders', undefined)
  return new Response(body, { status, headers: merge(pending, headers) })
}
