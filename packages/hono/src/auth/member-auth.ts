import { type Atelier, AtelierError } from '@atelier/core'
import { betterAuth } from 'better-auth'
import { configure, type MemberAuthOptions } from './configure.js'

export type { MemberAuthOptions } from './configure.js'

/**
 * The account behind a session, and the session.
 *
 * @example
 * const account: SignedIn | undefined = await auth.signedIn(request.headers)
 */
export interface SignedIn {
  userId: string
  email: string
  name: string
  session: { id: string; token: string; activeStudioId?: string }
  /**
   * The cookie to send back when the session was just extended (once a day of use), so the
   * browser keeps it as long as the database does.
   */
  setCookie?: string[]
}

export { authTables, passwordLength } from './configure.js'

/**
 * Member sign-in for the Atelier API, with Better Auth: e-mail and password, sessions in
 * Atelier's own database, password reset, optional TOTP two-factor, rate limits counted where
 * Atelier counts requests. Accounts are created only through invitations and the command line.
 * Pass it to `atelierApi(atelier, { publicUrl, auth })`, which mounts it at `/auth` and accepts
 * its sessions on `/v1`.
 *
 * @example
 * const storage = await openSqlite('data/atelier.db')
 * const atelier = createAtelier({ storage })
 * const auth = memberAuth(atelier, { database: { db: storage.db, type: 'sqlite' }, secret, publicUrl })
 * const app = atelierApi(atelier, { publicUrl, auth })
 */
export function memberAuth(atelier: Atelier, options: MemberAuthOptions) {
  if (options.secret.length < 32) {
    throw new TypeError('memberAuth: secret must be at least 32 characters of random text')
  }
  // Reset links asked for by the command line, by address, handed back instead of sent.
  const captures = new Map<string, (link: string) => void>()
  const auth = betterAuth(configure(atelier, options, captures))
  const context = () => auth.$context

  return {
    /** The Better Auth instance, for its server-side `api`. */
    auth,

    /** The account and session a request's cookies sign in, or undefined. */
    async signedIn(headers: Headers): Promise<SignedIn | undefined> {
      const { response: found, headers: answer } = await auth.api.getSession({
        headers,
        query: { disableCookieCache: true },
        returnHeaders: true,
      })
      if (!found) return undefined
      const { user, session } = found
      const refreshed = answer.getSetCookie()
      const activeStudioId = (session as { activeStudioId?: string | null }).activeStudioId
      return {
        userId: user.id,
        email: user.email,
        name: user.name,
        session: {
          id: session.id,
          token: session.token,
          ...(activeStudioId && { activeStudioId }),
        },
        ...(refreshed.length && { setCookie: refreshed }),
      }
    },

    /** The account of an address, if there is one. */
    async findAccount(email: string) {
      const found = await (await context()).internalAdapter.findUserByEmail(email.toLowerCase())
      return found
        ? { userId: found.user.id, email: found.user.email, name: found.user.name }
        : undefined
    },

    /** Creates an account with a password (for an accepted invitation, the command line). */
    async createAccount(input: { email: string; name: string; password: string }) {
      const ctx = await context()
      const email = input.email.toLowerCase()
      const exists = () =>
        new AtelierError('conflict', `an account with ${email} exists; sign in with it instead`)
      if (await ctx.internalAdapter.findUserByEmail(email)) throw exists()
      const user = await ctx.internalAdapter
        .createUser({ email, name: input.name, emailVerified: true }, { method: 'admin' })
        .catch(async (error: unknown) => {
          // Two creations of one address at once: the second loses on the unique address.
          throw (await ctx.internalAdapter.findUserByEmail(email)) ? exists() : error
        })
      try {
        await ctx.internalAdapter.linkAccount({
          userId: user.id,
          providerId: 'credential',
          accountId: user.id,
          password: await ctx.password.hash(input.password),
        })
      } catch (error) {
        await ctx.internalAdapter.deleteUser(user.id)
        throw error
      }
      return { userId: user.id, email: user.email, name: user.name }
    },

    /** Deletes an account made a moment ago whose membership could not be made after all. */
    async deleteAccount(userId: string): Promise<void> {
      await (await context()).internalAdapter.deleteUser(userId)
    },

    /** Sets the studio a session acts in. */
    async bindStudio(sessionToken: string, studioId: string): Promise<void> {
      await (await context()).internalAdapter.updateSession(sessionToken, {
        activeStudioId: studioId,
      })
    },

    /**
     * Binds a session that acts in no studio yet (a new one) to its member's first studio, and
     * returns that studio (undefined for an account in none). Called after sign-in, outside
     * Better Auth's own transaction (on SQLite it holds the one writer lock, which reading the
     * memberships would wait for), and by the API for a session that somehow missed it.
     */
    async bindFirstStudio(account: SignedIn): Promise<string | undefined> {
      const [first] = await atelier.members.memberships(account.userId)
      if (!first) return undefined
      await (await context()).internalAdapter.updateSession(account.session.token, {
        activeStudioId: first.studio.id,
      })
      return first.studio.id
    },

    /** An account's live sessions, newest first: ids and times, never their tokens. */
    async sessions(userId: string) {
      const now = Date.now()
      const rows = await (await context()).internalAdapter.listSessions(userId)
      return rows
        .filter((s) => new Date(s.expiresAt).getTime() > now)
        .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
        .map((s) => ({
          id: s.id,
          createdAt: new Date(s.createdAt).toISOString(),
          expiresAt: new Date(s.expiresAt).toISOString(),
          ...(s.userAgent && { userAgent: s.userAgent }),
        }))
    },

    /**
     * Sets an account's password (the command line, the demo): the credential is Better Auth's,
     * hashed its way; the account's sessions stay.
     */
    async setPassword(userId: string, password: string): Promise<void> {
      const ctx = await context()
      await ctx.internalAdapter.updatePassword(userId, await ctx.password.hash(password))
    },

    /** Ends one of an account's sessions by id; false when the account has none by that id. */
    async revokeSession(userId: string, sessionId: string): Promise<boolean> {
      const ctx = await context()
      const session = (await ctx.internalAdapter.listSessions(userId)).find(
        (s) => s.id === sessionId,
      )
      if (!session) return false
      await ctx.internalAdapter.deleteSession(session.token)
      return true
    },

    /**
     * A password-reset link for an address (`${publicUrl}/reset#t=<token>`, one hour, single
     * use), for the command line; undefined when no account has that address.
     */
    async resetLink(email: string): Promise<string | undefined> {
      const address = email.trim().toLowerCase()
      let link: string | undefined
      captures.set(address, (made) => {
        link = made
      })
      try {
        await auth.api.requestPasswordReset({ body: { email: address } })
      } finally {
        captures.delete(address)
      }
      return link
    },
  }
}

/**
 * What {@link memberAuth} returns.
 *
 * @example
 * const auth: MemberAuth = memberAuth(atelier, { database, secret, publicUrl })
 */
export type MemberAuth = ReturnType<typeof memberAuth>
