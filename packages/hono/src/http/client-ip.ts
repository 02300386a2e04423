import type { Context } from 'hono'
import { convertIPv6ToBinary } from 'hono/utils/ipaddr'
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
    if (last) return unmapped(last.slice(0, 64))
  }
  const ip = opts.clientIp?.(c)?.slice(0, 64)
  return ip && unmapped(ip)
}

/** An IPv6 address parsed to its 128 bits; undefined for anything else (IPv4 included). */
function ipv6(ip: string): bigint | undefined {
  if (!ip.includes(':')) return undefined
  try {
    return convertIPv6ToBinary(ip)
  } catch {
    return undefined
  }
}

const MAPPED = 0xffffn

/** `::ffff:a.b.c.d` (an IPv4 client of a dual-stack socket) as `a.b.c.d`; others unchanged. */
function unmapped(ip: string): string {
  const bits = ipv6(ip)
  if (bits === undefined || bits >> 32n !== MAPPED) return ip
  return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join('.')
}

/**
 * What a client's address counts as for rate limiting: an IPv4 address as it is, an IPv6 one
 * by its /64 prefix (what one host or one subscriber is usually given, so it cannot take a new
 * address for every request), anything unparsable as it is.
 *
 * @example
 * ipBucketOf('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function ipBucketOf(ip: string): string {
  const bits = ipv6(ip)
  if (bits === undefined) return ip
  const hex = (bits >> 64n).toString(16).padStart(16, '0')
  const groups = hex.match(/.{4}/g)!.map((group) => group.replace(/^0+(?=.)/, ''))
  return `${groups.join(':')}::/64`
}
