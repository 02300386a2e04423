import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Atelier } from '@atelier/core'
import type { BlobStore, BlobStoreCheck, Storage } from '@atelier/core/storage'
import { atelierApi, type MemberAuth, redactPath } from '@atelier/hono'
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Logger } from '../logger.js'
import {
  joinPage,
  pageCsp,
  pageLang,
  resetPage,
  sharedPage,
  signoffPage,
  trackPage,
} from './pages.js'
import { serveFile } from './static-files.js'

export interface ServerAppOptions {
  atelier: Atelier
  storage: Storage
  /** The blob store, whose writability `/health` reports. */
  blobs?: BlobStore
  publicUrl: string
  logger: Logger
  /** The client's socket address, from the runtime. */
  clientIp?: (c: Context) => string | undefined
  /** Member sign-in (`openAuth`), mounted at `/auth`; without it, `/v1` takes keys only. */
  auth?: MemberAuth
}

const require = createRequire(import.meta.url)
const inPackage = (name: string, sub: string) =>
  join(dirname(require.resolve(`${name}/package.json`)), sub)

/** Where the element bundles, the demo site and the server's own assets are on disk. */
export const assetRoots = {
  elements: () => inPackage('@atelier/elements', 'dist/cdn'),
  demo: () => inPackage('@atelier/demo', 'site'),
  public: () => inPackage('@atelier/server', 'public'),
}

const pageHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': pageCsp,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
}

const isApi = (path: string) =>
  path.startsWith('/v1/') || path === '/v1' || path === '/openapi.json' || path === '/docs'

/**
 * The whole product on one origin: the API (`/v1`, `/openapi.json`, `/docs`), the element
 * bundles (`/elements/`), the pages behind sign-off, access and share links, the demo studio
 * site (`/demo/`) and `/health`. Every request is logged once, with tokens redacted.
 */
export function serverApp(options: ServerAppOptions): Hono {
  const { atelier, logger } = options
  const api = atelierApi(atelier, {
    publicUrl: options.publicUrl,
    logger: logger.request,
    ...(options.clientIp && { clientIp: options.clientIp }),
    ...(options.auth && { auth: options.auth }),
  })
  const roots = {
    elements: assetRoots.elements(),
    demo: assetRoots.demo(),
    public: assetRoots.public(),
  }
  const app = new Hono()

  app.use('*', async function accessLog(c, next) {
    // The API logs its own requests (sign-in's too, whose paths may hold a reset token: redacted).
    if (isApi(c.req.path) || (options.auth && c.req.path.startsWith('/auth/'))) return next()
    const started = performance.now()
    await next()
    logger.request({
      method: c.req.method,
      path: redactPath(c.req.path),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    })
  })

  app.all('/v1/*', (c) => api.fetch(c.req.raw, c.env))
  app.all('/v1', (c) => api.fetch(c.req.raw, c.env))
  if (options.auth) app.all('/auth/*', (c) => api.fetch(c.req.raw, c.env))
  app.get('/openapi.json', (c) => api.fetch(c.req.raw, c.env))
  app.get('/docs', (c) => api.fetch(c.req.raw, c.env))

  let blobsWere = true
  app.get('/health', async (c) => {
    const [database, blobs] = await Promise.all([
      options.storage
        .transaction(async () => undefined, { readOnly: true })
        .then(
          () => 'ok',
          () => 'unavailable',
        ),
      (options.blobs?.check?.() ?? Promise.resolve({ writable: true })).catch(
        (error: Error): BlobStoreCheck => ({ writable: false, detail: error.message }),
      ),
    ])
    if (blobs.writable !== blobsWere) {
      blobsWere = blobs.writable
      if (blobs.writable) logger.log('info', 'the blob store takes files again')
      else logger.log('error', 'the blob store cannot take files', { ...blobs })
    }
    const ok = database === 'ok' && blobs.writable
    return c.json(
      {
        status: ok ? 'ok' : 'unavailable',
        database,
        blobs: blobs.writable ? 'writable' : (blobs.reason ?? 'unavailable'),
      },
      ok ? 200 : 503,
      { 'Cache-Control': 'no-store' },
    )
  })

  const page = (render: (lang: 'zh-CN' | 'en') => string) => (c: Context) =>
    c.body(render(pageLang(c.req.header('Accept-Language'))), 200, pageHeaders)
  app.get('/s/:token', page(signoffPage))
  app.get('/track', page(trackPage))
  app.get('/shared', page(sharedPage))
  app.get('/join', page(joinPage))
  app.get('/reset', page(resetPage))

  app.get('/elements/*', async (c) => {
    const file = await serveFile(roots.elements, c.req.path.slice('/elements/'.length), c.req.raw, {
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    })
    return file ?? c.notFound()
  })
  app.get(
    '/assets/*',
    async (c) => (await serveFile(roots.public, c.req.path.slice(1), c.req.raw)) ?? c.notFound(),
  )
  app.get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301))
  app.get('/demo', (c) => c.redirect('/demo/'))
  app.get('/demo/*', async (c) => {
    const file = await serveFile(roots.demo, c.req.path.slice('/demo/'.length), c.req.raw, {
      'Content-Security-Policy': pageCsp.replace(
        "frame-ancestors 'none'",
        "frame-ancestors 'self'",
      ),
      'Referrer-Policy': 'no-referrer',
    })
    return file ?? c.notFound()
  })
  app.get('/', (c) => c.redirect('/demo/'))

  app.notFound((c) =>
    c.body(
      '<!doctype html><meta charset="utf-8"><title>404</title><p>Not found · 找不到此页面。 <a href="/demo/">Atelier</a></p>',
      404,
      pageHeaders,
    ),
  )
  app.onError((error, c) => {
    logger.log('error', 'unhandled error', { path: redactPath(c.req.path), error: error.message })
    return c.body(
      '<!doctype html><meta charset="utf-8"><p>Something went wrong · 出错了。</p>',
      500,
      pageHeaders,
    )
  })
  return app
}
