import type { Role, Scope } from '@atelier/core'
import type { Storage } from '@atelier/core/storage'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { authTables, type MemberAuth, type MemberAuthOptions, memberAuth } from '../../src/index.js'
import type { AtelierApiOptions } from '../../src/options.js'
import type { Reply } from './call.js'
import { createWorld, PUBLIC_URL, type World } from './world.js'

export const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz'

/** A signed-in member of a studio: their account, their member id and their session cookie. */
export interface SignedInMember {
  userId: string
  memberId: string
  email: string
  name: string
  role: Role
  cookie: string
}

export interface MemberWorld extends World {
  auth: MemberAuth
  /** The Better Auth tables in memory, as its memory adapter keeps them. */
  tables: Record<string, Record<string, unknown>[]>
  /** Creates an account with `password`, makes it a member in `role`, signs it in. */
  member(studio: { studioId: string }, role: Role, name?: string): Promise<SignedInMember>
  /** Makes an existing account a member of another studio too (as the command line does). */
  join(studio: { studioId: string }, member: SignedInMember, role: Role): Promise<string>
  /** Signs an account in; the reply and the session cookie it set. */
  signIn(email: string, password: string, ip?: string): Promise<{ reply: Reply; cookie: string }>
}

/** What a test may change of {@link memberAuth}'s options. */
export type TestAuthOptions = Partial<Omit<MemberAuthOptions, 'database' | 'secret' | 'publicUrl'>>

export const PASSWORD = 'correct horse battery'

/** The cookies a reply sets, as a `Cookie` header (expired ones left out). */
export function cookieOf(reply: Reply): string {
  return reply.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ')
}

/** Headers of a cookie-authenticated request from the server's own origin. */
export const session = (cookie: string) => ({ headers: { Cookie: cookie, Origin: PUBLIC_URL } })

let accounts = 0

/**
 * A world with member sign-in: Better Auth over its memory adapter, mounted by the API. Each
 * sign-in comes from its own IP (Better Auth limits sign-ins per IP), given to the API through
 * `clientIp` from an `X-Test-Ip` header.
 */
export function createMemberWorld(
  options: Partial<AtelierApiOptions> = {},
  setup: { storage?: Storage; auth?: TestAuthOptions } = {},
): MemberWorld {
  const tables: Record<string, Record<string, unknown>[]> = Object.fromEntries(
    Object.values(authTables).map((table) => [table, []]),
  )
  let auth: MemberAuth | undefined
  const world = createWorld((atelier) => {
    auth = memberAuth(atelier, {
      ...setup.auth,
      database: memoryAdapter(tables),
      secret: SECRET,
      publicUrl: PUBLIC_URL,
    })
    return { clientIp: (c) => c.req.header('X-Test-Ip'), ...options, auth }
  }, setup.storage)
  let ips = 0
  const signIn = async (
    email: string,
    password: string,
    ip = `10.1.${++ips >> 8}.${ips & 255}`,
  ) => {
    const reply = await world.call('POST', '/auth/sign-in/email', {
      json: { email, password },
      headers: { 'X-Test-Ip': ip },
    })
    return { reply, cookie: cookieOf(reply) }
  }
  const system = (studioId: string): Scope => ({
    studioId,
    actor: { kind: 'system', id: 'test', label: 'test' },
  })
  return {
    ...world,
    auth: auth!,
    tables,
    signIn,
    async member(studio, role, name = `${role} ${++accounts}`) {
      const local = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '.')
        .replace(/^\.|\.$/g, '')
      const email = `${local || 'member'}.${++accounts}@studio.example`
      const account = await auth!.createAccount({ email, name, password: PASSWORD })
      const member = await world.atelier.members.add(system(studio.studioId), {
        ...account,
        role,
      })
      const { reply, cookie } = await signIn(email, PASSWORD)
      if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.text}`)
      return { userId: account.userId, memberId: member.id, email, name, role, cookie }
    },
    async join(studio, member, role) {
      const { userId, email, name } = member
      const joined = await world.atelier.members.add(system(studio.studioId), {
        userId,
        email,
        name,
        role,
      })
      return joined.id
    },
  }
}
