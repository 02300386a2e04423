import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buffer } from 'node:stream/consumers'
import {
  type AuditEvent,
  createAtelier,
  type Project,
  verifyAuditChain,
  verifyReceipt,
} from '@atelier/core'
import { type Viewer, viewProject } from '@atelier/core/rules'
import {
  type BlobStore,
  type RecordKind,
  recordKinds,
  type ScopedRepositories,
  type Storage,
  type StudioRecordKinds,
} from '@atelier/core/storage'
import { openSqlite } from '@atelier/sql'
import pg from 'pg'
import { afterAll } from 'vitest'
import { type DemoSeed, seedDemo } from '../src/demo/seed-demo.js'
import { localBlobStore } from '../src/local-blob-store.js'

/** The test Postgres, from `ATELIER_TEST_DATABASE_URL`; suites that need it skip without it. */
export const postgresUrl = process.env.ATELIER_TEST_DATABASE_URL

/** A fresh folder, removed after the file's tests. */
export async function tempDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `atelier-${label}-`))
  afterAll(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/**
 * A Postgres URL whose connections work in a schema of their own (`options=-c search_path=…`),
 * created now and dropped after the file's tests: what the CLI gets as `--db`/`--to`, isolated
 * as the sql package's tests isolate theirs.
 */
export async function postgresSchemaUrl(label: string): Promise<string> {
  const schema = `atelier_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`create schema "${schema}"`)
  afterAll(() => admin(`drop schema if exists "${schema}" cascade`))
  const url = new URL(postgresUrl!)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return url.toString()
}

const T0 = Date.now()

const archiveSystem = { kind: 'system' as const, id: 'cli', label: 'atelier CLI' }

/** The accounts `demoInstallation` makes members of its studio. */
export const archiveMembers = {
  owner: { userId: 'user_archive_owner', name: '王设计 Wang', email: 'owner@studio.example' },
  designer: { userId: 'user_archive_designer', name: '李 Li', email: 'designer@studio.example' },
}

/**
 * An installation as `atelier serve` leaves it: a SQLite file and a blob folder holding the
 * demo studio it seeds (`seedDemo`), plus a share of the confidential signage with a printer
 * the client consented to (which the printer opened), a portfolio consent on the tea tin and a
 * finished idempotency record, and members (one by invitation, one invitation pending), so
 * every viewer kind and record kind has something to show.
 */
export async function demoInstallation(dir: string): Promise<{
  db: string
  blobs: string
  seed: DemoSeed
  share: string
}> {
  const db = join(dir, 'atelier.db')
  const blobs = join(dir, 'blobs')
  const storage = await openSqlite(db)
  try {
    const store = localBlobStore(blobs)
    const seed = await seedDemo(storage, store, 'http://127.0.0.1:3030')
    const atelier = createAtelier({ storage, blobs: store })
    const staff = {
      studioId: seed.studio.id,
      actor: { kind: 'staff' as const, id: 'demo', label: '王设计 Wang' },
    }
    const tea = seed.projects.tea!.id
    // The confidential signage project, shared with its printer: outsiders see its codename,
    // and the printer's opening the share is written to the access log.
    const nda = seed.projects.nda!.id
    const [concept] = await atelier.deliverables.list(staff, nda)
    const share = await atelier.grants.createShare(staff, {
      projectId: nda,
      party: { name: '杭州印刷厂', organisation: 'Hangzhou Print' },
      email: 'print@hangzhou.example',
      files: [{ deliverableId: concept!.id, version: 1 }],
    })
    await atelier.signoffs.decide(share.consent.token, { outcome: 'approved', name: '李明' })
    await atelier.grants.openShare(share.token)
    await atelier.grants.requestPortfolioConsent(staff, { projectId: tea, scope: ['website'] })
    await atelier.requests.beginIdempotent(staff.studioId, 'sk:demo:retry-1', 'f', 86_400_000)
    await atelier.requests.completeIdempotent(staff.studioId, 'sk:demo:retry-1', {
      status: 201,
      body: { id: 'cli_demo' },
    })
    // The studio's people: an owner added from the command line, a designer who accepted an
    // invitation (which names the member it made), and an invitation still pending.
    const system = { studioId: staff.studioId, actor: archiveSystem }
    await atelier.members.add(system, { ...archiveMembers.owner, role: 'owner' })
    const invited = await atelier.members.invite(staff, {
      email: archiveMembers.designer.email,
      role: 'designer',
      name: archiveMembers.designer.name,
    })
    await atelier.members.acceptInvitation(invited.token, archiveMembers.designer)
    await atelier.members.invite(staff, { email: 'pending@studio.example', role: 'viewer' })
    return { db, blobs, seed, share: share.token }
  } finally {
    await storage.close()
  }
}

/** Every row of `kind` through the port's `records.page`. */
async function rowsOf<K extends RecordKind>(
  repos: ScopedRepositories,
  kind: K,
): Promise<StudioRecordKinds[K][]> {
  const rows: StudioRecordKinds[K][] = []
  let cursor: string | undefined
  do {
    const page = await repos.records.page(kind, cursor, 100)
    rows.push(...page.rows)
    cursor = page.next
  } while (cursor)
  return rows
}

/** A studio's every record, kind by kind, and the studio row. */
export async function recordsOf(storage: Storage, studioId: string) {
  return storage.transaction(
    async (tx) => {
      const repos = tx.scoped(studioId)
      const out: Record<string, unknown[]> = { studio: [await tx.studios.get(studioId)] }
      for (const kind of recordKinds) out[kind] = await rowsOf(repos, kind)
      return out
    },
    { readOnly: true },
  )
}

/**
 * Every projection of every project of the studio, for every viewer kind: `viewProject` over
 * the project's full snapshot for staff, its client, the signer of each sign-off, the party of
 * each share and the public; and the service's own staff and client views (built anew from the
 * store, as a request would). Keyed `project viewer [id]`.
 */
export async function projectionsOf(
  storage: Storage,
  blobs: BlobStore,
  studioId: string,
  now: Date,
): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>()
  const at = now.toISOString()
  const projects = await storage.transaction(
    async (tx) => {
      const repos = tx.scoped(studioId)
      const studio = (await tx.studios.get(studioId))!
      const list = await rowsOf(repos, 'projects')
      for (const project of list) {
        const id = project.id
        const snapshot = {
          project,
          studio: { id: studio.id, name: studio.name },
          client: await repos.clients.get(project.clientId),
          deliverables: await repos.deliverables.listByProject(id),
          versions: await repos.versions.listByProject(id),
          rounds: await repos.rounds.listByProject(id),
          signoffs: await repos.signoffs.listByProject(id),
          grants: await repos.grants.listByProject(id),
          consents: await repos.consents.listByProject(id),
          activity: await repos.audit.list(id, { order: 'desc', limit: 200 }),
          accessLog: await repos.accessLog.list(id),
        }
        const viewers: Viewer[] = [
          { kind: 'staff' },
          { kind: 'client', clientId: project.clientId },
          ...snapshot.signoffs.map((s) => ({ kind: 'signer' as const, signoffId: s.id })),
          ...snapshot.grants.map((g) => ({ kind: 'third_party' as const, grantId: g.id })),
          { kind: 'public' },
        ]
        for (const viewer of viewers) {
          const which =
            'signoffId' in viewer ? viewer.signoffId : 'grantId' in viewer ? viewer.grantId : ''
          out.set(`${id} ${viewer.kind} ${which}`.trim(), viewProject(snapshot, viewer, at))
        }
      }
      return list
    },
    { readOnly: true },
  )
  const atelier = createAtelier({ storage, blobs, clock: () => now })
  for (const project of projects as Project[]) {
    const staff = { studioId, actor: { kind: 'staff' as const, id: 'test', label: 'Test' } }
    const client = {
      studioId,
      actor: { kind: 'client' as const, id: project.clientId, label: 'Client' },
    }
    out.set(`${project.id} service:staff`, await atelier.projects.view(staff, project.id))
    out.set(`${project.id} service:client`, await atelier.projects.view(client, project.id))
  }
  return out
}

/** Whether every audit chain of the studio verifies, anchored at its receipts' heads. */
export async function chainsOf(storage: Storage, studioId: string) {
  return storage.transaction(
    async (tx) => {
      const repos = tx.scoped(studioId)
      const results: { projectId: string; valid: boolean; events: number }[] = []
      for (const project of await rowsOf(repos, 'projects')) {
        const events: AuditEvent[] = await repos.audit.list(project.id)
        const anchors = (await repos.receipts.listByProject(project.id)).map(
          (r) => r.receipt.auditHead,
        )
        const result = verifyAuditChain(events, { anchors })
        results.push({ projectId: project.id, valid: result.valid, events: events.length })
      }
      return results
    },
    { readOnly: true },
  )
}

/** Every receipt verified with the studio's published keys and the bytes the store holds. */
export async function receiptsOf(storage: Storage, blobs: BlobStore, studioId: string) {
  const atelier = createAtelier({ storage, blobs })
  const keys = await atelier.studios.publicKeys(studioId)
  const { receipts, versions } = await recordsOf(storage, studioId)
  const byHash = new Map(
    (versions as StudioRecordKinds['versions'][]).map((v) => [v.sha256, v.blobKey]),
  )
  const out: { id: string; valid: boolean; files: number }[] = []
  for (const stored of receipts as StudioRecordKinds['receipts'][]) {
    const files = await Promise.all(
      stored.receipt.files.map(async (f) => (await blobs.get(byHash.get(f.sha256)!))!),
    )
    const result = await verifyReceipt(stored.receipt, keys, files)
    out.push({
      id: stored.id,
      valid: result.valid && result.files.every((f) => f.matched),
      files: files.length,
    })
  }
  return out
}

/** The bytes of every file the studio's versions name, by sha256, hashed again. */
export async function filesOf(storage: Storage, blobs: BlobStore, studioId: string) {
  const { versions } = await recordsOf(storage, studioId)
  const out = new Map<string, { bytes: Buffer; hashesTo: string }>()
  for (const v of versions as StudioRecordKinds['versions'][]) {
    const body = await blobs.get(v.blobKey)
    if (!body) throw new Error(`no bytes for ${v.sha256}`)
    const bytes = await buffer(body as never)
    out.set(v.sha256, { bytes, hashesTo: createHash('sha256').update(bytes).digest('hex') })
  }
  return out
}

/** A clock a little after the seed, the same for both sides of a comparison. */
export const comparisonTime = () => new Date(T0 + 60_000)
