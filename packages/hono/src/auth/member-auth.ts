import type { Atelier } from '@atelier/core'
import { type BetterAuthOptions, betterAuth } from 'better-auth'
import { twoFactor } from 'better-auth/plugins/two-factor'

/**
 * Options of {@link memberAuth}.
 *
 * @example
 * const options: MemberAuthOptions = { database: { db: storage.db, type: 'sqlite' }, secret, publicUrl }
 */
export interface MemberAuthOptions {
  /**
   * Where accounts and sessions live: Atelier's own database, as Better Auth takes it
   * (`{ db: storage.db, type: 'sqlite' | 'postgres' }` from `@atelier/sql`, whose migrations
   * create the tables), or any Better Auth adapter (`memoryAdapter` in tests).
   */
  database: BetterAuthOptions['database']
  /** At least 32 random characters; signs session cookies and encrypts two-factor secrets. */
  secret: string
  /** The server's public URL (the same as the API's `publicUrl`): the origin cookies belong to. */
  publicUrl: string
  /**
   * Delivers a password-reset link (`${publicUrl}/reset#t=<token>`, one hour, single use) to a
   * member who asked for one. Until e-mail exists it may only record that one was asked for.
   * It is not awaited, so the answer to a reset request takes as long for an unknown address.
   * @default undefined (links are made only by `resetLink`, for the command line)
   */
  sendResetLink?: (to: { email: string; name: string }, link: string) => Promise<void> | void
  /** How long a session lasts without use, in seconds. @default 604_800 (7 days) */
  sessionSeconds?: number
  /** Issuer shown in authenticator apps for two-factor codes. @default 'Atelier' */
  issuer?: string
  /**
   * How passwords are hashed and checked, passed to Better Auth as it is: for a deployment
   * bound to another algorithm, or a test that counts the work. Sign-in runs exactly one of the
   * two per attempt, for a known address or not.
   * @default Better Auth's scrypt (N 16384, r 16, p 1)
   */
  password?: {
    hash(password: string): Promise<string>
    verify(input: { hash: string; password: string }): Promise<boolean>
  }
}

/** The account behind a session, and the session. */
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

/**
 * The tables Better Auth keeps accounts, sessions and two-factor secrets in (`@atelier/sql`'s
 * migration `0007_accounts` creates them; a memory adapter needs an array for each).
 *
 * @example
 * memoryAdapter(Object.fromEntries(Object.values(authTables).map((t) => [t, []])))
 */
export const authTables = {
  user: 'auth_user',
  session: 'auth_session',
  account: 'auth_account',
  verification: 'auth_verification',
  twoFactor: 'auth_two_factor',
} as const

/** Password rules: Better Auth's, stated once for our own routes. */
export const passwordLength = { min: 10, max: 128 } as const

/** Better Auth as Atelier configures it. */
function configure(
  atelier: Atelier,
  options: MemberAuthOptions,
  client: ClientIpHeader,
  captures: Map<string, (link: string) => void>,
) {
  const url = new URL(options.publicUrl)
  return {
    appName: 'Atelier',
    secret: options.secret,
    baseURL: url.origin,
    basePath: '/auth',
    trustedOrigins: [url.origin],
    database: options.database,
    user: { modelName: authTables.user },
    account: { modelName: authTables.account },
    verification: { modelName: authTables.verification, storeIdentifier: 'hashed' },
    emailAndPassword: {
      enabled: true,
      // Accounts are made by invitations and the command line, never by open sign-up.
      disableSignUp: true,
      minPasswordLength: passwordLength.min,
      maxPasswordLength: passwordLength.max,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 3_600,
      ...(options.password && { password: options.password }),
      async sendResetPassword({ user, token }) {
        const link = `${url.origin}/reset#t=${token}`
        const capture = captures.get(user.email)
        if (capture) return capture(link)
        const send = options.sendResetLink
        // Not awaited: a known address must not answer slower than an unknown one.
        if (send) void Promise.resolve(send({ email: user.email, name: user.name }, link))
      },
    },
    session: {
      modelName: authTables.session,
      expiresIn: options.sessionSeconds ?? 604_800,
      updateAge: 86_400,
      // The studio a session acts in: set by the server only (switching is explicit).
      additionalFields: { activeStudioId: { type: 'string', required: false, input: false } },
    },
    rateLimit: {
      enabled: true,
      // Counted where Atelier counts requests: in the database on Postgres, shared by processes.
      customStorage: {
        async consume(key: string, rule: { window: number; max: number }) {
          const { count, resetAt } = await atelier.requests.hit(`auth:${key}`, rule.window * 1000)
          const retryAfter = Math.max(1, Math.ceil((resetAt - atelier.now().getTime()) / 1000))
          return { allowed: count <= rule.max, retryAfter: count <= rule.max ? null : retryAfter }
        },
      },
      // A reset link's path holds its token: never a rate-limit key.
      customRules: { '/reset-password/*': false },
    },
    // Better Auth's session list hands every session's token to the page; `/v1/sessions` lists
    // and revokes them by id instead.
    disabledPaths: ['/list-sessions', '/revoke-session'],
    // The API's own address for the client, handed over in a header only the server sets.
    advanced: {
      ipAddress: { ipAddressHeaders: [client.header] },
      disableOriginCheck: false,
    },
    plugins: [
      twoFactor({ issuer: options.issuer ?? 'Atelier', twoFactorTable: authTables.twoFactor }),
    ],
    // Errors reach the API's own error handler (problem+json, no secrets in logs).
    onAPIError: { throw: true },
    logger: { disabled: true },
    telemetry: { enabled: false },
  } satisfies BetterAuthOptions
}

/** The request header that carries the client's IP from the API to Better Auth. */
export interface ClientIpHeader {
  header: string
}

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
  const client: ClientIpHeader = { header: 'x-atelier-client-ip' }
  // Reset links asked for by the command line, by address, handed back instead of sent.
  const captures = new Map<string, (link: string) => void>()
  const auth = betterAuth(configure(atelier, options, client, captures))
  const context = () => auth.$context

  return {
    /** The Better Auth instance, for its server-side `api`. */
    auth,
    /** The header through which the API hands Better Auth the client's IP (set by the server only). */
    clientIpHeader: client.header,

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
      const user = await ctx.internalAdapter.createUser(
        { email: input.email.toLowerCase(), name: input.name, emailVerified: true },
        { method: 'admin' },
      )
      await ctx.internalAdapter.linkAccount({
        userId: user.id,
        providerId: 'credential',
        accountId: user.id,
        password: await ctx.password.hash(input.password),
      })
      return { userId: user.id, email: user.email, name: user.name }
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
          token: s.token,
          createdAt: new Date(s.createdAt).toISOString(),
          expiresAt: new Date(s.expiresAt).toISOString(),
          ...(s.userAgent && { userAgent: s.userAgent }),
        }))
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

/** What {@link memberAuth} returns. */
export type MemberAuth = ReturnType<typeof memberAuth>
