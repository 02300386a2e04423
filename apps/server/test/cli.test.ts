import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, startServer, waitUntil } from './run-cli.js'
import { logLines } from './two-servers-support.js'

let dir: string
let env: Record<string, string>
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-cli-'))
  env = { ATELIER_DB: join(dir, 'atelier.db'), ATELIER_BLOBS: join(dir, 'blobs'), INIT_CWD: dir }
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const oneLine = (text: string) => text.trim().split('\n').length === 1 && !/\n\s+at /.test(text)

describe('atelier CLI', () => {
  it.each([
    'serve',
    'migrate',
    'studio create',
    'member invite',
    'member list',
    'member role',
    'member remove',
    'member reset-link',
    'key create',
    'seed-demo',
    'backup',
    'export',
    'import',
    'move',
    'verify',
  ])('explains %s with --help', async (command) => {
    const result = await runCli([...command.split(' '), '--help'], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`atelier ${command}`)
    expect(result.stdout).toContain('--db')
  })

  it('lists every command with --help', async () => {
    const result = await runCli(['--help'], env)
    expect(result.code).toBe(0)
    for (const c of [
      'serve',
      'migrate',
      'studio create',
      'member invite',
      'member reset-link',
      'key create',
      'seed-demo',
      'backup',
      'export',
      'import',
      'move',
      'verify',
    ])
      expect(result.stdout).toContain(c)
  })

  it.each([
    [['serve', '--port', 'eighty'], /--port must be a whole number/],
    [['serve', '--colour'], /Unknown option '--colour'.*atelier serve --help/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['studio', 'create'], /studio create needs --name/],
    [
      ['key', 'create', '--studio', 'std_nope', '--kind', 'root'],
      /--kind must be secret or publishable/,
    ],
    [['serve', '--log-level', 'loud'], /--log-level must be one of/],
    [['export'], /export needs --studio/],
    [['move'], /move needs --to/],
    [
      ['import', '--db', 'import-refused.db'],
      /refused the archive: it is empty; nothing was imported/,
    ],
    [
      ['migrate', '--db', 'postgres://nobody@127.0.0.1:1/none'],
      /cannot open the database at postgres:\/\/nobody@127.0.0.1:1\/none/,
    ],
  ])('refuses %j with one clear line and a non-zero exit', async (args, message) => {
    const result = await runCli(args, env)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/^atelier: /)
    expect(result.stderr).toMatch(message)
    expect(oneLine(result.stderr)).toBe(true)
  })

  it('hides a Postgres password in its messages', async () => {
    const result = await runCli(['migrate', '--db', 'postgres://me:s3cret@127.0.0.1:1/db'], env)
    expect(result.stderr).toContain('postgres://me:***@127.0.0.1:1/db')
    expect(result.stderr).not.toContain('s3cret')
  })

  it('migrates, creates a studio and a key, seeds a demo and backs it up', async () => {
    const migrated = await runCli(['migrate'], env)
    expect(migrated.stdout).toMatch(/latest schema \(applied 0001/)
    expect((await runCli(['migrate'], env)).stdout).toMatch(/nothing to apply/)
    const studio = JSON.parse(
      (await runCli(['studio', 'create', '--name', 'Studio 测试', '--json'], env)).stdout,
    )
    expect(studio).toMatchObject({
      id: expect.stringMatching(/^std_/),
      name: 'Studio 测试',
      keyId: expect.stringMatching(/^ed25519:/),
    })
    const key = JSON.parse(
      (await runCli(['key', 'create', '--studio', studio.id, '--json'], env)).stdout,
    )
    expect(key.token).toMatch(/^atl_sk_[A-Za-z0-9_-]{43}$/)
    const unknown = await runCli(
      ['key', 'create', '--studio', 'std_00000000000000000000000000'],
      env,
    )
    expect(unknown.stderr).toMatch(/^atelier: studio std_0+ not found/)
    const seed = JSON.parse((await runCli(['seed-demo', '--json'], env)).stdout)
    expect(seed.demo).toBe(true)
    expect(seed.keys.secret).toMatch(/^atl_sk_/)
    expect(seed.links.signoff).toMatch(/\/s\/atl_so_/)
    expect(seed.clients[0].trackerLink).toMatch(/\/track#t=atl_ct_/)
    expect(
      Object.values(seed.projects)
        .map((p) => (p as { stage: string }).stage)
        .sort(),
    ).toEqual(['aftercare', 'confirmation', 'production', 'proposal', 'requirements', 'revision'])
    const copy = join(dir, 'backup.db')
    expect((await runCli(['backup', copy], env)).code).toBe(0)
    const db = new DatabaseSync(copy, { readOnly: true })
    expect(db.prepare('pragma integrity_check').get()).toEqual({ integrity_check: 'ok' })
    expect((db.prepare('select count(*) as n from studios').get() as { n: number }).n).toBe(2)
    db.close()
  })

  it('verifies a receipt against the files: 0 when valid, 1 when altered or another file', async () => {
    const server = await startServer([], env)
    try {
      const seed = JSON.parse(
        (await runCli(['seed-demo', '--json'], { ...env, ATELIER_PUBLIC_URL: server.url })).stdout,
      )
      const token = seed.links.signoff.split('/s/')[1]
      const view = await (
        await fetch(`${server.url}/v1/signoff`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()
      const file = view.signoff.files[0]
      const bytes = new Uint8Array(
        await (
          await fetch(`${server.url}/v1/signoff/files/${file.deliverableId}/${file.version}`, {
            headers: { Authorization: `Bearer ${token}` },
          })
        ).arrayBuffer(),
      )
      const decided = await (
        await fetch(`${server.url}/v1/signoff/decision`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ outcome: 'approved', name: '李明' }),
        })
      ).json()
      const receiptFile = join(dir, 'receipt.json')
      const approved = join(dir, file.filename)
      await writeFile(receiptFile, JSON.stringify(decided.receipt))
      await writeFile(approved, bytes)
      const ok = await runCli(['verify', receiptFile, approved], env)
      expect(ok.code).toBe(0)
      expect(ok.stdout).toMatch(/✓ signature valid .*from this server's database/)
      expect(ok.stdout).toMatch(/^VALID: receipt rct_/m)
      const other = join(dir, 'other.svg')
      await writeFile(other, 'not the approved bytes')
      const wrongFile = await runCli(['verify', receiptFile, other], env)
      expect(wrongFile.code).toBe(1)
      expect(wrongFile.stdout).toMatch(/is not in the receipt/)
      const altered = join(dir, 'altered.json')
      await writeFile(
        altered,
        JSON.stringify({
          ...decided.receipt,
          decision: { ...decided.receipt.decision, name: '王五' },
        }),
      )
      const forged = await runCli(['verify', altered, approved], env)
      expect(forged.code).toBe(1)
      expect(forged.stdout).toMatch(/✗ signature invalid/)
      const missing = await runCli(['verify', join(dir, 'nope.json')], env)
      expect(missing.stderr).toMatch(/^atelier: cannot read .*nope.json: ENOENT/)
    } finally {
      await server.stop()
    }
  })
})

describe('atelier serve', () => {
  it('exits with one clear line, rather than answer 503 for ever, when the demo seed fails', async () => {
    const fresh = { ...env, ATELIER_DB: join(dir, 'unseedable.db') }
    expect((await runCli(['migrate'], fresh)).code).toBe(0)
    // An empty database the seed cannot write to: it fails after the server started listening.
    const db = new DatabaseSync(fresh.ATELIER_DB)
    db.exec(
      "create trigger refuse_studios before insert on studios begin select raise(abort, 'studios refused by a test trigger'); end",
    )
    db.close()
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1'], fresh, dir, 30_000)
    expect(result.stdout).toMatch(/listening on http/)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^atelier: the demo studio could not be seeded, so Atelier stopped: .*studios refused by a test trigger/,
    )
    expect(oneLine(result.stderr)).toBe(true)
  })

  it('warns once at start when others may read the sign-in secret file, and serves with it', async () => {
    const own = join(dir, 'loose-secret')
    await mkdir(own)
    const file = join(own, 'auth-secret')
    await writeFile(file, `${'s'.repeat(43)}\n`)
    await chmod(file, 0o644)
    const server = await startServer([], {
      ...env,
      ATELIER_DB: join(own, 'atelier.db'),
      ATELIER_BLOBS: join(own, 'blobs'),
      ATELIER_AUTH_SECRET: '',
    })
    try {
      const warned = (line: Record<string, unknown>) =>
        String(line.message).startsWith('the sign-in secret file')
      await waitUntil(
        () => logLines(server.output()).some(warned),
        'the warning about the secret file',
        () => server.output(),
      )
      expect(server.output()).toContain(`secret in ${file}`)
      expect(logLines(server.output()).filter(warned)).toEqual([
        {
          time: expect.any(String),
          level: 'warn',
          message: `the sign-in secret file ${file} has mode 0644, so users other than its owner can get at it (and forge sessions with it); it should be 0600: chmod 600 ${file}`,
        },
      ])
    } finally {
      await server.stop()
    }
  })

  it('serves pages, bundles and the API, logs JSON lines without tokens, and stops gracefully', async () => {
    const fresh = { ...env, ATELIER_DB: join(dir, 'serve.db') }
    const server = await startServer([], fresh)
    const out = server.output()
    expect(out).toMatch(/DEMO DATA/)
    const signoff = out.match(/proposal waiting for sign-off\s+(\S+)/)![1]!
    const tracker = out.match(/access link\s+(\S+)/)![1]!
    const token = signoff.split('/s/')[1]!
    const page = await fetch(signoff)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(await page.text()).not.toContain(token)
    expect((await fetch(tracker.split('#')[0]!)).status).toBe(200)
    const bundle = await fetch(`${server.url}/elements/project-tracker.js`)
    expect(bundle.status).toBe(200)
    expect(bundle.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect((await fetch(`${server.url}/demo/`)).status).toBe(200)
    expect((await fetch(`${server.url}/demo/../../package.json`)).status).toBe(404)
    expect((await fetch(`${server.url}/openapi.json`)).status).toBe(200)
    const api = await fetch(`${server.url}/v1/signoff`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(api.status).toBe(200)
    // An upload in flight when SIGTERM arrives still finishes.
    const key = out.match(/secret key \(servers only\)\s+(\S+)/)![1]!
    const auth = { Authorization: `Bearer ${key}` }
    const projects = await (
      await fetch(`${server.url}/v1/projects?stage=production`, { headers: auth })
    ).json()
    const deliverable = await (
      await fetch(`${server.url}/v1/projects/${projects.items[0].id}/deliverables`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ kind: 'design', title: 'Slow upload' }),
      })
    ).json()
    let sent = 0
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 10) return controller.close()
        await new Promise((r) => setTimeout(r, 100))
        controller.enqueue(new Uint8Array(1024).fill(sent++))
      },
    })
    const upload = fetch(
      `${server.url}/v1/deliverables/${deliverable.id}/versions?filename=slow.bin`,
      {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/octet-stream' },
        body: slow,
        duplex: 'half',
      } as RequestInit,
    )
    await new Promise((r) => setTimeout(r, 300))
    const stopped = server.stop('SIGTERM')
    const response = await upload
    expect(response.status).toBe(201)
    expect(await stopped).toBe(0)
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
    expect(lines.length).toBeGreaterThan(5)
    for (const line of lines) {
      const entry = JSON.parse(line)
      expect(entry).toHaveProperty('level')
      expect(line).not.toMatch(/atl_(sk|pk|ct|so|sg)_[A-Za-z0-9_-]{20}/)
    }
    expect(lines.some((l) => l.includes('"path":"/s/[redacted]"'))).toBe(true)
    expect(lines.some((l) => /"requestId":"[^"]+".*"status":201/.test(l))).toBe(true)
    expect(server.output()).toMatch(/"message":"stopped"/)
    expect(existsSync(join(dir, 'serve.db'))).toBe(true)
    void readFile
  })
})
