import { createHash } from 'node:crypto'
import { createServer, type Socket } from 'node:net'
import { isAtelierError } from '@atelier/core'
import { runBlobStoreContract } from '@atelier/core/testing'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type S3BlobStore, s3BlobStore } from '../src/index.js'
import {
  createTestBucket,
  listTestKeys,
  type S3TestServer,
  s3TestServerMissing,
  startS3TestServer,
  testClientConfig,
} from '../src/testing/index.js'

const MiB = 1024 * 1024
const missing = s3TestServerMissing('the S3 blob store tests')
const BUCKET = 'atelier-test'

let server: S3TestServer
let admin: S3Client
const clientConfig = () => testClientConfig(server)

beforeAll(async () => {
  if (missing) return
  server = await startS3TestServer()
  admin = new S3Client(clientConfig())
  await createTestBucket(server, BUCKET)
})
afterAll(async () => {
  admin?.destroy()
  await server?.stop()
})

let n = 0
const freshStore = (options: Partial<Parameters<typeof s3BlobStore>[0]> = {}) =>
  s3BlobStore({
    bucket: BUCKET,
    prefix: `contract/${++n}`,
    client: clientConfig(),
    partBytes: 5 * MiB,
    ...options,
  })

/** Objects under the store's prefix, and multipart uploads never completed or aborted. */
const objectsOf = (store: S3BlobStore) => listTestKeys(server, store.bucket, `${store.prefix}/`)

const sha256Hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

describe.skipIf(missing)('s3BlobStore on a local S3-compatible server', () => {
  runBlobStoreContract({
    name: 's3 (moto)',
    create: () => freshStore(),
    objects: async (store) => (await objectsOf(store)).length,
    reopen: (store) =>
      s3BlobStore({ bucket: store.bucket, prefix: store.prefix, client: clientConfig() }),
  })

  it('shows nothing under the final key while the bytes are still arriving', async () => {
    const store = freshStore()
    const bytes = new Uint8Array(6 * MiB + 3).map((_, i) => (i * 7) & 0xff)
    const final = store.keyOf(sha256Hex(bytes))
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 1) await held
        if (sent === 2) return controller.close()
        controller.enqueue(
          sent === 0 ? bytes.subarray(0, 5 * MiB + 1) : bytes.subarray(5 * MiB + 1),
        )
        sent++
      },
    })
    const putting = store.put(body)
    // Wait until the first part has reached the server as a multipart upload of a temporary key.
    for (let i = 0; i < 200 && !(await objectsOf(store)).some((k) => k.includes('/tmp/')); i++) {
      await new Promise((r) => setTimeout(r, 25))
    }
    const during = await objectsOf(store)
    expect(during).toEqual([expect.stringMatching(/^\(upload\) contract\/\d+\/tmp\//)])
    const head = await admin
      .send(new HeadObjectCommand({ Bucket: BUCKET, Key: final }))
      .catch((e: unknown) => e)
    expect((head as { name?: string }).name).toBe('NotFound')
    release()
    const blob = await putting
    expect(blob.sha256).toBe(sha256Hex(bytes))
    expect(await objectsOf(store)).toEqual([final])
  })

  it('copies the same bytes to their key once, and skips the copy when they are there', async () => {
    const sent: string[] = []
    const client = new S3Client(clientConfig())
    client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '?')
        return next(args)
      },
      { step: 'initialize' },
    )
    const store = freshStore({ client })
    const bytes = new TextEncoder().encode('the same logo, uploaded twice')
    await store.put(bytes)
    expect(sent.filter((c) => c === 'CopyObjectCommand')).toHaveLength(1)
    await store.put(bytes)
    expect(sent.filter((c) => c === 'CopyObjectCommand')).toHaveLength(1)
    expect(await objectsOf(store)).toEqual([store.keyOf(sha256Hex(bytes))])
    client.destroy()
  })

  it('copies an object larger than copyPartBytes in parts, and leaves no upload open', async () => {
    const store = freshStore({ copyPartBytes: 5 * MiB })
    const bytes = new Uint8Array(11 * MiB + 5).map((_, i) => (i * 13 + (i >> 12)) & 0xff)
    const blob = await store.put(bytes)
    const back = new Uint8Array(await new Response(await store.get(blob.key)).arrayBuffer())
    expect(sha256Hex(back)).toBe(sha256Hex(bytes))
    expect(await objectsOf(store)).toEqual([store.keyOf(blob.sha256)])
  })

  it('answers storage_unavailable (missing) for a bucket that does not exist', async () => {
    const store = s3BlobStore({ bucket: 'no-such-bucket', client: clientConfig() })
    const error = await store.put(new TextEncoder().encode('x')).catch((e: unknown) => e)
    expect(isAtelierError(error, 'storage_unavailable')).toBe(true)
    expect((error as { details: unknown }).details).toEqual({ reason: 'missing' })
    expect((error as Error).message).not.toContain('no-such-bucket')
    expect(await store.check?.()).toMatchObject({ writable: false, reason: 'missing' })
  })

  it('answers downloads from a bucket that does not exist with storage_unavailable, not a missing file', async () => {
    const store = s3BlobStore({ bucket: 'no-such-bucket', client: clientConfig() })
    const key = sha256Hex(new TextEncoder().encode('x'))
    const { getRange } = store
    if (!getRange) throw new Error('the S3 store reads ranges')
    for (const attempt of [
      () => store.get(key),
      () => getRange.call(store, key, { offset: 0, length: 1 }),
    ]) {
      const error = await attempt().then(
        (body) => body,
        (e: unknown) => e,
      )
      expect(isAtelierError(error, 'storage_unavailable')).toBe(true)
      expect((error as { details: unknown }).details).toEqual({ reason: 'missing' })
    }
  })

  it('answers storage_unavailable (unreachable) when the service does not answer', async () => {
    const store = s3BlobStore({
      bucket: BUCKET,
      client: { ...clientConfig(), endpoint: 'http://127.0.0.1:9', maxAttempts: 1 },
    })
    for (const attempt of [
      () => store.put(new TextEncoder().encode('x')),
      () => store.get(sha256Hex(new Uint8Array(1))),
    ]) {
      const error = await attempt().catch((e: unknown) => e)
      expect(isAtelierError(error, 'storage_unavailable')).toBe(true)
      expect((error as { details: unknown }).details).toEqual({ reason: 'unreachable' })
    }
    expect(await store.check?.()).toMatchObject({ writable: false, reason: 'unreachable' })
  })

  it('gives up on a service that takes the connection and never answers', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    try {
      const store = s3BlobStore({
        bucket: BUCKET,
        client: { ...clientConfig(), endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 },
        idleTimeoutMs: 200,
      })
      const error = await store.get(sha256Hex(new Uint8Array(1))).catch((e: unknown) => e)
      expect(isAtelierError(error, 'storage_unavailable')).toBe(true)
      expect((error as { details: unknown }).details).toEqual({ reason: 'unreachable' })
      expect(await store.check?.()).toMatchObject({ writable: false, reason: 'unreachable' })
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})
