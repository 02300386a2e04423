import { type ChildProcess, spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { createServer } from 'node:net'
import { delimiter, join } from 'node:path'
import {
  CreateBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'

/** A local S3-compatible server, started for tests. */
export interface S3TestServer {
  /** `http://127.0.0.1:<port>`: give it as `endpoint` with `forcePathStyle: true`. */
  endpoint: string
  /** Credentials it accepts (any). */
  credentials: { accessKeyId: string; secretAccessKey: string }
  region: string
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>
}

/**
 * The `moto_server` command (moto's stand-alone S3, which implements multipart uploads, part
 * copies, ranges and conditional requests as S3 does): `ATELIER_TEST_MOTO_SERVER` if set, else
 * the first on `PATH`, else undefined.
 *
 * @example
 * if (!findS3TestServer()) console.warn('no moto_server: S3 tests skipped')
 */
export function findS3TestServer(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  if (env.ATELIER_TEST_MOTO_SERVER) return env.ATELIER_TEST_MOTO_SERVER
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    try {
      accessSync(join(dir, 'moto_server'), constants.X_OK)
      return join(dir, 'moto_server')
    } catch {}
  }
  return undefined
}

/**
 * What a test file does without a server: under `CI=true` it must fail (throws), elsewhere it
 * says loudly that the S3 tests are skipped and returns true.
 *
 * @example
 * const missing = s3TestServerMissing('s3 blob store')
 * describe.skipIf(missing)('s3', () => { … })
 */
export function s3TestServerMissing(what: string): boolean {
  if (findS3TestServer()) return false
  const message = `moto_server was not found (set ATELIER_TEST_MOTO_SERVER or put it on PATH; .ci/run installs it): ${what}`
  if (process.env.CI === 'true') throw new Error(`${message} cannot run in CI without it`)
  console.warn(`\n${'!'.repeat(78)}\n!! SKIPPED: ${message}\n${'!'.repeat(78)}\n`)
  return true
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/**
 * Starts `moto_server` on 127.0.0.1 and a free port, and waits (at most `timeoutMs`) until it
 * answers. Its state lives in memory and goes with it.
 *
 * @example
 * const s3 = await startS3TestServer()
 * const blobs = s3BlobStore({ bucket: 'test', client: { endpoint: s3.endpoint, forcePathStyle: true, region: s3.region, credentials: s3.credentials } })
 * // …
 * await s3.stop()
 */
export async function startS3TestServer(
  options: { timeoutMs?: number } = {},
): Promise<S3TestServer> {
  const command = findS3TestServer()
  if (!command) throw new Error('moto_server was not found; see findS3TestServer')
  const timeoutMs = options.timeoutMs ?? 30_000
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const child = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
    })
    let output = ''
    child.stdout?.on('data', (d) => {
      output += d
    })
    child.stderr?.on('data', (d) => {
      output += d
    })
    const endpoint = `http://127.0.0.1:${port}`
    const deadline = Date.now() + timeoutMs
    let up = false
    while (!up && Date.now() < deadline && child.exitCode === null) {
      up = (await fetch(`${endpoint}/moto-api/`).catch(() => undefined)) !== undefined
      if (!up) await new Promise((r) => setTimeout(r, 100))
    }
    const stop = async () => {
      child.kill('SIGTERM')
      if (!(await exited(child, 5_000))) {
        child.kill('SIGKILL')
        await exited(child, 5_000)
      }
    }
    if (up) {
      return {
        endpoint,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        region: 'us-east-1',
        stop,
      }
    }
    await stop()
    // Another process may have taken the port between the probe and moto's bind: try once more.
    if (attempt >= 2 || !/Address already in use/i.test(output)) {
      throw new Error(`moto_server did not start within ${timeoutMs} ms: ${output.slice(-2000)}`)
    }
  }
}

/** S3 client settings for a test server. */
export const testClientConfig = (server: S3TestServer) => ({
  endpoint: server.endpoint,
  forcePathStyle: true,
  region: server.region,
  credentials: server.credentials,
})

/**
 * Creates a bucket on a test server.
 *
 * @example
 * await createTestBucket(s3, 'atelier-test')
 */
export async function createTestBucket(server: S3TestServer, bucket: string): Promise<void> {
  const client = new S3Client(testClientConfig(server))
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }))
  } finally {
    client.destroy()
  }
}

/**
 * Every key under `prefix` in a test bucket, and, as `(upload) <key>`, every multipart upload
 * begun there and never completed or aborted: what a store leaves behind.
 *
 * @example
 * expect(await listTestKeys(s3, 'atelier-test', 'blobs/')).toEqual([`blobs/ab/${sha}`])
 */
export async function listTestKeys(
  server: S3TestServer,
  bucket: string,
  prefix = '',
): Promise<string[]> {
  const client = new S3Client(testClientConfig(server))
  try {
    const objects = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))
    const uploads = await client.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }),
    )
    return [
      ...(objects.Contents ?? []).map((o) => o.Key ?? ''),
      ...(uploads.Uploads ?? []).map((u) => `(upload) ${u.Key}`),
    ]
  } finally {
    client.destroy()
  }
}
