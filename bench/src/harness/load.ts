import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { LoadRequest, LoadResult, LoadSpec } from './autocannon-child.ts'
import { benchRoot, CPU, cpuMicros, spawnNode } from './processes.ts'

export type { LoadRequest, LoadResult }

/** Connections of every load run (the budget's p99 is at 32). */
export const CONNECTIONS = 32

/** A load run's figures, with the server's CPU time per request when its pid was given. */
export type Measured = LoadResult & { cpuUsPerRequest?: number }

/**
 * Runs autocannon in its own process pinned to the load CPU, bounded by `duration` seconds
 * (plus `warmup`) and {@link CONNECTIONS} connections, cycling through `requests`. Given the
 * server's pid, also reports the CPU time the server spent per request in the measured window
 * (user + system, all threads): a figure other tenants of a shared machine disturb far less
 * than requests per second.
 *
 * @example
 * const result = await runLoad({ url, duration: 8, warmup: 2, requests: [{ method: 'GET', path: '/hello', headers: {} }] })
 */
export async function runLoad(
  spec: Omit<LoadSpec, 'connections'> & { connections?: number },
  serverPid?: number,
): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-load-'))
  const file = join(dir, 'spec.json')
  writeFileSync(file, JSON.stringify({ connections: CONNECTIONS, ...spec }))
  try {
    const child = spawnNode(CPU.load, [join(benchRoot, 'src/harness/autocannon-child.ts'), file])
    const limit = (spec.duration + spec.warmup + 30) * 1000
    let cpuAtStart = serverPid ? cpuMicros(serverPid) : 0
    return await new Promise<Measured>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`load run did not finish within ${limit} ms`))
      }, limit)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`load generator exited with ${code}`))
      })
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const message = JSON.parse(line) as LoadResult | { phase: 'measure' }
        if ('phase' in message) {
          if (serverPid) cpuAtStart = cpuMicros(serverPid)
          return
        }
        clearTimeout(timer)
        const cpu = serverPid ? cpuMicros(serverPid) - cpuAtStart : 0
        resolve({
          ...message,
          ...(serverPid &&
            message.requests && { cpuUsPerRequest: Math.round(cpu / message.requests) }),
        })
      })
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
