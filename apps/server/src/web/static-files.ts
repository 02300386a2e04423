import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { Readable } from 'node:stream'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * A response for `relative` inside `root`, or undefined when there is no such file. Paths that
 * climb out of `root` find nothing. Folders answer with their `index.html`. Conditional GETs
 * get 304 on a matching ETag.
 */
export async function serveFile(
  root: string,
  relative: string,
  request: Request,
  headers: Record<string, string> = {},
): Promise<Response | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(relative)
  } catch {
    return undefined
  }
  if (decoded.includes('\0')) return undefined
  let path = normalize(join(root, decoded))
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined
  let info = await stat(path).catch(() => undefined)
  if (info?.isDirectory()) {
    path = join(path, 'index.html')
    info = await stat(path).catch(() => undefined)
  }
  if (!info?.isFile()) return undefined
  const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`
  const base = {
    'Content-Type': types[extname(path)] ?? 'application/octet-stream',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  }
  if (request.headers.get('If-None-Match') === etag)
    return new Response(null, { status: 304, headers: base })
  const body =
    request.method === 'HEAD'
      ? null
      : (Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>)
  return new Response(body, { headers: { ...base, 'Content-Length': String(info.size) } })
}
