// Measures the budgets of DESIGN.md §7 for the elements and prints the figures (never a test):
//   - script-tag bundle sizes, minified and gzip -9 (and brotli for reference), against
//     16 KB for project-tracker.js and 32 KB for atelier-elements.js (all elements);
//   - the floor: Lit's own minimal element bundled the same way;
//   - first render of a project with 200 activity items and 40 file versions, after the data
//     arrives, in headless Chromium (median and worst of 15 fresh page loads): the Lit render
//     committed to the DOM, and the first frame painted after it; and the re-render that shows
//     all 200 activity items.
//
//   npm run measure -w @atelier/elements
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { launchChromium, startHarness } from '../test/harness.js'
import { bulkUp, projectAt, seedStudio } from '../test/seed.js'
import { buildCdn, bundleOptions, collapseTemplates } from './build-cdn.js'

const RUNS = 15
const kib = (n: number) => `${(n / 1024).toFixed(2)} KiB`

function sizes(code: Buffer) {
  return {
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code).length,
  }
}

async function litFloor(dir: string) {
  const outfile = join(dir, 'lit-floor.js')
  await build({
    ...bundleOptions,
    stdin: {
      contents: `import { LitElement, css, html } from 'lit'
        class Floor extends LitElement {
          static styles = css\`:host { display: block }\`
          static properties = { name: {} }
          render() { return html\`<p>Hello \${this.name}</p>\` }
        }
        customElements.define('lit-floor', Floor)`,
      resolveDir: process.cwd(),
      loader: 'js',
    },
    outfile,
  })
  await collapseTemplates(outfile)
  return sizes(await readFile(outfile))
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function renderTimes(cdnDir: string) {
  const h = await startHarness(cdnDir)
  const browser = await launchChromium()
  try {
    const s = await seedStudio(h.atelier)
    const p = await projectAt(h.atelier, s, 'production')
    // 3 versions from the seed + 37 deliverables = 40 versions; 200 notes fill the activity.
    await bulkUp(h.atelier, s, p.id, { notes: 200, deliverables: 37 })
    const view = await (
      await fetch(`${h.url}/v1/client/projects/${p.id}`, {
        headers: { authorization: `Bearer ${s.token}` },
      })
    ).json()
    const versions = view.deliverables.reduce(
      (n: number, d: { versions: unknown[] }) => n + d.versions.length,
      0,
    )
    // From the moment the data has arrived (the load event) to: the Lit render committed to the
    // DOM, and the first frame painted after it (style, layout, fonts, paint).
    const head = `<script>
      window.__times = []
      document.addEventListener('atelier-project-loaded', async (e) => {
        const arrived = performance.now()
        const el = e.target
        // The task reports before it asks for the update that renders the data; join it.
        el.requestUpdate()
        await el.updateComplete
        const rendered = performance.now()
        // A timer set in the next animation frame runs once that frame is laid out and painted.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)))
        window.__times.push({ render: rendered - arrived, frame: performance.now() - arrived })
        window.__done?.()
      }, { once: true })
      window.__measured = new Promise((r) => { window.__done = r })
    </script>`
    const url = h.page({
      head,
      body: `<project-tracker project="${p.id}" token="${s.token}" lang="en"></project-tracker>`,
      bundle: 'project-tracker',
    })
    const first: { render: number; frame: number }[] = []
    const expand: number[][] = []
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
      await page.goto(url)
      // One awaited evaluation, not polling: nothing of the test runs in the measured frames.
      await page.evaluate(() => (window as unknown as { __measured: Promise<void> }).__measured)
      first.push(await page.evaluate(() => (window as unknown as { __times: never[] }).__times[0]!))
      expand.push(
        await page.evaluate(async () => {
          const el = document.querySelector('project-tracker')!
          const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
            b.textContent?.includes('Show all'),
          )!
          const start = performance.now()
          button.click()
          await el.updateComplete
          const rendered = performance.now()
          el.shadowRoot!.querySelector('.base')!.getBoundingClientRect()
          return [rendered - start, performance.now() - start]
        }),
      )
      await page.close()
    }
    return { activity: view.activity.length, versions, first, expand }
  } finally {
    await browser.close()
    await h.close()
  }
}

const dir = await mkdtemp(join(tmpdir(), 'atelier-measure-'))
try {
  const out = await buildCdn(dir)
  console.log('Script-tag bundles (esbuild, minified, Lit included), gzip -9:')
  const budgets: Record<string, number> = { 'project-tracker': 16, 'atelier-elements': 32 }
  for (const [name, file] of Object.entries(out)) {
    const s = sizes(await readFile(file))
    const budget = budgets[name]
    const verdict = budget
      ? ` — budget ${budget} KB: ${s.gzip <= budget * 1000 ? 'within' : 'OVER'} (${s.gzip} of ${budget * 1000} bytes)`
      : ''
    console.log(
      `  ${`${name}.js`.padEnd(22)} ${String(s.min).padStart(6)} B min  ${String(s.gzip).padStart(6)} B gzip (${kib(s.gzip)})  ${String(s.brotli).padStart(6)} B brotli${verdict}`,
    )
  }
  const floor = await litFloor(dir)
  console.log(
    `  ${'floor: minimal Lit'.padEnd(22)} ${String(floor.min).padStart(6)} B min  ${String(floor.gzip).padStart(6)} B gzip (${kib(floor.gzip)})  ${String(floor.brotli).padStart(6)} B brotli`,
  )
  const r = await renderTimes(dir)
  const fmt = (xs: number[]) =>
    `median ${median(xs).toFixed(1)} ms (best ${Math.min(...xs).toFixed(1)}, worst ${Math.max(...xs).toFixed(1)})`
  console.log(
    `\nFirst render after the data arrives (${r.activity} activity items, ${r.versions} versions, headless Chromium, ${RUNS} fresh page loads):`,
  )
  console.log(
    `  Lit render committed to the DOM:        ${fmt(r.first.map((t) => t.render))} — budget 50 ms`,
  )
  console.log(`  first frame painted (style, layout):    ${fmt(r.first.map((t) => t.frame))}`)
  console.log(`  "Show all" ${r.activity} items, render:   ${fmt(r.expand.map((x) => x[0]!))}`)
  console.log(`  "Show all", + style and layout:        ${fmt(r.expand.map((x) => x[1]!))}`)
  const [load] = loadavg()
  console.log(
    `\n(machine: ${cpus().length} CPUs, load average ${load!.toFixed(1)} while measuring)`,
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}
