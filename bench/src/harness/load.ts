import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LoadRequest, LoadResult, LoadSpec } from './autocannon-child.ts'
import { benchRoot, CPU, firstLine, spawnNode } from './processes.ts'

export type { LoadRequest, LoadResult }

/** Connections of every load run (the budget's p99 is at 32). */
export const CONNECTIONS = 32

/**
 * Runs autocannon in its own process pinned to the load CPU, bounded by `duration` seconds
 * (plus `warmup`) and {@link CONNECTIONS} connections, cycling through `requests`.
 *
 * @example
 * const result = await runLoad({ url, duration: 8, warmup: 2, requests: [{ method: 'GET', path: '/hello', headers: {} }] })
 */
export async function runLoad(
  spec: Omit<LoadSpec, 'connections'> & { connections?: number },
): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-load-'))
  const file = join(dir, 'spec.json')
  writeFileSync(file, JSON.stringify({ connections: CONNECTIONS, ...spec }))
  try {
    const child = spawnNode(CPU.load, [join(benchRoot, 'src/harness/autocannon-child.ts'), file])
    const limit = (spec.duration + spec.warmup + 30) * 1000
    return await firstLine<LoadResult>(child, limit)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
