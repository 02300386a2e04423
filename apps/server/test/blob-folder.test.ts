import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, type RunningServer, startServer } from './run-cli.js'
import { uploadTarget } from './upload-target.js'

/*
 * The local blob folder failing as disks fail, for real: `atelier serve` runs in a mount
 * namespace of its own (unshare) with its blob folder on an 8 MB tmpfs, and without the
 * capabilities that let root ignore file permissions (setpriv), so the test can fill the
 * disk, make it read-only, take permissions away and delete folders (nsenter) under it.
 */

const tools = ['unshare', 'nsenter', 'setpriv', 'mount']
const canNamespace =
  process.getuid?.() === 0 && tools.every((t) => spawnSync('which', [t]).status === 0)
if (!canNamespace) {
  const why = `the blob-folder failure tests need root and ${tools.join(', ')}`
  if (process.env.CI === 'true') throw new Error(`${why}; CI runs as root`)
  console.warn(`\n${'!'.repeat(78)}\n!! SKIPPED: ${why}\n${'!'.repeat(78)}\n`)
}

const DAY = 24 * 3600_000
const SHA = /^[0-9a-f]{64}$/

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

/** Starts `atelier serve` in its own mount namespace, blobs on a tmpfs at `mnt`. */
async function serveOnTmpfs(
  mnt: string,
  env: Record<string, string>,
): Promise<RunningServer & { pid: number }> {
  const script = `mount -t tmpfs -o size=8m tmpfs "${mnt}" && exec setpriv --bounding-set=-dac_override,-dac_read_search,-fowner "${process.execPath}" "${CLI}" serve --port 0 --host 127.0.0.1`
  const child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  child.stderr.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  const deadline = Date.now() + 30_000
  let url: string | undefined
  while (!url) {
    url = out.match(/listening on (http:\/\/\S+)/)?.[1]
    if (child.exitCode !== null) throw new Error(`atelier serve exited: ${out}`)
    if (Date.now() > deadline) throw new Error(`atelier serve did not start: ${out}`)
    if (!url) await new Promise((r) => setTimeout(r, 50))
  }
  while ((await fetch(`${url}/health`).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`atelier serve never became healthy: ${out}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    child,
    url,
    pid: child.pid!,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

describe.skipIf(!canNamespace)('the local blob folder when the disk fails', () => {
  let dir: string
  let mnt: string
  let server: RunningServer & { pid: number }
  let upload: (bytes: Uint8Array<ArrayBuffer>) => Promise<Response>
  /** Runs a shell command inside the server's mount namespace, as full root. */
  const inside = (command: string) =>
    execFileSync('nsenter', ['-t', String(server.pid), '-m', '--', 'sh', '-c', command], {
      encoding: 'utf8',
      timeout: 30_000,
    })
  const health = async () => {
    const response = await fetch(`${server.url}/health`)
    return { status: response.status, body: await response.json() }
  }
  const problemOf = async (response: Response) => ({
    status: response.status,
    ...((await response.json()) as { code: string; reason?: string }),
  })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-disk-'))
    mnt = join(dir, 'mnt')
    await mkdir(mnt)
    server = await serveOnTmpfs(mnt, {
      ATELIER_DB: join(dir, 'atelier.db'),
      ATELIER_BLOBS: join(mnt, 'blobs'),
      INIT_CWD: dir,
    })
    const { secret, deliverableId } = await uploadTarget(server)
    let n = 0
    upload = (bytes) =>
      fetch(`${server.url}/v1/deliverables/${deliverableId}/versions?filename=f${++n}.bin`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/octet-stream' },
        body: bytes,
      })
  })
  afterAll(async () => {
    await server?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const bytes = (label: string) => new TextEncoder().encode(`${label} ${'x'.repeat(50_000)}`)

  it('answers 507 storage_unavailable (no_space) on a full disk, keeps no partial file, and /health says so', async () => {
    inside(`dd if=/dev/zero of="${mnt}/filler" bs=1M 2>/dev/null || true`)
    expect(await health()).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'ok', blobs: 'no_space' },
    })
    expect(await problemOf(await upload(bytes('full')))).toMatchObject({
      status: 507,
      code: 'storage_unavailable',
      reason: 'no_space',
    })
    expect(inside(`ls -A "${mnt}/blobs/tmp"`)).toBe('')
    inside(`rm "${mnt}/filler"`)
    expect((await health()).status).toBe(200)
    expect((await upload(bytes('space again'))).status).toBe(201)
  })

  it('answers 503 storage_unavailable (read_only) on a read-only disk, and /health says so', async () => {
    inside(`mount -o remount,ro "${mnt}"`)
    try {
      expect((await health()).body).toMatchObject({ status: 'unavailable', blobs: 'read_only' })
      expect(await problemOf(await upload(bytes('read-only')))).toMatchObject({
        status: 503,
        code: 'storage_unavailable',
        reason: 'read_only',
      })
    } finally {
      inside(`mount -o remount,rw "${mnt}"`)
    }
    expect((await health()).status).toBe(200)
  })

  it('answers 503 storage_unavailable (no_permission) when the folder may not be written', async () => {
    inside(`chown -R 65534:65534 "${mnt}/blobs"`)
    try {
      expect((await health()).body).toMatchObject({ blobs: 'no_permission' })
      expect(await problemOf(await upload(bytes('forbidden')))).toMatchObject({
        status: 503,
        code: 'storage_unavailable',
        reason: 'no_permission',
      })
    } finally {
      inside(`chown -R 0:0 "${mnt}/blobs"`)
    }
  })

  it('makes the folder and its tmp again when they disappear', async () => {
    inside(`rm -rf "${mnt}/blobs/tmp"`)
    expect((await upload(bytes('after tmp went'))).status).toBe(201)
    inside(`rm -rf "${mnt}/blobs"`)
    const response = await upload(bytes('after the folder went'))
    expect(response.status).toBe(201)
    const { sha256 } = (await response.json()) as { sha256: string }
    expect(inside(`ls "${mnt}/blobs/${sha256.slice(0, 2)}"`).trim()).toBe(sha256)
  })

  it('answers 503 storage_unavailable when the missing folder cannot be made again', async () => {
    inside(`rm -rf "${mnt}/blobs" && chown 65534:65534 "${mnt}" && chmod 755 "${mnt}"`)
    try {
      expect((await health()).status).toBe(503)
      expect(await problemOf(await upload(bytes('nowhere')))).toMatchObject({
        status: 503,
        code: 'storage_unavailable',
        reason: 'no_permission',
      })
    } finally {
      inside(`chown 0:0 "${mnt}"`)
    }
    expect((await health()).status).toBe(200)
  })
})

describe('the local blob folder at start', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atelier-sweep-cli-'))
  })
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('loses stale partial uploads and unreferenced blobs, never a blob a version names', async () => {
    const env = { ATELIER_DB: join(dir, 'atelier.db'), ATELIER_BLOBS: join(dir, 'blobs') }
    const first = await startServer([], env)
    await first.stop()
    const blobs = join(dir, 'blobs')
    const named = (await filesIn(blobs)).filter((f) => SHA.test(f.split('/').at(-1) ?? ''))
    expect(named.length).toBeGreaterThan(3)
    const orphan = join(blobs, 'ee', 'e'.repeat(64))
    await mkdir(join(blobs, 'ee'), { recursive: true })
    await writeFile(orphan, 'bytes whose version was never recorded')
    await writeFile(join(blobs, 'tmp', 'crashed-upload'), 'half a file')
    const old = new Date(Date.now() - 2 * DAY)
    for (const file of [...named, orphan, join(blobs, 'tmp', 'crashed-upload')]) {
      await utimes(file, old, old)
    }

    const second = await startServer([], env)
    try {
      const deadline = Date.now() + 30_000
      while (!second.output().includes('swept the blob folder') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(second.output()).toMatch(/"partials":1,"blobs":1,.*"swept the blob folder"/)
      expect((await filesIn(blobs)).sort()).toEqual(
        [...named, join(blobs, 'atelier-blobs.json')].sort(),
      )
    } finally {
      await second.stop()
    }
  })
})
