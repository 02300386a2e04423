import type { ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ServerSpec } from '../server/server.ts'
import { benchRoot, CPU, firstLine, rssMb, spawnNode, stop } from './processes.ts'

/** A running server under test. */
export interface RunningServer {
  child: ChildProcess
  url: string
  /** Resident memory now, in MB. */
  rss(): number
  stop(): Promise<void>
}

/**
 * Starts src/server/server.ts pinned to the server CPU. With `ATELIER_BENCH_PROFILE=<dir>` the
 * server writes a V8 CPU profile there when it stops (`--cpu-prof`);
 * `ATELIER_BENCH_NODE_FLAGS` adds Node flags (e.g. an `--import` hook for A/B runs).
 *
 * @example
 * const server = await startServer({ mode: 'hello' })
 */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const profile = process.env.ATELIER_BENCH_PROFILE
  const flags = (process.env.ATELIER_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)
  if (profile) {
    mkdirSync(profile, { recursive: true })
    flags.push('--cpu-prof', `--cpu-prof-dir=${profile}`)
  }
  const child = spawnNode(CPU.server, [
    ...flags,
    join(benchRoot, 'src/server/server.ts'),
    JSON.stringify(spec),
  ])
  const { port } = await firstLine<{ port: number }>(child, 60_000)
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    rss: () => rssMb(child.pid!),
    stop: () => stop(child),
  }
}
