import { AtelierError, type OpenedFile } from '@atelier/core'
import type { ByteRange } from '@atelier/core/storage'
import type { Context } from 'hono'
import { ApiError } from '../errors.js'
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

const RANGE = /^bytes=(\d*)-(\d*)$/

/**
 * The one range of a `size`-byte file that a `Range` header asks for (RFC 9110 §14.1.2):
 * `unsatisfiable` when it starts at or past the end; undefined when the whole file should be
 * sent instead (no header, another unit, several ranges, or a malformed one).
 *
 * @example
 * byteRangeOf('bytes=-100', 1000) // { offset: 900, length: 100 }
 */
export function byteRangeOf(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  const match = header && RANGE.exec(header.trim())
  if (!match) return undefined
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return undefined
  if (first === '') {
    const length = Math.min(Number(last), size)
    return length === 0 ? 'unsatisfiable' : { offset: size - length, length }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return undefined
  if (start >= size) return 'unsatisfiable'
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return { offset: start, length: end - start + 1 }
}

/**
 * Streams an opened file: its media type, length, `ETag: "<sha256>"` (304 on a match), an
 * attachment disposition, `nosniff` and a sandboxing CSP so no file runs as a page. A `GET`
 * with one `Range: bytes=…` (and an `If-Range` naming this ETag, if any) gets that range as a
 * 206, read from the blob store without the bytes before it; one past the end gets a 416. The
 * blob store is read once, for exactly what is sent (nothing for a 304).
 *
 * @example
 * return fileResponse(c, await atelier.deliverables.open(scope, ref))
 */
export async function fileResponse(c: Context, opened: OpenedFile): Promise<Response> {
  const { file } = opened
  const etag = `"${file.sha256}"`
  const unchanged = conditionalGet(c, etag, FILE_CACHING)
  if (unchanged) return unchanged
  const headers: Record<string, string> = {
    'Content-Type': file.mediaType,
    'Content-Length': String(file.bytes),
    ETag: etag,
    'Content-Disposition': contentDisposition(file.filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Accept-Ranges': 'bytes',
    ...FILE_CACHING,
  }
  const ifRange = c.req.header('If-Range')
  const range =
    c.req.method === 'GET' && (ifRange === undefined || ifRange.trim() === etag)
      ? byteRangeOf(c.req.header('Range'), file.bytes)
      : undefined
  if (!range) return c.body(await opened.read(), 200, headers)
  if (range === 'unsatisfiable') {
    throw new ApiError(
      'range_not_satisfiable',
      `the file has ${file.bytes} bytes; ask for a range that starts before its end`,
      { 'Content-Range': `bytes */${file.bytes}` },
    )
  }
  const last = range.offset + range.length - 1
  return c.body(await opened.read(range), 206, {
    ...headers,
    'Content-Length': String(range.length),
    'Content-Range': `bytes ${range.offset}-${last}/${file.bytes}`,
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
