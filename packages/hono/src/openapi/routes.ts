import { Hono } from 'hono'
import { generateSpecs } from 'hono-openapi'
import { docsPage } from './docs-page.js'
import { specOptions } from './document.js'

type Document = Awaited<ReturnType<typeof generateSpecs>>

/**
 * `/openapi.json` (generated once from the routes themselves) and `/docs`, a self-contained
 * reference page rendered on the server: no script, no third-party asset.
 *
 * @example
 * app.route('/', openApiRoutes(app))
 */
export function openApiRoutes(root: Hono) {
  let document: Promise<Document> | undefined
  const load = (base: string) => {
    document ??= generateSpecs(root, specOptions())
    return document.then((doc) => ({ ...doc, servers: [{ url: base || '/' }] }))
  }
  const app = new Hono()
  app.get('/openapi.json', async (c) => {
    const doc = await load(c.req.path.slice(0, -'/openapi.json'.length))
    return c.json(doc, 200, {
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'public, max-age=300',
    })
  })
  app.get('/docs', async (c) => {
    const nonce = crypto.randomUUID().replaceAll('-', '')
    const doc = await load(c.req.path.slice(0, -'/docs'.length))
    return c.html(docsPage(doc as Record<string, unknown>, nonce), 200, {
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'Cache-Control': 'public, max-age=300',
    })
  })
  return app
}
