import pg from 'pg'
import { expect } from 'vitest'
import type { RunningServer } from './run-cli.js'

/**
 * A database of its own on the Postgres at `adminUrl`, created now and dropped by `drop()`
 * (as the journey does: `atelier serve` takes a URL, not a schema). The test reads it directly
 * only to count what has no API to count it (receipts).
 */
export async function freshDatabase(adminUrl: string, label: string) {
  const name = `atelier_${label}_${process.pid}_${Date.now()}`
  const run = async <R extends pg.QueryResultRow>(on: string, sql: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: on })
    await client.connect()
    try {
      return (await client.query<R>(sql, values)).rows
    } finally {
      await client.end()
    }
  }
  await run(adminUrl, `create database "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    /** Runs one statement in the fresh database, as its owner. */
    query: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) =>
      run<R>(url.toString(), sql, values),
    drop: async () => {
      await run(adminUrl, `drop database if exists "${name}" with (force)`)
    },
  }
}

/** A JSON answer, read by the assertions that check it. */
// biome-ignore lint/suspicious/noExplicitAny: bodies of many shapes, checked by the test's expectations
export type Json = any

/** One `atelier serve` process, named for messages. */
export interface Server {
  name: string
  url: string
}

/** One HTTP answer as the test saw it. */
export interface Answer<T = Json> {
  status: number
  body: T
  headers: Headers
  /** Which server answered, and what was asked: `A POST /v1/...`. */
  what: string
}

export interface CallOptions {
  token: string
  json?: unknown
  raw?: { bytes: Uint8Array; type: string }
  ifMatch?: number
  idempotencyKey?: string
}

/**
 * An HTTP client that keeps every answer, so the test can say afterwards that no request got a
 * 5xx. Every request is bounded in time.
 */
export function recorder() {
  const answers: Answer[] = []
  async function call<T = Json>(
    server: Server,
    method: string,
    path: string,
    options: CallOptions,
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token}` }
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey
    let body: BodyInit | undefined
    if (options.raw) {
      headers['Content-Type'] = options.raw.type
      body = options.raw.bytes as Uint8Array<ArrayBuffer>
    } else if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.json)
    }
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(20_000),
    })
    const type = res.headers.get('content-type') ?? ''
    const parsed = type.includes('json')
      ? await res.json()
      : new Uint8Array(await res.arrayBuffer())
    const answer: Answer<T> = {
      status: res.status,
      body: parsed as T,
      headers: res.headers,
      what: `${server.name} ${method} ${path}`,
    }
    answers.push(answer)
    return answer
  }
  return { call, answers }
}

/** The answer's body, after checking its status (with the whole answer in the message if not). */
export function ok<T>(answer: Answer<T>, status = 200): T {
  if (answer.status !== status) {
    throw new Error(
      `${answer.what} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`,
    )
  }
  return answer.body
}

/** Checks that an answer is an RFC 9457 problem with this status and code. */
export function expectProblem(answer: Answer, status: number, code: string): void {
  expect({ what: answer.what, status: answer.status, code: answer.body?.code }).toEqual({
    what: answer.what,
    status,
    code,
  })
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/)
}

/** Lower-case hex SHA-256 of bytes. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return Buffer.from(digest).toString('hex')
}

/** Stops a server with SIGTERM, and with SIGKILL if it has not exited within `ms`. */
export async function stopWithin(server: RunningServer, ms = 15_000): Promise<number | null> {
  const timer = setTimeout(() => server.child.kill('SIGKILL'), ms)
  try {
    return await server.stop()
  } finally {
    clearTimeout(timer)
  }
}

/** The JSON lines a server logged, with the lines that are not JSON left out. */
export function logLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return []
    try {
      return [JSON.parse(line) as Record<string, unknown>]
    } catch {
      return []
    }
  })
}
