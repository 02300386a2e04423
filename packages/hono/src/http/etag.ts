import { AtelierError } from '@atelier/core'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiError } from '../errors.js'

/**
 * The strong ETag of a versioned resource: `"<version>"`.
 *
 * @example
 * etagOf(3) // '"3"'
 */
export const etagOf = (version: number | string): string => `"${version}"`

/**
 * True when `If-None-Match` names `etag` (or is `*`).
 *
 * @example
 * if (notModified(c, '"3"')) return c.body(null, 304)
 */
export function notModified(c: Context, etag: string): boolean {
  const header = c.req.header('If-None-Match')
  if (!header) return false
  return header
    .split(',')
    .map((s) => s.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*')
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
  const read = c.req.method === 'GET' || c.req.method === 'HEAD'
  if (read && status === 200 && notModified(c, etag)) return c.body(null, 304, { ETag: etag })
  return c.json(body, status, { ETag: etag })
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
