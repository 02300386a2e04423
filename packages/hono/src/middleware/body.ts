import { AtelierError } from '@atelier/core'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ApiDeps } from '../context.js'
import { ApiError } from '../errors.js'
import { decodeJsonBody } from '../http/utf8.js'

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i

/**
 * For routes that take JSON: a body in another media type is 415, a body over `maxJsonBytes`
 * is 413 (from `Content-Length`, or while reading when it is absent), a body that is not UTF-8
 * is 400 `invalid_input` naming the fields that held the bad bytes.
 *
 * @example
 * app.post('/v1/clients', jsonBody(deps), validator('json', schema), handler)
 */
export function jsonBody(deps: ApiDeps): MiddlewareHandler {
  const max = deps.opts.maxJsonBytes
  const limit = bodyLimit({
    maxSize: max,
    onError: () => {
      throw new AtelierError('too_large', `the JSON body exceeds ${max} bytes`, { limit: max })
    },
  })
  return async function jsonBody(c, next) {
    const type = c.req.header('Content-Type')
    const length = c.req.header('Content-Length')
    // Servers hand every POST a body stream; only a typed or declared body counts as one.
    const declared =
      length !== undefined ? length !== '0' : c.req.header('Transfer-Encoding') !== undefined
    const refused = type ? !JSON_TYPE.test(type) && length !== '0' : declared
    if (refused) {
      throw new ApiError(
        'unsupported_media_type',
        'send the body as JSON with Content-Type: application/json',
      )
    }
    return limit(c, async function utf8() {
      // Checked strictly here; the validator and idempotency then read the same cached bytes,
      // and answer a body that could not be read (400) as they did before.
      const bytes = c.req.raw.body ? await c.req.arrayBuffer().catch(() => undefined) : undefined
      if (bytes) decodeJsonBody(new Uint8Array(bytes))
      await next()
    })
  }
}

/**
 * For the upload route: needs a `Content-Type` (the file's media type, not multipart) and a
 * body, and refuses a `Content-Length` over `maxUploadBytes` before reading anything.
 *
 * @example
 * app.post('/v1/deliverables/:deliverableId/versions', uploadBody(deps), handler)
 */
export function uploadBody(deps: ApiDeps): MiddlewareHandler {
  const max = deps.opts.maxUploadBytes
  return async function uploadBody(c, next) {
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim()
    if (!type || type.toLowerCase().startsWith('multipart/')) {
      throw new ApiError(
        'unsupported_media_type',
        "send the file's bytes as the body, with the file's own media type as Content-Type",
      )
    }
    const length = c.req.header('Content-Length')
    if (length !== undefined && Number(length) > max) {
      throw new AtelierError('too_large', `the file exceeds the limit of ${max} bytes`, {
        limit: max,
      })
    }
    if (c.req.raw.body === null || length === '0') {
      throw new AtelierError('invalid_input', 'invalid upload: body', {
        fields: [{ path: 'body', message: "must hold the file's bytes" }],
      })
    }
    await next()
  }
}
