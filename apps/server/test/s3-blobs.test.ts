import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createTestBucket,
  listTestKeys,
  type S3TestServer,
  s3TestServerMissing,
  startS3TestServer,
} from '@atelier/s3/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, runCli, startServer } from './run-cli.js'
import { uploadTarget } from './upload-target.js'

const missing = s3TestServerMissing('atelier serve --blobs s3://…')
const BUCKET = 'atelier-cli'
const sha256Hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

describe.skipIf(missing)('atelier serve --blobs s3://bucket/prefix', () => {
  let s3: S3TestServer
  let dir: string
  let env: Record<string, string>
  let server: RunningServer
  beforeAll(async () => {
    s3 = await startS3TestServer()
    await createTestBucket(s3, BUCKET)
    dir = await mkdtemp(join(tmpdir(), 'atelier-cli-s3-'))
    env = {
      ATELIER_DB: join(dir, 'atelier.db'),
      INIT_CWD: dir,
      AWS_ENDPOINT_URL: s3.endpoint,
      AWS_REGION: s3.region,
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      ATELIER_S3_PATH_STYLE: 'true',
    }
    server = await startServer(['--blobs', `s3://${BUCKET}/studio/files`], env)
  })
  afterAll(async () => {
    await server?.stop()
    await s3?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('keeps uploads in the bucket and serves them back, whole and by range', async () => {
    expect(server.output()).toContain(
      `files      s3://${BUCKET}/studio/files at ${s3.endpoint} (path-style)`,
    )
    const { secret, deliverableId } = await uploadTarget(server)
    const bytes = new Uint8Array(6 * 1024 * 1024 + 11).map((_, i) => (i * 31 + (i >> 9)) & 0xff)
    const sha256 = sha256Hex(bytes)
    const auth = { Authorization: `Bearer ${secret}` }
    const uploaded = await fetch(
      `${server.url}/v1/deliverables/${deliverableId}/versions?filename=poster.tif`,
      { method: 'POST', headers: { ...auth, 'Content-Type': 'image/tiff' }, body: bytes },
    )
    expect(uploaded.status).toBe(201)
    expect(await uploaded.json()).toMatchObject({ sha256, bytes: bytes.byteLength })

    const keys = await listTestKeys(s3, BUCKET, 'studio/files/')
    expect(keys).toContain(`studio/files/${sha256.slice(0, 2)}/${sha256}`)
    expect(keys.filter((k) => k.includes('/tmp/') || k.startsWith('(upload)'))).toEqual([])

    const file = `${server.url}/v1/deliverables/${deliverableId}/versions/1/file`
    const whole = await fetch(file, { headers: auth })
    expect(whole.status).toBe(200)
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    expect(sha256Hex(new Uint8Array(await whole.arrayBuffer()))).toBe(sha256)

    const part = await fetch(file, { headers: { ...auth, Range: 'bytes=5242870-5242899' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 5242870-5242899/${bytes.byteLength}`)
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(5242870, 5242900))

    const health = await fetch(`${server.url}/health`)
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', blobs: 'writable' })
  })

  it('refuses to start when the bucket does not exist, in one line', async () => {
    const result = await runCli(['serve', '--port', '0', '--blobs', 's3://no-such-bucket/x'], {
      ...env,
      ATELIER_DB: join(dir, 'other.db'),
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^atelier: cannot store files at s3:\/\/no-such-bucket\/x at http:\/\/127\.0\.0\.1:\d+ \(path-style\): the bucket does not exist\n$/,
    )
  })
})
