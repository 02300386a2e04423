import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { benchRoot } from '../harness/processes.ts'
import type { Figure } from '../results.ts'

const TIMEOUT_MS = 300_000

/** Runs `npm run measure -w @atelier/elements` and resolves with its output. */
function runMeasure(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'measure', '-w', '@atelier/elements'], {
      cwd: join(benchRoot, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`npm run measure -w @atelier/elements exited with ${code}:\n${out}`))
    })
  })
}

const number = (text: string | undefined) => (text === undefined ? undefined : Number(text))

/**
 * The figures of the elements package's own measurement, read from its output: gzip sizes of
 * every script-tag bundle, the floor (Lit's minimal element bundled the same way), and the
 * first render of `<project-tracker>` with 200 activity items in headless Chromium.
 *
 * @example
 * const figures = parseMeasure(output)
 */
export function parseMeasure(output: string): Figure[] {
  const figures: Figure[] = []
  const floor = /floor: minimal Lit\s+(\d+) B min\s+(\d+) B gzip/.exec(output)
  if (floor) {
    figures.push({
      id: 'elements.gzip.floor',
      title: 'Bundle floor: minimal Lit element, esbuild minified, gzip -9',
      value: Number(floor[2]),
      unit: 'bytes',
    })
  }
  for (const m of output.matchAll(/^\s+([\w-]+)\.js\s+(\d+) B min\s+(\d+) B gzip/gm)) {
    figures.push({
      id: `elements.gzip.${m[1]}`,
      title: `Bundle ${m[1]}.js (Lit included), gzip -9`,
      value: Number(m[3]),
      unit: 'bytes',
      ...(floor && { baseline: 'elements.gzip.floor' }),
      note: `${m[2]} bytes minified`,
    })
  }
  const items = /\((\d+) activity items, (\d+) versions/.exec(output)
  const render =
    /render committed to the DOM:\s+median ([\d.]+) ms \(best ([\d.]+), worst ([\d.]+)\)/.exec(
      output,
    )
  const frame =
    /first frame painted[^:]*:\s+median ([\d.]+) ms \(best ([\d.]+), worst ([\d.]+)\)/.exec(output)
  const what = items
    ? `${items[1]} activity items, ${items[2]} file versions`
    : '200 activity items'
  if (render) {
    figures.push({
      id: 'elements.render.project-tracker',
      title: `<project-tracker> first render, ${what}, headless Chromium (median)`,
      value: number(render[1]),
      unit: 'ms',
      note: `data arrived → Lit render committed; best ${render[2]}, worst ${render[3]} ms`,
    })
  }
  if (frame) {
    figures.push({
      id: 'elements.frame.project-tracker',
      title: '<project-tracker> first frame painted after the data (median)',
      value: number(frame[1]),
      unit: 'ms',
      note: `style, layout and paint included; best ${frame[2]}, worst ${frame[3]} ms`,
    })
  }
  return figures
}

/**
 * Scenario 6, through the measurement the elements package already has (`npm run measure -w
 * @atelier/elements`: it builds the script-tag bundles and the Lit floor with the same esbuild
 * options and drives headless Chromium through playwright-core), rather than a second one.
 *
 * @example
 * const { figures } = await measureElements(console.log)
 */
export async function measureElements(
  log: (line: string) => void,
): Promise<{ figures: Figure[]; skipped?: string }> {
  try {
    const figures = parseMeasure(await runMeasure())
    if (!figures.some((f) => f.id === 'elements.render.project-tracker')) {
      return { figures, skipped: 'the elements measurement printed no render time' }
    }
    return { figures }
  } catch (error) {
    log(`elements measurement failed: ${(error as Error).message.split('\n')[0]}`)
    return {
      figures: [],
      skipped: `the elements measurement failed (${(error as Error).message.split('\n')[0]})`,
    }
  }
}
