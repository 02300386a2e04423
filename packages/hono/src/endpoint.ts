import type { MiddlewareHandler } from 'hono'
import { uniqueSymbol } from 'hono-openapi'
import type { ApiDeps, Caller, RouteAuth } from './context.js'
import { expectedVersion } from './http/etag.js'
import { jsonBody, uploadBody } from './middleware/body.js'
import { allowOrigin } from './middleware/cors.js'
import { identify } from './middleware/credentials.js'
import { drainBody } from './middleware/drain-body.js'
import { withIdempotency } from './middleware/idempotency.js'
import { anonymousBucket, countRequest } from './middleware/rate-limit.js'
import { type EndpointSpec, operationOf } from './openapi/operation.js'

function credentials(deps: ApiDeps, auth: RouteAuth): MiddlewareHandler {
  return async function credentials(c, next) {
    const anonymous = (): Caller => ({ credential: 'none', bucket: anonymousBucket(deps, c, auth) })
    let caller: Caller
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
    for (const cookie of caller.account?.setCookie ?? []) c.res.headers.append('Set-Cookie', cookie)
  }
}

// A link token counts as anonymous until it has answered with success; from then on, in its own
// bucket (guesses never do, so they never get one).
function provenLink(deps: ApiDeps): MiddlewareHandler {
  return async function provenLink(c, next) {
    await next()
    const { unproven } = c.get('atelierCaller')
    if (unproven !== undefined && c.res.status < 400) deps.links.add(unproven)
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
    // A 304 carries the caching headers its 200 would (RFC 9110 §15.4.5).
    const { status } = c.res
    if (status === 200 || status === 304) c.res.headers.set('Cache-Control', 'public, max-age=300')
  }
}

/**
 * The first handler of every `/v1` route: resolves the credential the route accepts, counts
 * the request against its rate limit, checks the browser origin, then the body, `If-Match` and
 * `Idempotency-Key` as the spec says. On a route that takes a body, whatever of it is left
 * unread is drained before the answer (see {@link drainBody}). It carries the route's OpenAPI
 * operation, so the route table, its security and its documentation are one declaration.
 *
 * @example
 * app.get('/studio', endpoint(deps, { operationId: 'getStudio', auth: 'studio', … }), handler)
 */
export function endpoint(deps: ApiDeps, spec: EndpointSpec): MiddlewareHandler {
  const steps: MiddlewareHandler[] = [credentials(deps, spec.auth)]
  if (spec.body) steps.unshift(drainBody(deps, spec.body))
  if (spec.auth === 'signoff' || spec.auth === 'share_grant') steps.push(provenLink(deps))
  if (spec.body === 'json') steps.push(jsonBody(deps))
  if (spec.body === 'raw') steps.push(uploadBody(deps))
  if (spec.ifMatch) steps.push(ifMatch())
  if (spec.idempotent) steps.push(idempotency(deps))
  if (spec.embeddable) steps.push(embeddable())
  return Object.assign(chain(steps), { [uniqueSymbol]: { spec: operationOf(spec) } })
}

/**
 * The steps as one handler, each step's `next` running the one after it. What `every` from
 * `hono/combine` does for middleware that never returns `true` or `false`, without composing a
 * new chain per request; a step that answers itself (a replay) ends the chain there.
 */
function chain(steps: MiddlewareHandler[]): MiddlewareHandler {
  const [only] = steps
  if (steps.length === 1 && only) return only
  return async function endpoint(c, next) {
    const index = c.req.routeIndex
    const run = async (i: number): Promise<void> => {
      const step = steps[i]
      if (!step) return next()
      // A step after `next()` reads the request of its own route, as `every` ensures.
      c.req.routeIndex = index
      const res = await step(c, () => run(i + 1))
      if (res && !c.finalized) c.res = res
    }
    await run(0)
  }
}
