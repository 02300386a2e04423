import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { LoadRequest, LoadResult, LoadSpec } from './autocannon-child.ts'
import { benchRoot, CPU, cpuMicros, spawnNode, spawnPinned } from './processes.ts'

export type { LoadRequest, LoadResult }

/** Connections of every load run (the budget's p99 is at 32). */
export const CONNECTIONS = 32

/** A load run's figures, with the server's CPU time per request when its pid was given. */
export type Measured = LoadResult & { cpuUsPerRequest?: number }

type Spec = Omit<LoadSpec, 'connections'> & { connections?: number }

/** The load generator in use: Debian's wrk when installed (C, one thread), else autocannon. */
export const generator = hasWrk() ? 'wrk' : 'autocannon'

function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
    return true
  } catch (error) {
    // wrk --version exits with 1 after printing its version.
    return (error as { status?: number }).status === 1
  }
}

/**
 * Runs the load generator in its own process pinned to the load CPU, bounded by `duration`
 * seconds (after `warmup` seconds not measured) and {@link CONNECTIONS} connections, cycling
 * through `requests`. Given the server's pid, also reports the CPU time the server spent per
 * request in the measured window (user + system, all threads): a figure other tenants of a
 * shared machine disturb far less than requests per second.
 *
 * @example
 * const result = await runLoad({ url, duration: 8, warmup: 2, requests: [{ method: 'GET', path: '/hello', headers: {} }] })
 */
export async function runLoad(spec: Spec, serverPid?: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-load-'))
  try {
    return generator === 'wrk'
      ? await runWrk(spec, dir, serverPid)
      : await runAutocannon(spec, dir, serverPid)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function runWrk(spec: Spec, dir: string, serverPid?: number): Promise<Measured> {
  const file = join(dir, 'requests.tsv')
  // Each wrk process starts at the first request: the measured run starts after the requests
  // the warm-up may have sent (completed, plus one in flight per connection, twice over), so a
  // write never targets a project the warm-up already changed.
  const write = (from: number) =>
    writeFileSync(
      file,
      spec.requests
        .slice(from % spec.requests.length)
        .map((r) =>
          [
            r.method,
            r.path,
            Object.entries(r.headers)
              .map(([k, v]) => `${k}=${v}`)
              .join('\x01'),
            r.body ?? '',
          ].join('\t'),
        )
        .join('\n'),
    )
  write(0)
  const wrk = (seconds: number) =>
    new Promise<string>((resolve, reject) => {
      const args = [
        '-t1',
        `-c${spec.connections ?? CONNECTIONS}`,
        `-d${seconds}s`,
        '--timeout',
        '10s',
      ]
      const child = spawnPinned(CPU.load, 'wrk', [...args, '-s', script, spec.url, '--', file])
      let out = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk
      })
      const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000)
      child.once('exit', (code) => {
        clearTimeout(timer)
        if (code === 0) resolve(out)
        else reject(new Error(`wrk exited with ${code}: ${out.slice(-500)}`))
      })
    })
  if (spec.warmup > 0) {
    const warm = summary(await wrk(spec.warmup))
    write(warm.requests! + 2 * (spec.connections ?? CONNECTIONS))
  }
  const cpuAtStart = serverPid ? cpuMicros(serverPid) : 0
  const out = await wrk(spec.duration)
  const cpu = serverPid ? cpuMicros(serverPid) - cpuAtStart : 0
  const w = summary(out)
  const seconds = w.micros! / 1e6
  const ms = (us: number) => Math.round(us / 10) / 100
  return {
    rps: Math.round(w.requests! / seconds),
    p50: ms(w.p50!),
    p90: ms(w.p90!),
    p99: ms(w.p99!),
    max: ms(w.max!),
    requests: w.requests!,
    non2xx: w.status!,
    errors: w.connect! + w.read! + w.write! + w.timeout!,
    seconds,
    ...(serverPid && w.requests && { cpuUsPerRequest: Math.round(cpu / w.requests) }),
  }
}

const script = join(benchRoot, 'src/harness/wrk.lua')

/** The JSON line wrk.lua prints when done. */
function summary(out: string): Record<string, number> {
  const line = out.split('\n').find((l) => l.startsWith('{"requests"'))
  if (!line) throw new Error(`wrk printed no summary: ${out.slice(-500)}`)
  return JSON.parse(line) as Record<string, number>
}

async function runAutocannon(spec: Spec, dir: string, serverPid?: number): Promise<Measured> {
  const file = join(dir, 'spec.json')
  writeFileSync(file, JSON.stringify({ connections: CONNECTIONS, ...spec }))
  const child = spawnNode(CPU.load, [join(benchRoot, 'src/harness/autocannon-child.ts'), file])
  const limit = (spec.duration + spec.warmup + 30) * 1000
  let cpuAtStart = serverPid ? cpuMicros(serverPid) : 0
  return new Promise<Measured>((resolve, reject) => {
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
}
