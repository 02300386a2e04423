import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, test } from 'vitest'
import { openPage, tracker } from '../../test/browser.js'
import { type Harness, screenshot } from '../../test/harness.js'
import { projectAt, type SeededStudio } from '../../test/seed.js'
import { browserSuite, type Suite } from '../../test/suite.js'
import { signoffMessages } from '../project-signoff/parts/messages.js'

let h: Harness
let s: SeededStudio
let suite: Suite
const shots: string[] = []

browserSuite((ready) => {
  suite = ready
  ;({ h, s } = ready)
})
afterAll(() => console.log(`active-content screenshots:\n${shots.join('\n')}`))

/** Where the script of the uploaded SVG calls home, if it ever runs on the server's origin. */
const CALLBACK = '/v1/__svg-script-ran'
const MARKER = 'atelier-svg-script-ran'

/**
 * A logo a client or designer might upload: a terracotta ring on a light ground, with a script
 * that marks the origin it runs on (localStorage, a cookie, a request to the server).
 */
const svg = new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">
  <rect width="320" height="240" fill="#f6f5f2"/>
  <circle cx="160" cy="110" r="60" fill="none" stroke="#b4462a" stroke-width="24"/>
  <script>
    localStorage.setItem('${MARKER}', location.origin)
    document.cookie = '${MARKER}=1; path=/'
    fetch('${CALLBACK}', { method: 'POST', body: location.href })
  </script>
</svg>`)

/** The same logo drawn with a `foreignObject`, which a canvas refuses to export once drawn. */
const foreignObjectSvg =
  new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">
  <foreignObject width="320" height="240"><p xmlns="http://www.w3.org/1999/xhtml">Logo</p></foreignObject>
  <script>localStorage.setItem('${MARKER}', location.origin)</script>
</svg>`)

/** A project in production with `logo.svg` and a pending review sign-off for it. */
async function svgProject(bytes = svg) {
  const p = await projectAt(h.atelier, s, 'production', { title: 'SVG logo' })
  const logo = await h.atelier.deliverables.create(s.scope, {
    projectId: p.id,
    kind: 'design',
    title: 'Logo SVG',
  })
  await h.atelier.deliverables.addVersion(
    s.scope,
    { deliverableId: logo.id, filename: 'logo.svg', mediaType: 'image/svg+xml' },
    bytes,
  )
  const review = await h.atelier.signoffs.create(s.scope, {
    projectId: p.id,
    purpose: 'review',
    files: [{ deliverableId: logo.id, version: 1 }],
  })
  return { id: p.id, token: review.token }
}

/** The `src` of the shown preview `img`, once it has loaded. */
async function previewSrc(page: Page, selector: string): Promise<string> {
  const img = page.locator(selector)
  await img.waitFor()
  await page.waitForFunction(
    (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0,
    await img.elementHandle(),
  )
  return (await img.getAttribute('src'))!
}

/** The colour of the preview `img` at (x, y) in 0..1 of its size, read back through a canvas. */
function pixel(page: Page, selector: string, x: number, y: number): Promise<number[]> {
  return page.locator(selector).evaluate(
    (img: HTMLImageElement, [x, y]) => {
      const c = document.createElement('canvas')
      c.width = img.naturalWidth
      c.height = img.naturalHeight
      const g = c.getContext('2d')!
      g.drawImage(img, 0, 0)
      return [...g.getImageData(Math.floor(x! * c.width), Math.floor(y! * c.height), 1, 1).data]
    },
    [x, y],
  )
}

/** Whether the SVG's script left its marks on the origin of `page`. */
function marks(page: Page) {
  return page.evaluate((marker) => {
    return {
      type: document.contentType,
      storage: localStorage.getItem(marker),
      cookie: document.cookie.includes(marker),
    }
  }, MARKER)
}

/**
 * Opens `src` as a top-level page the two ways a person does: in a new tab (the context menu's
 * "Open image in new tab", a pasted address) and from the page itself (a middle click, a
 * script). Each must be a plain image once its load event fired (an inline script has run by
 * then), and no script may have marked the server's origin or called the server.
 */
async function expectInertWhenOpened(page: Page, src: string): Promise<void> {
  const tab = await page.context().newPage()
  await tab.goto(src)
  const popup = page.waitForEvent('popup')
  await page.evaluate((url) => void window.open(url), src)
  const opened = await popup
  await opened.waitForLoadState('load')
  for (const shown of [tab, opened]) {
    expect(await marks(shown)).toEqual({ type: 'image/png', storage: null, cookie: false })
  }
  expect(await marks(page)).toMatchObject({ storage: null, cookie: false })
  expect(h.requests.filter((r) => r.path === CALLBACK)).toEqual([])
}

/** The ring's colour (#b4462a), rasterised or not, within a little smoothing. */
function expectRing(rgba: number[]): void {
  const [r, g, b] = rgba
  expect(Math.abs(r! - 0xb4) + Math.abs(g! - 0x46) + Math.abs(b! - 0x2a)).toBeLessThan(24)
}

describe('uploaded active content never runs on the server origin', () => {
  test('an SVG preview on a sign-off link shows the image and opens as an inert image', async () => {
    const p = await svgProject()
    const page = await openPage(suite.browser, h, `${h.url}/s/${p.token}`)
    const img = 'project-signoff [part=preview] img'
    const src = await previewSrc(page, img)
    expect(src).toMatch(/^blob:/)
    // The preview still shows the logo: the ring at its top edge, the ground in its middle.
    expectRing(await pixel(page, img, 0.5, 110 / 240 - 60 / 240))
    expect(await pixel(page, img, 0.5, 110 / 240)).toEqual([0xf6, 0xf5, 0xf2, 255])
    shots.push(await screenshot(page, 'signoff-svg-preview'))

    await expectInertWhenOpened(page, src)
    expect(page.errors).toEqual([])
  })

  test('an SVG thumbnail in the tracker shows the image and opens as an inert image', async () => {
    const p = await svgProject()
    const page = await openPage(
      suite.browser,
      h,
      tracker(`project="${p.id}" token="${s.token}" lang="en"`),
    )
    const thumb = `project-tracker [part=file]:has-text("logo.svg") [part=thumbnail] img`
    const src = await previewSrc(page, thumb)
    expect(src).toMatch(/^blob:/)
    expectRing(await pixel(page, thumb, 0.5, 110 / 240 - 60 / 240))
    shots.push(await screenshot(page, 'tracker-svg-thumbnail'))

    await expectInertWhenOpened(page, src)
    expect(page.errors).toEqual([])
  })

  test('an SVG that cannot be drawn gets no preview at all, never its own URL', async () => {
    // A foreignObject taints the canvas: the drawing is refused, and so is the preview.
    const p = await svgProject(foreignObjectSvg)
    const page = await openPage(suite.browser, h, `${h.url}/s/${p.token}`, {
      before: (pg) =>
        pg.addInitScript(() => {
          const drawn: Promise<unknown>[] = []
          const convert = OffscreenCanvas.prototype.convertToBlob
          OffscreenCanvas.prototype.convertToBlob = function (this: OffscreenCanvas, ...args) {
            const blob = convert.apply(this, args)
            drawn.push(blob.catch((e: Error) => e.name))
            return blob
          }
          // Every request for a file, counted where it is made.
          const files: string[] = []
          const fetch = window.fetch
          window.fetch = (input, init) => {
            if (String(input).includes('/files/')) files.push(String(input))
            return fetch(input, init)
          }
          Object.assign(window, { __drawn: drawn, __files: files })
        }),
    })
    // Once the drawing settled (and the frame after it), the element shows what it will show;
    // an element that never draws shows the SVG itself.
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { __drawn: Promise<unknown>[] }
      const el = document.querySelector('project-signoff')!
      const frame = () => new Promise((r) => requestAnimationFrame(r))
      while (!w.__drawn.length) {
        if (el.shadowRoot?.querySelector('[part=preview] img')) return 'shown as it is'
        await frame()
      }
      const result = await w.__drawn[0]
      await frame()
      return result
    })
    expect(outcome).toBe('SecurityError')
    const preview = page.locator('project-signoff [part=preview]')
    expect(await preview.locator('img').count()).toBe(0)
    expect((await preview.textContent())?.trim()).toBe('SVG')
    // Typing the name renders again: the refused file is not fetched and drawn again for it.
    await page.locator('project-signoff').getByLabel(signoffMessages['zh-CN'].name).fill('李明')
    const fetched = await page.evaluate(async () => {
      await document.querySelector('project-signoff')!.updateComplete
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r)))
      return (window as unknown as { __files: string[] }).__files.length
    })
    expect(fetched).toBe(1)
    expect(await marks(page)).toMatchObject({ storage: null, cookie: false })
    expect(h.requests.filter((r) => r.path === CALLBACK)).toEqual([])
  })

  test('a downloaded SVG keeps its exact bytes', async () => {
    const p = await svgProject()
    const page = await openPage(suite.browser, h, `${h.url}/s/${p.token}`)
    await previewSrc(page, 'project-signoff [part=preview] img')
    const download = page.waitForEvent('download')
    await page
      .locator('project-signoff')
      .getByRole('button', { name: /logo\.svg/ })
      .click()
    const saved = await download
    expect(saved.suggestedFilename()).toBe('logo.svg')
    expect(new Uint8Array(await readFile((await saved.path())!))).toEqual(svg)
    expect(await marks(page)).toMatchObject({ storage: null, cookie: false })
    expect(h.requests.filter((r) => r.path === CALLBACK)).toEqual([])
  })

  test("the API's own file URL opened as a page downloads the file, sandboxed, never renders it", async () => {
    const p = await svgProject()
    const [file] = (await h.atelier.signoffs.open(p.token, { log: false })).signoff.files
    const routes = [
      [`/v1/signoff/files/${file!.deliverableId}/1`, p.token],
      [`/v1/client/files/${file!.deliverableId}/1`, s.token],
    ] as const
    for (const [path, token] of routes) {
      const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/svg+xml')
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="logo.svg"/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      const csp = res.headers.get('content-security-policy')!.split(/\s*;\s*/)
      expect(csp).toEqual(expect.arrayContaining(['sandbox', "default-src 'none'"]))
      await res.body?.cancel()

      // A browser that sends the credential itself (as a staff session cookie would).
      const context = await suite.browser.newContext({
        acceptDownloads: true,
        extraHTTPHeaders: { authorization: `Bearer ${token}` },
      })
      try {
        const page = await context.newPage()
        const download = page.waitForEvent('download')
        await page.goto(`${h.url}${path}`).catch((e: Error) => {
          if (!/Download is starting/.test(e.message)) throw e
        })
        const saved = await download
        expect(new Uint8Array(await readFile((await saved.path())!))).toEqual(svg)
        const site = await context.newPage()
        await site.goto(h.page({ body: '<p>studio</p>' }))
        expect(await marks(site)).toMatchObject({ storage: null, cookie: false })
      } finally {
        await context.close()
      }
    }
    expect(h.requests.filter((r) => r.path === CALLBACK)).toEqual([])
  })
})
