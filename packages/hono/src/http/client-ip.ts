import type { Context } from 'hono'
import type { ResolvedOptions } from '../options.js'

/**
 * The client's IP address as the server knows it: from `clientIp`, or, only with `trustProxy`,
 * from the right-most `X-Forwarded-For` entry (the one your proxy appended). Never from a
 * header the client controls unless told to.
 *
 * @example
 * clientIpOf(c, opts) // '203.0.113.7' or undefined
 */
export function clientIpOf(c: Context, opts: ResolvedOptions): string | undefined {
  if (opts.trustProxy) {
    const forwarded = c.req
      .header('X-Forwarded-For')
      ?.split(',')
      .map((s) => s.trim())
    const last = forwarded?.filter(Boolean).at(-1)
    if (last) return last.slice(0, 64)
  }
  return opts.clientIp?.(c)?.slice(0, 64)
}
