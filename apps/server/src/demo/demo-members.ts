import { randomInt } from 'node:crypto'
import type { Atelier, Role } from '@atelier/core'
import type { MemberAuth } from '@atelier/hono'
import { systemScope } from '../command.js'

/**
 * A demo studio member's login, as `seed-demo` prints it (demo data, shown once).
 *
 * @example
 * const login: DemoMember = { role: 'viewer', name: '周一 Zhou', email: 'viewer@shanhai.example', password: demoPassword() }
 */
export interface DemoMember {
  role: Role
  name: string
  email: string
  password: string
}

/** The demo studio's people: one owner, one designer, one viewer. */
const people: Omit<DemoMember, 'password'>[] = [
  { role: 'owner', name: '王设计 Wang', email: 'owner@shanhai.example' },
  { role: 'designer', name: '陈小雨 Chen', email: 'designer@shanhai.example' },
  { role: 'viewer', name: '周一 Zhou', email: 'viewer@shanhai.example' },
]

// No 0/o, 1/l/i: read off a terminal and typed in.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/**
 * A fresh demo password, `demo-xxxx-xxxx-xxxx` (about 59 bits): random, so a server that seeded
 * its demo on first start has no login anyone could look up.
 *
 * @example
 * demoPassword() // 'demo-k7p2-x9mq-4tzh'
 */
export function demoPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
  return `demo-${group()}-${group()}-${group()}`
}

/**
 * Gives the demo studio its members: an account each (with a new password), then a membership
 * added by the system. An account an earlier seed made (the same demo address) joins this
 * studio too, and its password is set anew to the one printed now.
 *
 * @example
 * const logins = await seedDemoMembers(atelier, auth, studio.id)
 */
export async function seedDemoMembers(
  atelier: Atelier,
  auth: MemberAuth,
  studioId: string,
): Promise<DemoMember[]> {
  const system = systemScope(studioId)
  const logins: DemoMember[] = []
  for (const person of people) {
    const password = demoPassword()
    let account = await auth.findAccount(person.email)
    if (account) {
      await auth.setPassword(account.userId, password)
    } else {
      account = await auth.createAccount({ email: person.email, name: person.name, password })
    }
    await atelier.members.add(system, {
      userId: account.userId,
      name: person.name,
      email: person.email,
      role: person.role,
    })
    logins.push({ ...person, password })
  }
  return logins
}
