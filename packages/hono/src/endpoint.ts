import type { MiddlewareHandler } from 'hono'
import { every } from 'hono/combine'
import { uniqueSymbol } from 'hono-openapi'
import type { ApiDeps, RouteAuth } from './context.js'
import { expectedVersion } from './http/etag.js'
import { jsonBody, uploadBody } from './middleware/body.js'
import { allowOrigin } from './middleware/cors.js'
import { identify } from './middleware/credentials.js'
import { withIdempotency } from './middleware/idempotency.js'
import { anonymousBucket, countRequest } from './middleware/rate-limit.js'
import { type EndpointSpec, operationOf } from './openapi/operation.js'

function credentials(deps: ApiDeps, auth: RouteAuth): MiddlewareHandler {
  return async function credentials(c, next) {
    const anonymous = () => ({
      credential: 'none' as const,
      bucket: anonymousBucket(deps, c, auth),
    })
    let caller: Awaited<ReturnType<typeof identify>>
    try {
      caller = await identify(deps, c, auth)
    } catch (error) {
      // Failed attempts count against the anonymous bucket, so guessing is rate limited too.
      await countRequest(deps, c, anonymous())
      throw error
    }
    if (caller.credential === 'none') caller = anonymous()
    c.set('atelierCaller', caller)
    await countRequest(deps, c, caller)
    await allowOrigin(deps, c, caller)
    await next()
  }
}

function ifMatch(): MiddlewareHandler {
  return async function ifMatch(c, next) {
    c.set('atelierVersion', expectedVersion(c))
    await next()
  }
}

function idempotency(deps: ApiDeps): MiddlewareHandler {
  return async function idempotency(c, next) {
    return withIdempotency(deps, c, c.get('atelierCaller'), next)
  }
}

function embeddable(): MiddlewareHandler {
  return async function embeddable(c, next) {
    await next()
    c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin')
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=300')
  }
}

/**
 * The first handler of every `/v1` route: resolves the credential the route accepts, counts
 * the request against its rate limit, checks the browser origin, then the body, `If-Match` and
 * `Idempotency-Key` as the spec says. It carries the route's OpenAPI operation, so the route
 * table, its security and its documentation are one declaration.
 *
 * @example
 * app.get('/studio', endpoint(deps, { operationId: 'getStudio', auth: 'secret_key', … }), handler)
 */
export function endpoint(deps: ApiDeps, spec: EndpointSpec): MiddlewareHandler {
  const steps: MiddlewareHandler[] = [credentials(deps, spec.auth)]
  if (spec.body === 'json') steps.push(jsonBody(deps))
  if (spec.body === 'raw') steps.push(uploadBody(deps))
  if (spec.ifMatch) steps.push(ifMatch())
  if (spec.idempotent) steps.push(idempotency(deps))
  if (spec.embeddable) steps.push(embeddable())
  const run = every(...steps)
  const handler: MiddlewareHandler = async function endpoint(c, next) {
    await run(c, next)
  }
  return Object.assign(handler, { [uniqueSymbol]: { spec: operationOf(spec) } })
}
