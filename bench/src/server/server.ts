// The server under test, one process per scenario, started by the bench pinned to its own CPU.
// `hello` is the baseline: a hello-world Hono route on @hono/node-server. `atelier` is the API
// as the product serves it: createAtelier over the storage, atelierApi mounted under /v1 the
// way apps/server mounts it. Prints one JSON line `{ "port": n }` when listening.
//
//   node src/server/server.ts '{"mode":"hello"}'
//   node src/server/server.ts '{"mode":"atelier","db":{"kind":"sqlite","file":"x.db","synchronous":"FULL"}}'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createAtelier } from '@atelier/core'
import type { Storage } from '@atelier/core/storage'
import { atelierApi } from '@atelier/hono'
import { openPostgres, openSqlite } from '@atelier/sql'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono } from 'hono'

/** What the bench asks a server process to serve. */
export interface ServerSpec {
  mode: 'hello' | 'atelier'
  /**
   * With `hello`: also answer `GET /document/:i` with the i-th text of this file's JSON array,
   * as JSON (the floor of a read).
   */
  document?: string
  db?:
    | { kind: 'sqlite'; file: string; synchronous: 'FULL' | 'NORMAL'; groupCommit?: boolean }
    | { kind: 'postgres'; url: string; schema: string }
}

const spec = JSON.parse(process.argv[2] ?? '{"mode":"hello"}') as ServerSpec

async function openDb(db: NonNullable<ServerSpec['db']>): Promise<Storage> {
  if (db.kind === 'sqlite') {
    return openSqlite(db.file, {
      synchronous: db.synchronous,
      ...(db.groupCommit !== undefined && { groupCommit: db.groupCommit }),
    })
  }
  return openPostgres(db.url, { schema: db.schema, max: 10 })
}

let close = async () => {}
const app = new Hono()
if (spec.mode === 'hello') {
  app.get('/hello', (c) => c.text('Hello, world!'))
  if (spec.document) {
    const texts = JSON.parse(readFileSync(spec.document, 'utf8')) as string[]
    app.get('/document/:i', (c) =>
      c.body(texts[Number(c.req.param('i'))] ?? '', 200, {
        'Content-Type': 'application/json',
        ETag: '"document"',
      }),
    )
  }
} else {
  const storage = await openDb(spec.db!)
  const atelier = createAtelier({ storage })
  const api = atelierApi(atelier, {
    publicUrl: 'http://127.0.0.1',
    // Counted as in production, with a limit the benchmark never reaches.
    rateLimit: { max: 1_000_000_000, anonymousMax: 1_000_000_000 },
    clientIp: (c) => getConnInfo(c).remote.address,
  })
  app.all('/v1/*', (c) => api.fetch(c.req.raw, c.env))
  app.get('/health', async (c) => {
    await storage.transaction(async () => undefined, { readOnly: true })
    return c.json({ status: 'ok' })
  })
  close = () => atelier.close()
}

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
server.once('listening', () => {
  const { port } = server.address() as AddressInfo
  process.stdout.write(`${JSON.stringify({ port })}\n`)
})
const stop = () => {
  server.close(async () => {
    await close()
    process.exit(0)
  })
  ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
