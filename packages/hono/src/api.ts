import type { Atelier } from '@atelier/core'
import { Hono } from 'hono'
import { methodNotAllowed } from 'hono/method-not-allowed'
import type { ApiDeps } from './context.js'
import { ApiError, notFound, onError, problemResponse } from './errors.js'
import { preflight } from './middleware/cors.js'
import { knownLinks } from './middleware/known-links.js'
import { requestLog } from './middleware/request-log.js'
import { responseHeaders } from './middleware/response-headers.js'
import { openApiRoutes } from './openapi/routes.js'
import { type AtelierApiOptions, resolveOptions } from './options.js'
import { authRoutes } from './routes/auth.js'
import { v1Routes } from './routes/index.js'

/**
 * The Atelier HTTP API as a Hono app: every route of the service under `/v1`, OpenAPI 3.1 at
 * `/openapi.json`, a reference page at `/docs`. Mount it anywhere; it needs nothing but the
 * Web platform (no Node APIs). Served through its own `fetch` (or mounted where no middleware
 * runs before it), its hot responses are built from plain header objects, which costs Node
 * less than `Headers`.
 *
 * @example
 * const atelier = createAtelier({ storage: memoryStorage() })
 * const app = new Hono()
 * app.route('/api', atelierApi(atelier, { publicUrl: 'https://studio.example' }))
 */
export function atelierApi(atelier: Atelier, options: AtelierApiOptions): Hono {
  const deps: ApiDeps = {
    atelier,
    opts: resolveOptions(options),
    links: knownLinks(),
    ...(options.auth && { auth: options.auth }),
  }
  const app = new Hono()
  // First, so it knows whether anything ran before it on this context.
  app.use('*', responseHeaders())
  if (deps.opts.logger) app.use('*', requestLog(deps.opts.logger))
  app.use('*', preflight())
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(
          c,
          new ApiError(
            'method_not_allowed',
            `${c.req.method} is not allowed here; use ${methods.join(', ')}`,
            {
              Allow: methods.join(', '),
            },
          ),
        ),
    }),
  )
  if (deps.auth) app.route('/', authRoutes(deps, deps.auth))
  app.route('/v1', v1Routes(deps))
  app.route('/', openApiRoutes(app))
  app.all('*', notFound)
  app.onError(onError)
  app.notFound(notFound)
  return app
}
