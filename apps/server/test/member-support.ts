import type { Role } from '@atelier/core'

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
