import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { servedPostgres } from './e2e-support.js'
import { asMember, demoLogins, signIn } from './member-support.js'
import { type RunningServer, startServer } from './run-cli.js'
import { logLines, stopWithin } from './two-servers-support.js'

/*
 * The "Done means", end to end: `atelier serve` on a fresh database seeds the demo with
 * its members and prints their logins; the demo owner signs in with them and works through
 * `/v1` with the session cookie alone; the demo viewer is refused a stage move. Once on SQLite,
 * once on Postgres under row-level security with two server processes, where a session made on
 * one is accepted by the other.
 */

const pgUrl = process.env.ATELIER_TEST_DATABASE_URL
if (!pgUrl)
  console.log('members on Postgres skipped: ATELIER_TEST_DATABASE_URL is not set (CI sets it)')

const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** A Postgres database of its own, migrated by its owner, served as a role under RLS. */
async function postgresDatabase(): Promise<string> {
  const { db, drop } = await servedPostgres(pgUrl!, 'atelier_members')
  cleanups.push(drop)
  return db
}

const databases = [
  { name: 'SQLite', servers: 1, db: async (dir: string) => join(dir, 'atelier.db') },
  ...(pgUrl ? [{ name: 'Postgres', servers: 2, db: () => postgresDatabase() }] : []),
]

describe.each(databases)('studio members on $name, through HTTP', ({ name, servers, db }) => {
  it('the demo owner signs in with the printed login and works with the session; the viewer may not move a stage', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-members-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    const env = { ATELIER_DB: await db(dir), ATELIER_BLOBS: join(dir, 'blobs'), INIT_CWD: dir }
    // Several processes at once on one empty database: they share one sign-in secret.
    const running: RunningServer[] = await Promise.all(
      Array.from({ length: servers }, () => startServer([], env)),
    )
    cleanups.push(() => Promise.all(running.map((s) => stopWithin(s))))
    const seeded = running.find((s) => s.output().includes('DEMO DATA'))!
    const [a, b = a] = [seeded, ...running.filter((s) => s !== seeded)] as [
      RunningServer,
      RunningServer?,
    ]

    // The secret was made once, beside the SQLite file or in ./data for Postgres, mode 0600.
    const secret = name === 'SQLite' ? join(dir, 'auth-secret') : join(dir, 'data', 'auth-secret')
    expect(a.output()).toContain(`sign-in    ${a.url}/auth   secret in ${secret}`)
    expect(((await stat(secret)).mode & 0o777).toString(8)).toBe('600')
    if (name === 'Postgres') {
      expect(a.output()).toContain('several servers on several machines must share one secret')
    }

    const logins = demoLogins(a.output())
    expect(Object.keys(logins).sort()).toEqual(['designer', 'owner', 'viewer'])
    expect(logins.owner.password.length).toBeGreaterThanOrEqual(10)

    // The owner signs in on one process…
    const owner = await signIn(a.url, logins.owner.email, logins.owner.password)
    expect(owner.status, JSON.stringify(owner.body)).toBe(200)
    const cookie = owner.cookie!
    expect(cookie).toMatch(/^better-auth\.session_token=/)
    // On http (this server's own URL): HttpOnly, SameSite=Lax, and not Secure, which browsers
    // would refuse to send back over http.
    expect(owner.setCookie).toMatch(/; HttpOnly/)
    expect(owner.setCookie).toMatch(/; SameSite=Lax/)
    expect(owner.setCookie).not.toMatch(/; Secure/)
    // …and the session works on every process.
    const me = await asMember(b.url, cookie, 'GET', '/v1/me')
    expect(me.status, JSON.stringify(me.body)).toBe(200)
    expect(me.body.user.email).toBe(logins.owner.email)
    expect(me.body.memberships.map((m: { member: { role: string } }) => m.member.role)).toEqual([
      'owner',
    ])
    const projects = await asMember(b.url, cookie, 'GET', '/v1/projects')
    expect(projects.status).toBe(200)
    expect(projects.body.items.length).toBe(6)
    const created = await asMember(a.url, cookie, 'POST', '/v1/clients', {
      name: '张三',
      company: '新客户 New Client',
      email: 'zhang@new-client.example',
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.name).toBe('张三')

    // The viewer reads, and is refused a stage move, naming the permission.
    const viewer = await signIn(b.url, logins.viewer.email, logins.viewer.password)
    expect(viewer.status).toBe(200)
    const seen = await asMember(a.url, viewer.cookie!, 'GET', '/v1/projects')
    expect(seen.status).toBe(200)
    const project = seen.body.items.find((p: { state: string }) => p.state === 'requirements')
    const refused = await asMember(
      b.url,
      viewer.cookie!,
      'POST',
      `/v1/projects/${project.id}/moves`,
      { to: 'proposal', reason: 'the client brought their own research' },
      { 'If-Match': `"${project.version}"` },
    )
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ code: 'forbidden', permission: 'project.move' })

    // A wrong password is refused, and nothing any process logged holds a session token.
    expect((await signIn(a.url, logins.owner.email, 'not-the-password')).status).toBe(401)
    const token = cookie.split('=')[1]!.split('.')[0]!
    for (const server of running) {
      const lines = logLines(server.output())
      expect(lines.some((line) => String(line.path).startsWith('/auth/sign-in'))).toBe(true)
      expect(JSON.stringify(lines)).not.toContain(token)
      expect(lines.filter((line) => Number(line.status) >= 500)).toEqual([])
    }
  })
})
