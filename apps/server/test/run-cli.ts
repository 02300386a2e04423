import { type ChildProcess, spawn } from 'node:child_process'
import { openSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The built CLI, as `npm start` and studios run it. */
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `atelier <args>` to completion with Node 24 (this process's own binary), its stdin and
 * stdout files when given (an archive in or out). A command still running after `killAfterMs`
 * is killed, and its `code` is then null.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
  killAfterMs = 60_000,
  files: { stdin?: string; stdout?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      cwd,
      stdio: [
        files.stdin ? openSync(files.stdin, 'r') : 'ignore',
        files.stdout ? openSync(files.stdout, 'w') : 'pipe',
        'pipe',
      ],
    })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (d) => {
      stdout += d
    })
    child.stderr!.on('data', (d) => {
      stderr += d
    })
    const kill = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(kill)
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * Waits until `done()` holds, checking every 50 ms; past `timeoutMs` it fails with
 * `what` and what `detail()` says (such as the server's output), rather than hang the test.
 */
export async function waitUntil(
  done: () => boolean | Promise<boolean>,
  what: string,
  detail: () => string = () => '',
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms${detail() ? `\n${detail()}` : ''}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

export interface RunningServer {
  child: ChildProcess
  url: string
  /** Everything the server printed so far. */
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

/**
 * Starts `atelier serve` on a free loopback port and waits until `/health` answers 200.
 * The first line tells the port.
 */
export async function startServer(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout!.on('data', (d) => {
    out += d
  })
  child.stderr!.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  const deadline = Date.now() + timeoutMs
  let url: string | undefined
  while (!url) {
    const match = out.match(/listening on (http:\/\/[^\s]+)/)
    if (match) url = match[1]
    else if (child.exitCode !== null) throw new Error(`atelier serve exited: ${out}`)
    else if (Date.now() > deadline) throw new Error(`atelier serve did not start: ${out}`)
    else await new Promise((r) => setTimeout(r, 50))
  }
  while ((await fetch(`${url}/health`).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`atelier serve never became healthy: ${out}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    child,
    url,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
  }
}
