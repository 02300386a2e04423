import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Atelier, createAtelier, memoryStorage } from '@atelier/core'
import { atelierApi } from '@atelier/hono'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { type Browser, chromium, type Page } from 'playwright-core'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the screenshots go (gitignored through the root `.screenshots/` rule). */
export const screenshotDir = join(root, '.screenshots')

/** The launch flags: headless, no sandbox, GPU or background traffic, fresh profile. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Debian's Chromium, driven by playwright-core (a fresh temporary profile per launch). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
  })
}

/** A page of a studio's site: which bundle, the body, the page language and colour scheme. */
export interface PageSpec {
  body: string
  bundle?: 'project-tracker' | 'project-signoff' | 'atelier-elements'
  lang?: string
  /** Extra markup for `<head>`, before the bundle (listeners a measurement needs). */
  head?: string
}

/** The server the tests drive: the real API, the built bundles and test pages on one origin. */
export interface Harness {
  url: string
  atelier: Atelier
  /** Every `/v1` request that reached the server, in order. */
  requests: { method: string; path: string }[]
  /** Moves the API's clock (for expiry); 0 puts it back. */
  setClockOffset(ms: number): void
  /** Registers a page and returns its URL (`/p/<n>`). */
  page(spec: PageSpec): string
  close(): Promise<void>
}

function html(spec: PageSpec): string {
  return `<!doctype html>
<html lang="${spec.lang ?? 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Studio 山海</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, "Noto Sans CJK SC", sans-serif; }
  body { margin: 0; padding: 24px 32px 48px; background: light-dark(#f6f5f2, #111316); color: light-dark(#222, #eee); }
  .site { font-weight: 700; letter-spacing: .04em; margin: 0 0 20px; }
</style>
${spec.head ?? ''}
<script type="module" src="/cdn/${spec.bundle ?? 'atelier-elements'}.js"></script>
</head>
<body>
<p class="site">STUDIO 山海</p>
${spec.body}
</body>
</html>`
}

/**
 * Starts the real `atelierApi` (memory storage) with the script-tag bundles from `cdnDir` and
 * test pages on 127.0.0.1 and a free port: everything the browser loads is same-origin.
 */
export async function startHarness(cdnDir: string): Promise<Harness> {
  let offset = 0
  const atelier = createAtelier({
    storage: memoryStorage(),
    clock: () => new Date(Date.now() + offset),
  })
  const requests: Harness['requests'] = []
  const pages: string[] = []
  let api: Hono | undefined
  const app = new Hono()
  app.get('/cdn/:file', async (c) => {
    const file = c.req.param('file')
    if (!/^[\w-]+\.js$/.test(file)) return c.notFound()
    const body = await readFile(join(cdnDir, file), 'utf8')
    return c.body(body, 200, { 'content-type': 'text/javascript; charset=utf-8' })
  })
  app.get('/p/:n', (c) => {
    const page = pages[Number(c.req.param('n'))]
    return page ? c.html(page) : c.notFound()
  })
  app.get('/s/:token', (c) =>
    c.html(html({ body: '<project-signoff></project-signoff>', bundle: 'project-signoff' })),
  )
  app.get('/track', (c) =>
    c.html(
      html({
        body: '<project-tracker token-from="hash"></project-tracker>',
        bundle: 'project-tracker',
      }),
    ),
  )
  app.all('/v1/*', (c) => {
    requests.push({ method: c.req.method, path: new URL(c.req.url).pathname })
    return api!.fetch(c.req.raw)
  })
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  api = atelierApi(atelier, { publicUrl: url, rateLimit: false })
  return {
    url,
    atelier,
    requests,
    setClockOffset: (ms) => {
      offset = ms
    },
    page(spec) {
      pages.push(html(spec))
      return `${url}/p/${pages.length - 1}`
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      }),
  }
}

const axeSource = readFile(join(root, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** A violation axe-core found, reduced to what a failing assertion should print. */
export interface AxeFinding {
  id: string
  impact: string
  help: string
  targets: string[]
}

/**
 * Runs axe-core (its source injected into the page) over the document, shadow roots included,
 * and returns the serious and critical violations.
 */
export async function axe(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: await axeSource })
  }
  return page.evaluate(async () => {
    interface Violation {
      id: string
      impact: string
      help: string
      nodes: { target: unknown }[]
    }
    const { axe } = window as unknown as {
      axe: { run(ctx: Node, o: object): Promise<{ violations: Violation[] }> }
    }
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      }))
  })
}

/** Saves a full-page screenshot under {@link screenshotDir} and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
