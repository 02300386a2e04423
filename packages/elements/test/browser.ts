import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Harness, PageSpec } from './harness.js'

/** How a test opens a page: light or dark, viewport width. */
export interface OpenOptions {
  dark?: boolean
  width?: number
  /** Called with the page before it navigates (routes, listeners). */
  before?: (page: Page) => unknown
}

/** One isolated browser context per opened page; closed by {@link closeAll}. */
const contexts = new Set<BrowserContext>()

/**
 * Opens a test page in a fresh context and collects page errors into `errors` (a test fails
 * on an uncaught error in the element).
 */
export async function openPage(
  browser: Browser,
  h: Harness,
  spec: PageSpec | string,
  options: OpenOptions = {},
): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({
    colorScheme: options.dark ? 'dark' : 'light',
    viewport: { width: options.width ?? 1200, height: 900 },
    acceptDownloads: true,
  })
  contexts.add(context)
  const page = Object.assign(await context.newPage(), { errors: [] as string[] })
  page.on('pageerror', (e) => page.errors.push(e.message))
  await options.before?.(page)
  await page.goto(typeof spec === 'string' ? spec : h.page(spec))
  return page
}

/** Closes every context opened so far. */
export async function closeAll(): Promise<void> {
  await Promise.all([...contexts].map((c) => c.close()))
  contexts.clear()
}

/** The visible text of an element's shadow root, whitespace collapsed. */
export function shadowText(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim())
}

/** The text of the element's live region. */
export function liveText(page: Page, selector: string): Promise<string> {
  return page
    .locator(`${selector} [role=status]`)
    .first()
    .textContent()
    .then((t) => (t ?? '').trim())
}

/** A page body with one `<project-tracker>` and the tracker's own bundle. */
export function tracker(attrs: string, lang?: string): PageSpec {
  return {
    body: `<project-tracker ${attrs}></project-tracker>`,
    bundle: 'project-tracker',
    ...(lang && { lang }),
  }
}

/** Runs `fn` over `items`, three at a time (one browser, several pages). */
export async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item)
    }),
  )
}
