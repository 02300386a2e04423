import type { Context } from 'hono'
import type { ApiDeps, Caller, RouteAuth } from '../context.js'
import { ApiError } from '../errors.js'
import { clientIpOf, ipBucketOf } from '../http/client-ip.js'
import { setHeader } from './response-headers.js'

/**
 * The bucket of a caller without a valid credential: its IP when known (an IPv6 client by its
 * /64, see {@link ipBucketOf}), else one bucket per route group shared by everyone (never a
 * header the client can forge).
 *
 * @example
 * anonymousBucket(deps, c, 'public') // 'anon:ip:203.0.113.7' or 'anon:public'
 */
export function anonymousBucket(deps: ApiDeps, c: Context, auth: RouteAuth): string {
  const ip = clientIpOf(c, deps.opts)
  return ip ? `anon:ip:${ipBucketOf(ip)}` : `anon:${auth}`
}

/**
 * Counts the request in its bucket (in the Atelier storage, so every process shares it) and
 * refuses it with 429 and `Retry-After` past the limit. Sets `RateLimit-*` headers.
 *
 * @example
 * await countRequest(deps, c, caller)
 */
export async function countRequest(deps: ApiDeps, c: Context, caller: Caller): Promise<void> {
  const limits = deps.opts.rateLimit
  if (!limits) return
  const anonymous = caller.credential === 'none' || caller.unproven !== undefined
  const max = anonymous ? limits.anonymousMax : limits.max
  const { count, resetAt } = await deps.atelier.requests.hit(caller.bucket, limits.windowMs)
  const reset = String(Math.max(1, Math.ceil((resetAt - deps.atelier.now().getTime()) / 1000)))
  const limit = String(max)
  const remaining = String(Math.max(0, max - count))
  setHeader(c, 'RateLimit-Limit', limit)
  setHeader(c, 'RateLimit-Remaining', remaining)
  setHeader(c, 'RateLimit-Reset', reset)
  if (count > max) {
    throw new ApiError(
      'rate_limited',
      `more than ${max} requests in ${limits.windowMs / 1000} s ${anonymous ? 'without a known credential' : 'with this credential'}; retry in ${reset} s`,
      {
        'RateLimit-Limit': limit,
        'RateLimit-Remaining': remaining,
        'RateLimit-Reset': reset,
        'Retry-After': reset,
      },
    )
  }
}
