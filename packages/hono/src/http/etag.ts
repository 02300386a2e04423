import { AtelierError } from '@atelier/core'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiError } from '../errors.js'
import { send } from './send.js'

/**
 * The strong ETag of a versioned resource: `"<version>"`.
 *
 * @example
 * etagOf(3) // '"3"'
 */
export const etagOf = (version: number | string): string => `"${version}"`

/**
 * True when `If-None-Match` names `etag` (or is `*`), by the weak comparison RFC 9110 asks for.
 *
 * @example
 * if (notModified(c, '"3"')) return c.body(null, 304)
 */
export function notModified(c: Context, etag: string): boolean {
  const header = c.req.header('If-None-Match')
  if (!header) return false
  if (header === etag || header === '*') return true
  for (const part of header.split(',')) {
    const tag = part.trim()
    if (tag === etag || tag === '*' || (tag.startsWith('W/') && tag.slice(2) === etag)) return true
  }
  return false
}

const STRONG = /^"[\x21\x23-\x7e\x80-\xff]*"$/

/**
 * Conditional GET: to a GET or HEAD whose `If-None-Match` names `etag`, the `304 Not Modified`
 * to send, with no body and with `etag` and `headers`, the validator and caching headers the
 * `200` would carry (`Cache-Control`, `Vary`…); otherwise undefined. Call it before building
 * the body, with an ETag known without it (a version, a content hash, a stored document's own
 * ETag): a client that has the representation then costs no body at all.
 *
 * @example
 * const etag = `"${file.sha256}"`
 * const headers = { 'Cache-Control': 'private, no-cache' }
 * return conditionalGet(c, etag, headers) ?? c.body(bytes, 200, { ...headers, ETag: etag })
 */
export function conditionalGet(
  c: Context,
  etag: string,
  headers: Record<string, string> = {},
): Response | undefined {
  if (!STRONG.test(etag)) throw new TypeError(`conditionalGet: ${etag} is not a strong ETag`)
  const method = c.req.method
  if ((method !== 'GET' && method !== 'HEAD') || !notModified(c, etag)) return undefined
  return send(c, null, 304, { ...headers, ETag: etag })
}

/**
 * A JSON response carrying `ETag: "<version>"`, or 304 to a read when the client already has it.
 *
 * @example
 * return versioned(c, viewClient(client), client.version)
 */
export function versioned(
  c: Context,
  body: unknown,
  version: number,
  status: ContentfulStatusCode = 200,
): Response {
  const etag = etagOf(version)
  return (
    (status === 200 && conditionalGet(c, etag)) ||
    send(c, JSON.stringify(body), status, { ETag: etag, 'Content-Type': 'application/json' })
  )
}

const IF_MATCH = /^\s*"(\d{1,15})"\s*$/

/**
 * The version a mutation expects, from `If-Match: "<version>"`. Missing is 428; anything but
 * one strong ETag is 400; a version below 1 can never match (412).
 *
 * @example
 * const version = expectedVersion(c)
 */
export function expectedVersion(c: Context): number {
  const header = c.req.header('If-Match')
  if (header === undefined) {
    throw new ApiError(
      'precondition_required',
      'this change needs If-Match: "<version>", the ETag of the resource as you last read it',
    )
  }
  const match = IF_MATCH.exec(header)
  if (!match) {
    throw new AtelierError('invalid_input', 'invalid header: If-Match', {
      fields: [{ path: 'If-Match', message: 'must be one strong ETag such as "3"' }],
    })
  }
  const version = Number(match[1])
  if (version < 1) {
    throw new AtelierError(
      'version_mismatch',
      `no version ${version} exists; read the resource again`,
    )
  }
  return version
}
