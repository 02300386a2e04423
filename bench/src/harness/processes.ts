import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { createInterface } from 'node:readline'

/** CPUs the bench pins to: the server on one, the load generator on the other. */
export const CPU = { server: 0, load: 1 } as const

const canPin = (() => {
  if (availableParallelism() < 2) return false
  try {
    execFileSync('taskset', ['-c', '0', 'true'])
    return true
  } catch {
    return false
  }
})()

/** How processes are placed, for the report. */
export const pinning = canPin
  ? `server (and raw commit loops) on CPU ${CPU.server}, load generator on CPU ${CPU.load}, each with taskset -c`
  : 'not pinned (needs taskset and two CPUs)'

/**
 * Spawns `command ...args` pinned to `cpu` with `taskset -c` (when possible), stdout piped.
 *
 * @example
 * const wrk = spawnPinned(CPU.load, 'wrk', ['-t1', '-c32', '-d8s', url])
 */
export function spawnPinned(cpu: number, command: string, args: string[]): ChildProcess {
  return spawn(
    canPin ? 'taskset' : command,
    canPin ? ['-c', String(cpu), command, ...args] : args,
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
}

/**
 * Spawns `node ...args` pinned to `cpu` with `taskset -c` (when possible).
 *
 * @example
 * const child = spawnNode(CPU.server, ['src/server/server.ts', '{"mode":"hello"}'])
 */
export function spawnNode(
  cpu: number,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): ChildProcess {
  const command = canPin ? 'taskset' : process.execPath
  const argv = canPin ? ['-c', String(cpu), process.execPath, ...args] : args
  return spawn(command, argv, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
    ...(options.cwd && { cwd: options.cwd }),
  })
}

/**
 * The first stdout line of `child` parsed as JSON; rejects when the process exits first or
 * after `timeoutMs`.
 *
 * @example
 * const { port } = await firstLine<{ port: number }>(child, 30_000)
 */
export function firstLine<T>(child: ChildProcess, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`no answer from pid ${child.pid} within ${timeoutMs} ms`))
    }, timeoutMs)
    const exited = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`pid ${child.pid} exited with ${code} before answering`))
    }
    child.once('exit', exited)
    lines.once('line', (line) => {
      clearTimeout(timer)
      child.off('exit', exited)
      lines.close()
      try {
        resolve(JSON.parse(line) as T)
      } catch {
        reject(new Error(`unexpected output from pid ${child.pid}: ${line.slice(0, 200)}`))
      }
    })
  })
}

/**
 * Resident set size of a process, in MB (from /proc).
 *
 * @example
 * rssMb(server.pid)
 */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return Math.round(kb / 102.4) / 10
}

/**
 * CPU time a process (all its threads) has used so far, in microseconds (from /proc).
 *
 * @example
 * const before = cpuMicros(server.pid)
 */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1_000_000) / CLOCK_TICKS
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
  } catch {
    return 100
  }
})()

/**
 * Stops a child with SIGTERM and waits for it, SIGKILL after `graceMs`.
 *
 * @example
 * await stop(child)
 */
export async function stop(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** The bench package folder. */
export const benchRoot = new URL('../../', import.meta.url).pathname
