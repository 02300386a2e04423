import type { AddressInfo } from 'node:net'
import { createAtelier } from '@atelier/core'
import { serve as listen } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Hono } from 'hono'
import { CliError } from '../cli-error.js'
import { describeDb, publicUrlFor, type ServerConfig } from '../config.js'
import { seedDemo } from '../demo/seed-demo.js'
import { exclusively } from '../exclusively.js'
import { createLogger } from '../logger.js'
import { authSecret, describeSecret, openAuth, secretWarning } from '../open-auth.js'
import { openBlobs } from '../open-blobs.js'
import { openStorage } from '../open-storage.js'
import { claimEmptyFolder, referencedBlobKeys, sweepLocalBlobs } from '../sweep-blobs.js'
import { serverApp } from '../web/server-app.js'
import { printDemo } from './print-demo.js'

/** How long shutdown waits for in-flight requests before it closes what is left. */
const DRAIN_MS = 10_000

/**
 * `atelier serve`: migrates, listens, seeds a demo studio on a fresh database, and shuts down
 * gracefully on SIGINT/SIGTERM (stop accepting, finish in-flight requests, close the database).
 */
export async function serveCommand(
  config: ServerConfig,
  out: (text: string) => void,
): Promise<void> {
  const opened = await openStorage(config.db)
  const { files, secret } = await (async () => ({
    files: await openBlobs(config.blobs),
    secret: await authSecret(opened.kind, config.db),
  }))().catch(async (error: unknown) => {
    await opened.storage.close()
    throw error
  })
  const blobs = files.blobs
  // A new installation's blob folder is claimed before the demo or anyone uploads into it.
  if (files.kind === 'local') await claimEmptyFolder(files.root, describeDb(config.db))
  const atelier = createAtelier({ storage: opened.storage, blobs })
  const logger = createLogger(config.logLevel)
  const warning = secretWarning(secret.source)
  if (warning) logger.log('warn', warning)
  let app: Hono | undefined
  const server = listen({
    fetch: (request, env) =>
      app
        ? app.fetch(request, env)
        : new Response('starting', { status: 503, headers: { 'Retry-After': '1' } }),
    hostname: config.host,
    port: config.port,
  })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${config.port} on ${config.host} is already in use; pick another with --port`
            : error.message,
        ),
      ),
    )
  })
  const port = (server.address() as AddressInfo).port
  const publicUrl = publicUrlFor(config, port)
  // Until e-mail exists, a reset asked for on the web is only noted; the operator sends the link.
  const auth = openAuth(atelier, opened, secret.secret, publicUrl, () =>
    logger.log(
      'info',
      'a member asked for a password reset; e-mail is not set up, so make them a link with `atelier member reset-link --email <their address>`',
    ),
  )

  out(
    `Atelier is listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
  )
  out(`  database   ${opened.kind === 'sqlite' ? 'SQLite' : 'Postgres'} ${describeDb(config.db)}`)
  out(`  files      ${files.where}`)
  out(`  public URL ${publicUrl}`)
  out(`  API        ${publicUrl}/v1   reference ${publicUrl}/docs   health ${publicUrl}/health`)
  out(`  demo site  ${publicUrl}/demo/`)
  const [first, ...more] = describeSecret(secret.source, opened.kind)
  out(`  sign-in    ${publicUrl}/auth   ${first}`)
  for (const line of more) out(`             ${line}`)
  // Replicas starting at once on one empty database: the first seeds, the others find its data.
  const seeded = exclusively(opened, 'seed-demo', async () => {
    if ((await atelier.studios.list()).length === 0) {
      printDemo(await seedDemo(opened.storage, blobs, publicUrl, auth), out)
    } else {
      out(
        '  (existing data: demo links are printed only when a fresh database is seeded; `atelier seed-demo` makes new ones)',
      )
    }
  })
  await seeded.catch(async (error: unknown) => {
    // Nothing was served yet (every request got 503): stop, rather than answer 503 for ever.
    server.close()
    ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
    await atelier.close()
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    throw new CliError(`the demo studio could not be seeded, so Atelier stopped: ${reason}`, 1)
  })
  // Requests get 503 until the app exists, so nothing is served before the demo is seeded.
  app = serverApp({
    atelier,
    storage: opened.storage,
    blobs,
    publicUrl,
    logger,
    clientIp: (c) => getConnInfo(c).remote.address,
    auth,
  })
  logger.log('info', 'listening', { port, publicUrl })
  if (files.kind === 'local') {
    // In the background, a second after start so it never delays the first answers: stale
    // partial uploads, and blobs no version names that nobody touched for an hour (see
    // sweep-blobs.ts for why that is safe while uploads run).
    const root = files.root
    setTimeout(() => {
      sweepLocalBlobs(root, () => referencedBlobKeys(opened.storage), {
        owner: describeDb(config.db),
      }).then(
        (report) =>
          report.kept
            ? logger.log('warn', 'swept the blob folder but kept its unreferenced blobs', {
                ...report,
              })
            : logger.log('info', 'swept the blob folder', { ...report }),
        (error: Error) =>
          logger.log('warn', 'could not sweep the blob folder', { error: error.message }),
      )
    }, 1_000).unref()
  }

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.log('info', 'shutting down', { signal })
    const force = setTimeout(() => {
      logger.log('warn', 'in-flight requests did not finish in time; closing them', {
        afterMs: DRAIN_MS,
      })
      ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
    }, DRAIN_MS)
    force.unref()
    server.close(async () => {
      clearTimeout(force)
      await atelier.close()
      logger.log('info', 'stopped')
      process.exit(0)
    })
    ;(server as { closeIdleConnections?: () => void }).closeIdleConnections?.()
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}
