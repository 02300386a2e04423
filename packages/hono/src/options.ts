import type { Context } from 'hono'
import type { MemberAuth } from './auth/member-auth.js'

/**
 * One structured entry per request, for the `logger` option. Never holds a token.
 *
 * @example
 * atelierApi(atelier, { publicUrl, logger: (entry: RequestLog) => console.log(JSON.stringify(entry)) })
 */
export interface RequestLog {
  requestId: string
  method: string
  /** The path with every token and sign-off link segment replaced by `[redacted]`. */
  path: string
  /**
   * The answer's status; 499 (nginx's "client closed request") when the request failed because
   * its client went away, such as an upload abandoned half-way: not a server error.
   */
  status: number
  durationMs: number
  /** Which kind of credential the request carried (never the credential itself). */
  credential?: string
  studioId?: string
  /** Name and message of an unexpected error (5xx only). */
  error?: { name: string; message: string }
}

/**
 * Fixed-window rate limits, counted in the Atelier storage (shared by every server process).
 *
 * @example
 * atelierApi(atelier, { publicUrl, rateLimit: { max: 1200 } satisfies Partial<RateLimitOptions> })
 */
export interface RateLimitOptions {
  /** Window length in milliseconds. @default 60_000 */
  windowMs: number
  /** Requests per window for one credential. @default 600 */
  max: number
  /**
   * Requests per window without a valid credential, per client IP when `clientIp` (or
   * `trustProxy`) tells it, else per route group shared by everyone. @default 300
   */
  anonymousMax: number
}

/**
 * Options of {@link atelierApi}. Only `publicUrl` is required.
 *
 * @example
 * const options: AtelierApiOptions = { publicUrl: 'https://studio.example', maxJsonBytes: 65_536 }
 */
export interface AtelierApiOptions {
  /**
   * Public base URL of the site that serves sign-off pages and the tracker, without a trailing
   * slash. Sign-off links are `${publicUrl}/s/<token>`, client access links
   * `${publicUrl}/track#t=<token>`, share links `${publicUrl}/shared#t=<token>`. Its origin
   * may always call the API from a browser.
   */
  publicUrl: string
  /** Largest accepted JSON body, in bytes. @default 1_048_576 (1 MiB) */
  maxJsonBytes?: number
  /**
   * Largest accepted file upload, in bytes (refused from `Content-Length` before reading when
   * it is known, and while streaming otherwise). Core's own `maxUploadBytes` applies too.
   * @default 104_857_600 (100 MiB)
   */
  maxUploadBytes?: number
  /** Rate limits per credential, or `false` to turn them off. @default { windowMs: 60_000, max: 600, anonymousMax: 300 } */
  rateLimit?: Partial<RateLimitOptions> | false
  /** How long an `Idempotency-Key` response is replayed, in milliseconds. @default 86_400_000 (24 h) */
  idempotencyTtlMs?: number
  /** Receives one {@link RequestLog} per request. @default undefined (no logging) */
  logger?: (entry: RequestLog) => void
  /**
   * The client's IP address, for anonymous rate limits and the IP hash in receipts. On Node,
   * pass `(c) => getConnInfo(c).remote.address` from `@hono/node-server/conninfo`.
   * @default undefined (unknown)
   */
  clientIp?: (c: Context) => string | undefined
  /**
   * Take the client IP from the right-most `X-Forwarded-For` entry, as appended by your one
   * trusted reverse proxy. Leave off unless such a proxy always sits in front: the header is
   * otherwise forged at will. @default false
   */
  trustProxy?: boolean
  /**
   * Member sign-in (`memberAuth(atelier, …)`): mounted at `/auth`, and its session cookie
   * accepted on the studio's `/v1` routes besides secret keys. @default undefined (keys only)
   */
  auth?: MemberAuth
}

const defaults = {
  maxJsonBytes: 1_048_576,
  maxUploadBytes: 104_857_600,
  idempotencyTtlMs: 86_400_000,
  trustProxy: false as boolean,
} satisfies Partial<AtelierApiOptions>

const defaultRateLimit: RateLimitOptions = { windowMs: 60_000, max: 600, anonymousMax: 300 }

/**
 * Options with every default applied.
 *
 * @example
 * const opts: ResolvedOptions = resolveOptions({ publicUrl: 'https://studio.example' })
 */
export type ResolvedOptions = Omit<AtelierApiOptions, keyof typeof defaults | 'rateLimit'> &
  typeof defaults & { rateLimit: RateLimitOptions | false; publicOrigin: string }

/**
 * Applies the defaults and checks `publicUrl`.
 *
 * @example
 * resolveOptions({ publicUrl: 'https://studio.example/' }).publicUrl // 'https://studio.example'
 */
export function resolveOptions(options: AtelierApiOptions): ResolvedOptions {
  let url: URL
  try {
    url = new URL(options.publicUrl)
  } catch {
    throw new TypeError(`atelierApi: publicUrl must be an absolute URL, got ${options.publicUrl}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('atelierApi: publicUrl must be an http(s) URL')
  }
  const opts = { ...defaults, ...options } satisfies AtelierApiOptions
  return {
    ...opts,
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    publicOrigin: url.origin,
    rateLimit: options.rateLimit === false ? false : { ...defaultRateLimit, ...options.rateLimit },
  }
}
