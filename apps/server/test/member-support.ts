import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Role } from '@atelier/core'
import { afterAll, beforeAll, expect } from 'vitest'
import { type RunningServer, runCli, startServer } from './run-cli.js'
import { stopWithin } from './two-servers-support.js'

/** A JSON answer, read by the assertions that check it. */
// biome-ignore lint/suspicious/noExplicitAny: bodies of many shapes, checked by the expectations
export type Json = any

/** The demo members' logins as `atelier serve` and `seed-demo` print them. */
export function demoLogins(output: string): Record<Role, { email: string; password: string }> {
  const logins: Record<string, { email: string; password: string }> = {}
  for (const [, role, email, password] of output.matchAll(
    /^ {4}(owner|manager|designer|viewer) +(\S+@\S+) +(demo-\S+)$/gm,
  )) {
    logins[role!] = { email: email!, password: password! }
  }
  return logins as Record<Role, { email: string; password: string }>
}

/**
 * Signs in through `POST /auth/sign-in/email` as a browser on the server's own page would
 * (`Origin` the public URL): the session cookie (`name=value`, and the whole `Set-Cookie`), or
 * the refusal.
 */
export async function signIn(
  url: string,
  email: string,
  password: string,
): Promise<{ status: number; cookie?: string; setCookie?: string; body: Json }> {
  const res = await fetch(`${url}/auth/sign-in/email`, {
    method: 'POST',
    headers: { Origin: url, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const setCookie = res.headers
    .getSetCookie()
    .find((c) => /^(__Secure-)?better-auth\.session_token=./.test(c))
  const cookie = setCookie?.split(';')[0]
  return { status: res.status, ...(setCookie && { cookie, setCookie }), body: await res.json() }
}

/**
 * A request of a signed-in member: the session cookie, `Origin` the public URL (as the
 * studio's own pages send it), JSON in and out.
 */
export async function asMember(
  url: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      Cookie: cookie,
      Origin: url,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  const type = res.headers.get('content-type') ?? ''
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() }
}

/** A JSON POST without credentials (accepting an invitation, resetting a password). */
export async function postJson(
  url: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { Origin: url, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  const type = res.headers.get('content-type') ?? ''
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() }
}

/** The token in a link that carries it in its fragment (`…#t=<token>`). */
export const tokenOf = (link: string) => new URL(link).hash.replace(/^#t=/, '')

/**
 * The CLI beside a running `atelier serve` on a SQLite file of its own (made before the suite's
 * tests, stopped after): `cli(args)` runs a command on the same database and public URL, `json`
 * runs it with `--json` and reads its answer (nothing on stderr).
 */
export function cliBesideServer(name: string) {
  const state = {
    dir: '',
    env: {} as Record<string, string>,
    server: undefined as RunningServer | undefined,
  }
  beforeAll(async () => {
    state.dir = await mkdtemp(join(tmpdir(), `atelier-${name}-`))
    const base = {
      ATELIER_DB: join(state.dir, 'atelier.db'),
      ATELIER_BLOBS: join(state.dir, 'blobs'),
    }
    state.server = await startServer([], { ...base, INIT_CWD: state.dir })
    state.env = { ...base, INIT_CWD: state.dir, ATELIER_PUBLIC_URL: state.server.url }
  })
  afterAll(async () => {
    if (state.server) await stopWithin(state.server)
    await rm(state.dir, { recursive: true, force: true })
  })
  const cli = (args: string[]) => runCli(args, state.env)
  return {
    cli,
    json: async (args: string[]): Promise<Json> => {
      const result = await cli([...args, '--json'])
      expect(result.stderr).toBe('')
      return JSON.parse(result.stdout)
    },
    /** The running server (once the suite has started). */
    server: () => state.server!,
  }
}
