import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAtelier } from '@atelier/core'
import { atelierApi } from '@atelier/hono'
import { openSqlite } from '@atelier/sql'
import { afterAll, describe, expect, it } from 'vitest'
import { CliError } from './cli-error.js'
import { systemScope } from './command.js'
import { authSecret, openAuth, secretFile, secretWarning } from './open-auth.js'

const dirs: string[] = []
const temp = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-open-auth-'))
  dirs.push(dir)
  return dir
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('the sign-in secret', () => {
  it('comes from ATELIER_AUTH_SECRET when set, and is refused when short', async () => {
    const given = 'x'.repeat(40)
    expect(
      await authSecret('sqlite', '/nowhere/atelier.db', { ATELIER_AUTH_SECRET: given }),
    ).toEqual({ secret: given, source: { from: 'env' } })
    const error = await authSecret('postgres', 'postgres://x', {
      ATELIER_AUTH_SECRET: 'short',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliError)
    expect((error as Error).message).toMatch(/^ATELIER_AUTH_SECRET must be at least 32 characters/)
  })

  it('is otherwise made once beside the SQLite file, mode 0600, and read back after', async () => {
    const dir = await temp()
    const db = join(dir, 'atelier.db')
    const file = join(dir, 'auth-secret')
    const first = await authSecret('sqlite', db, {})
    expect(first.source).toEqual({ from: 'file', file, created: true, mode: 0o600 })
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600')
    expect(await authSecret('sqlite', db, {})).toEqual({
      secret: first.secret,
      source: { from: 'file', file, created: false, mode: 0o600 },
    })
    expect(secretWarning(first.source)).toBeUndefined()
  })

  it('is warned about when its group or others may read it, and used all the same', async () => {
    const dir = await temp()
    const file = join(dir, 'auth-secret')
    const secret = 's'.repeat(43)
    await writeFile(file, `${secret}\n`)
    await chmod(file, 0o644)
    const read = await authSecret('sqlite', join(dir, 'atelier.db'), {})
    expect(read).toEqual({ secret, source: { from: 'file', file, created: false, mode: 0o644 } })
    expect(secretWarning(read.source)).toBe(
      `the sign-in secret file ${file} has mode 0644, so users other than its owner can get at it (and forge sessions with it); it should be 0600: chmod 600 ${file}`,
    )
    await chmod(file, 0o620)
    expect(secretWarning((await authSecret('sqlite', join(dir, 'atelier.db'), {})).source)).toMatch(
      /has mode 0620,/,
    )
    expect(secretWarning({ from: 'env' })).toBeUndefined()
  })

  it('lives in ./data from where the command started, for Postgres; processes starting at once share one', async () => {
    const dir = await temp()
    expect(secretFile('postgres', 'postgres://db', { INIT_CWD: dir })).toBe(
      join(dir, 'data', 'auth-secret'),
    )
    const made = await Promise.all(
      Array.from({ length: 8 }, () => authSecret('postgres', 'postgres://db', { INIT_CWD: dir })),
    )
    expect(new Set(made.map((m) => m.secret)).size).toBe(1)
    expect(made.filter((m) => m.source.from === 'file' && m.source.created)).toHaveLength(1)
    expect((await readFile(join(dir, 'data', 'auth-secret'), 'utf8')).trim()).toBe(made[0]!.secret)
  })

  it('refuses a file that holds too little', async () => {
    const dir = await temp()
    await writeFile(join(dir, 'auth-secret'), 'tiny\n')
    await expect(authSecret('sqlite', join(dir, 'atelier.db'), {})).rejects.toThrow(
      /auth-secret holds fewer than 32 characters; delete it/,
    )
  })
})

describe('member sign-in over SQLite', () => {
  it('changes a password and signs the other sessions out without waiting on its own lock', async () => {
    const dir = await temp()
    const db = join(dir, 'atelier.db')
    const storage = await openSqlite(db)
    try {
      const atelier = createAtelier({ storage })
      const url = 'http://127.0.0.1:3030'
      const auth = openAuth(atelier, { kind: 'sqlite', storage, where: db }, 'y'.repeat(40), url)
      const studio = await atelier.studios.create({ name: 'S' })
      const account = await auth.createAccount({
        email: 'a@studio.example',
        name: 'A',
        password: 'first-password',
      })
      await atelier.members.add(systemScope(studio.id), { ...account, role: 'owner' })
      const api = atelierApi(atelier, { publicUrl: url, auth })
      const post = (path: string, body: unknown, cookie?: string) =>
        api.request(`${url}${path}`, {
          method: 'POST',
          headers: {
            Origin: url,
            'Content-Type': 'application/json',
            ...(cookie && { Cookie: cookie }),
          },
          body: JSON.stringify(body),
        })
      const signIn = await post('/auth/sign-in/email', {
        email: 'a@studio.example',
        password: 'first-password',
      })
      const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!
      // The new session is made inside Better Auth's transaction, which holds the SQLite file's
      // one writer lock: nothing in it may wait for the storage (it once read the memberships).
      const changed = await post(
        '/auth/change-password',
        {
          currentPassword: 'first-password',
          newPassword: 'second-password',
          revokeOtherSessions: true,
        },
        cookie,
      )
      expect(changed.status).toBe(200)
      expect(await auth.sessions(account.userId)).toHaveLength(1)
    } finally {
      await storage.close()
    }
  })
})
