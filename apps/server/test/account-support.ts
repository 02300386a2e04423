import { createHmac } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAtelier, type Role } from '@atelier/core'
import type { MemberAuth } from '@atelier/hono'
import { openSqlite } from '@atelier/sql'
import { serve } from '@hono/node-server'
import type { Context, Hono } from 'hono'
import type { Logger } from '../src/logger.js'
import { openAuth } from '../src/open-auth.js'
import { serverApp } from '../src/web/server-app.js'

/** An account server on a loopback port: what the test makes links with, and what it logged. */
export interface AccountServer {
  url: string
  auth: MemberAuth
  /** Every log line, to look for tokens in. */
  lines: string[]
  /** A studio's secret key (role owner), for the API. */
  key: string
  /** Invites `email` through the API; the link as the API gives it. */
  invite(email: string, role: Role, name?: string): Promise<string>
  stop(): Promise<void>
}

const SECRET = 'account-pages-test-secret-0123456789-abcdefghij'

/**
 * The server app in this process, over a SQLite file, with member sign-in as `atelier serve`
 * opens it, listening on a free port of 127.0.0.1 (its public URL, which sessions and origin
 * checks are bound to).
 */
export async function startAccountServer(studioName: string): Promise<AccountServer> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-account-'))
  const storage = await openSqlite(join(dir, 'atelier.db'))
  const atelier = createAtelier({ storage })
  const lines: string[] = []
  const logger: Logger = {
    log: (level, message, fields) => lines.push(JSON.stringify({ level, message, fields })),
    request: (entry) => lines.push(JSON.stringify(entry)),
  }
  let app: Hono | undefined
  const server = serve({
    fetch: (request, env) => app!.fetch(request, env),
    hostname: '127.0.0.1',
    port: 0,
  })
  await new Promise((resolve) => server.once('listening', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const auth = openAuth(atelier, { kind: 'sqlite', storage, where: dir }, SECRET, url)
  // Better Auth limits sign-ins per IP (three in ten seconds): each browser context of a test
  // says which address it comes from, as a proxy would.
  const clientIp = (c: Context) => c.req.header('X-Test-Ip') ?? '127.0.0.1'
  app = serverApp({ atelier, storage, publicUrl: url, logger, auth, clientIp })

  const studio = await atelier.studios.create({ name: studioName })
  const { token: key } = await atelier.credentials.createKey(
    { studioId: studio.id, actor: { kind: 'system', id: 'test', label: 'test' } },
    { kind: 'secret', label: 'test' },
  )
  return {
    url,
    auth,
    lines,
    key,
    async invite(email, role, name) {
      const res = await fetch(`${url}/v1/invitations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, role, ...(name && { name }) }),
      })
      const body = (await res.json()) as { link: string }
      if (res.status !== 201) throw new Error(`invite → ${res.status} ${JSON.stringify(body)}`)
      return body.link
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve))
      await storage.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * The RFC 6238 code (HMAC-SHA1, 6 digits, 30 s) an authenticator app shows for the secret of
 * `totpUri` now: written from the RFC, not taken from the sign-in library it checks.
 */
export function totpCode(totpUri: string, at = Date.now()): string {
  const secret = new URL(totpUri).searchParams.get('secret') ?? ''
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(char)) & 0xffff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      bytes.push((value >>> bits) & 0xff)
    }
  }
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)))
  const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest()
  const offset = mac[mac.length - 1]! & 0xf
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

/** Turns two-factor on for an account, as its owner would: the TOTP URI of its secret. */
export async function enableTwoFactor(url: string, email: string, password: string) {
  const post = async (path: string, body: unknown, cookie = '') => {
    const res = await fetch(`${url}/auth${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: url,
        Cookie: cookie,
        'X-Test-Ip': '10.3.0.1',
      },
      body: JSON.stringify(body),
    })
    const set = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .filter((c) => !c.endsWith('='))
      .join('; ')
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`)
    return { json: (await res.json()) as Record<string, string>, cookie: set || cookie }
  }
  const signedIn = await post('/sign-in/email', { email, password })
  const enabled = await post('/two-factor/enable', { password }, signedIn.cookie)
  const uri = enabled.json.totpURI!
  await post('/two-factor/verify-totp', { code: totpCode(uri) }, enabled.cookie)
  return uri
}
