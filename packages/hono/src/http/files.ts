import { AtelierError, type OpenedFile } from '@atelier/core'
import type { Context } from 'hono'
import { conditionalGet } from './etag.js'

const ATTR_CHAR = /[^A-Za-z0-9!#$&+.^_`|~-]/g

/**
 * `Content-Disposition: attachment` per RFC 6266: an ASCII `filename` fallback and the exact
 * name as `filename*=UTF-8''…` (RFC 8187), so 标志.png arrives as 标志.png.
 *
 * @example
 * contentDisposition('青禾 标志.png')
 * // attachment; filename="__ __.png"; filename*=UTF-8''%E9%9D%92%E7%A6%BE%20%E6%A0%87%E5%BF%97.png
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = Array.from(new TextEncoder().encode(filename), (b) => {
    const ch = String.fromCharCode(b)
    return b < 0x80 && !ch.match(ATTR_CHAR)
      ? ch
      : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }).join('')
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/** Files are private to their credential and revalidated on every use (a 304 is cheap). */
const FILE_CACHING = { 'Cache-Control': 'private, no-cache' }

/**
 * Streams an opened file: its media type, length, `ETag: "<sha256>"` (304 on a match), an
 * attachment disposition, `nosniff` and a sandboxing CSP so no file runs as a page.
 *
 * @example
 * return fileResponse(c, await atelier.deliverables.open(scope, ref))
 */
export function fileResponse(c: Context, opened: OpenedFile): Response {
  const { file, body } = opened
  const etag = `"${file.sha256}"`
  const unchanged = conditionalGet(c, etag, FILE_CACHING)
  if (unchanged) {
    void body.cancel()
    return unchanged
  }
  return c.body(body, 200, {
    'Content-Type': file.mediaType,
    'Content-Length': String(file.bytes),
    ETag: etag,
    'Content-Disposition': contentDisposition(file.filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    ...FILE_CACHING,
  })
}

/**
 * Passes a request body through, failing with `too_large` as soon as more than `max` bytes
 * have arrived (for bodies without a `Content-Length`).
 *
 * @example
 * await atelier.deliverables.addVersion(scope, input, limitStream(c.req.raw.body!, max))
 */
export function limitStream(
  body: ReadableStream<Uint8Array>,
  max: number,
): ReadableStream<Uint8Array> {
  let seen = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength
        if (seen > max) {
          controller.error(
            new AtelierError('too_large', `the file exceeds the limit of ${max} bytes`, {
              limit: max,
            }),
          )
          return
        }
        controller.enqueue(chunk)
      },
    }),
  )
}
