import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { benchRoot, CPU, spawnNode, stop } from '../harness/processes.ts'
import type { Figure } from '../results.ts'

const RUNS = 5
const cli = join(benchRoot, '..', 'apps', 'server', 'dist', 'cli.js')

/** One start of `atelier serve`: milliseconds from spawn to the first 200 from /health. */
async function startOnce(db: string, dir: string): Promise<number> {
  const started = performance.now()
  const child = spawnNode(
    CPU.server,
    [cli, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--blobs', join(dir, 'blobs')],
    { cwd: dir, env: { ATELIER_LOG_LEVEL: 'warn', INIT_CWD: dir } },
  )
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('atelier serve did not listen in 30 s')),
        30_000,
      )
      child.once('exit', (code) => reject(new Error(`atelier serve exited with ${code}`)))
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /listening on http:\/\/[^:]+:(\d+)/.exec(line)
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      })
    })
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined)
      await response?.arrayBuffer()
      if (response?.status === 200) return performance.now() - started
      if (performance.now() - started > 30_000) throw new Error('/health never answered 200')
      await sleep(2)
    }
  } finally {
    await stop(child)
  }
}

/**
 * Scenario 5: `atelier serve` (apps/server, built) on the 100k-project SQLite file, from process
 * start to the first `200` from `/health`; the median of five starts.
 *
 * @example
 * const figure = await measureStartup('bench/.cache/data-v1/tracker-100k.db')
 */
export async function measureStartup(db: string): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-start-'))
  try {
    const runs: number[] = []
    for (let i = 0; i < RUNS; i++) runs.push(await startOnce(db, dir))
    const sorted = [...runs].sort((a, b) => a - b)
    return {
      id: 'startup.sqlite.100k',
      title: 'Start-up: atelier serve, 100k projects, to first 200 from /health',
      value: Math.round(sorted[Math.floor(RUNS / 2)]!),
      unit: 'ms',
      note: `median of ${RUNS}: ${sorted.map((ms) => Math.round(ms)).join(', ')} ms`,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
