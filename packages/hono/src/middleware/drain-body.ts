import type { MiddlewareHandler } from 'hono'
import type { ApiDeps } from '../context.js'
import { setHeader } from './response-headers.js'

/**
 * How much of a body the route never read is read and dropped, and how far past the route's
 * own limit the rest of a body it stopped reading part-way.
 */
const DRAIN_BYTES = 64 * 1_048_576
/** How long a body left unread may take to arrive before the answer goes without it. */
const DRAIN_MS = 10_000

type Reader = ReadableStreamDefaultReader<Uint8Array>

/**
 * A stream of `reader`'s bytes whose cancellation leaves `reader` to be drained; `onRead` is
 * called when the route first reads from it.
 */
function detached(reader: Reader, onRead: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        onRead()
        const { done, value } = await reader.read()
        if (done) controller.close()
        else controller.enqueue(value)
      },
      cancel() {},
    },
    { highWaterMark: 0 },
  )
}

/** Reads `reader` to its end, dropping the bytes; false when `budget` or the time ran out. */
async function drain(reader: Reader, budget: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(resolve, DRAIN_MS, 'late')
  })
  try {
    for (let left = budget; left >= 0; ) {
      const read = await Promise.race([reader.read(), late])
      if (read === 'late') return false
      if (read.done) return true
      left -= read.value.byteLength
    }
    return false
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The first step of a route that takes a body: whatever the route leaves unread (it refused
 * the request before reading, as for a 401, 413 or 415, or stopped part-way, as an upload over
 * the limit does) is read and dropped before the answer goes out, for at most 10 s and up to
 * 64 MiB (a body never read) or 64 MiB past the route's limit (a body read part-way); beyond that the answer carries `Connection: close`.
 * A server that answers and then closes a socket with unread bytes makes the peer's TCP
 * stack reset the connection, and the client often loses the answer with it. Streamed bodies
 * (uploads, and JSON without `Content-Length`) are read through a stream whose cancellation
 * leaves the rest here to drain; a JSON body with its length is not touched until it is
 * refused, so the adapter's fast path reads it as before.
 *
 * @example
 * steps.push(drainBody(deps, 'json'))
 */
export function drainBody(deps: ApiDeps, body: 'json' | 'raw'): MiddlewareHandler {
  const partly = DRAIN_BYTES + (body === 'json' ? deps.opts.maxJsonBytes : deps.opts.maxUploadBytes)
  return async function drainBody(c, next) {
    let read = false
    const length = c.req.header('Content-Length')
    const streamed = length === undefined && c.req.header('Transfer-Encoding') !== undefined
    if (length === '0' || (length === undefined && !streamed)) return next()
    let reader: Reader | undefined
    if (streamed || body === 'raw') {
      const raw = c.req.raw
      reader = raw.body?.getReader()
      if (reader)
        c.req.raw = new Request(raw, {
          body: detached(reader, () => {
            read = true
          }),
          duplex: 'half',
        } as RequestInit)
    }
    try {
      await next()
    } finally {
      const raw = c.req.raw
      reader ??= !raw.bodyUsed && raw.body ? raw.body.getReader() : undefined
      // A body the route never read is bounded on its own, not by the route's limit (which is
      // gigabytes for uploads).
      const budget = read ? partly : DRAIN_BYTES
      if (reader && (Number(length) > budget || !(await drain(reader, budget)))) {
        setHeader(c, 'Connection', 'close')
      }
    }
  }
}
