import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAtelier } from '@atelier/core'
import { openSqlite } from '@atelier/sql'
import { afterAll, describe, expect, it } from 'vitest'
import { openAuth } from '../open-auth.js'
import { seedDemoMembers } from './demo-members.js'

let dir: string | undefined
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('seedDemoMembers', () => {
  it('seeded again, joins the same accounts to the new studio with the passwords printed now', async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-demo-members-'))
    const db = join(dir, 'atelier.db')
    const storage = await openSqlite(db)
    try {
      const atelier = createAtelier({ storage })
      const url = 'http://127.0.0.1:3030'
      const auth = openAuth(atelier, { kind: 'sqlite', storage, where: db }, 'z'.repeat(40), url)
      const signIn = (email: string, password: string) =>
        auth.auth.api
          .signInEmail({ body: { email, password }, asResponse: true })
          .then((r) => r.status)
      const first = await atelier.studios.create({ name: 'Demo 1' })
      const before = await seedDemoMembers(atelier, auth, first.id)
      const second = await atelier.studios.create({ name: 'Demo 2' })
      const after = await seedDemoMembers(atelier, auth, second.id)

      expect(after.map((m) => [m.role, m.email])).toEqual(before.map((m) => [m.role, m.email]))
      for (const [i, login] of after.entries()) {
        expect(login.password).not.toBe(before[i]!.password)
        expect(await signIn(login.email, login.password)).toBe(200)
        expect(await signIn(login.email, before[i]!.password)).toBe(401)
        const account = await auth.findAccount(login.email)
        const studios = await atelier.members.memberships(account!.userId)
        expect(studios.map((s) => [s.studio.id, s.member.role])).toEqual([
          [first.id, login.role],
          [second.id, login.role],
        ])
      }
    } finally {
      await storage.close()
    }
  })
})
