import type { Atelier } from '@atelier/core'
import type { BetterAuthOptions } from 'better-auth'
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
   * It is not awaited, so the answer to a reset request takes as long for an unknown address;
   * for the same reason its errors are its own to log (a rejection is dropped).
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

/**
 * The request header that carries the client's IP, as the API knows it, to Better Auth: the API
 * sets it (and removes any the client sent) on every `/auth` request.
 *
 * @example
 * headers.set(CLIENT_IP_HEADER, '203.0.113.7')
 */
export const CLIENT_IP_HEADER = 'x-atelier-client-ip'

/**
 * Better Auth's options as Atelier sets them: its tables, no open sign-up, hashed reset tokens,
 * the session's studio, rate limits in Atelier's counters, two-factor, no logging of its own.
 * Reset links asked for by the command line are handed to `captures` instead of sent.
 *
 * @example
 * const auth = betterAuth(configure(atelier, options, new Map()))
 */
export function configure(
  atelier: Atelier,
  options: MemberAuthOptions,
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
        // Not awaited: a known address must not answer slower than an unknown one. Its failure is
        // dropped (a throw too): as an unhandled rejection it would end the process, for anyone
        // who asks a reset for a known address.
        if (send) {
          const to = { email: user.email, name: user.name }
          void Promise.resolve()
            .then(() => send(to, link))
            .catch(() => undefined)
        }
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
          if (count <= rule.max) return { allowed: true, retryAfter: null }
          const retryAfter = Math.max(1, Math.ceil((resetAt - atelier.now().getTime()) / 1000))
          return { allowed: false, retryAfter }
        },
      },
    },
    // Better Auth's session list hands every session's token to the page (`/v1/sessions` lists
    // and revokes them by id instead); `/verify-password` would be a password oracle outside
    // the sign-in limits, and nothing of ours needs it.
    disabledPaths: ['/list-sessions', '/revoke-session', '/verify-password'],
    // The API's own address for the client, handed over in a header only the server sets.
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
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
