import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AuditEvent,
  type ChainHead,
  type PublicSigningKey,
  verifyAuditChain,
  verifyReceipt,
} from '@atelier/core'
import { expect } from 'vitest'
import { type RunningServer, runCli, startServer } from './run-cli.js'
import {
  type CallOptions,
  freshDatabase,
  type Json,
  ok,
  recorder,
  type Server,
  sha256,
} from './two-servers-support.js'

/** A brief with every field the requirements gate asks for. */
export const brief = {
  goals: 'A calm, bookish identity',
  audience: 'readers',
  style: 'quiet',
  usage: ['print'],
  deliverableTypes: ['logo'],
  budget: { amount: 2_000_000, currency: 'CNY' },
  deadline: '2027-03-01',
}

/** Audit actions whose events are counted against the successful answers. */
const counted = [
  'project.created',
  'project.updated',
  'brief.updated',
  'project.moved',
  'version.uploaded',
  'signoff.created',
  'signoff.decided',
  'signoff.superseded',
  'signoff.revoked',
  'round.requested',
] as const
export type Counted = (typeof counted)[number]

/**
 * Two `atelier serve` processes started at once on a fresh Postgres database with one blob
 * folder, a studio made with the CLI, one client with an access link, and the bookkeeping the
 * races share: every answer, and per project how many events of each counted action the
 * successful answers made, and the audit heads signed into the receipts the test was given.
 */
export function twoServers(adminUrl: string) {
  const { call, answers } = recorder()
  const running: RunningServer[] = []
  const servers: Server[] = []
  const expected = new Map<string, Partial<Record<Counted, number>>>()
  const anchors = new Map<string, ChainHead[]>()
  const receipts = new Set<string>()
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined
  let dir = ''
  const w = {
    call,
    answers,
    running,
    servers,
    studioId: '',
    rootKey: '',
    clientId: '',
    clientToken: '',
    publicKeys: [] as PublicSigningKey[],
  }
  /** The server for the i-th racer: A, B, A, B, … */
  const across = (i: number) => servers[i % servers.length]!
  const tally = (projectId: string, action: Counted, n = 1) => {
    const counts = expected.get(projectId) ?? {}
    counts[action] = (counts[action] ?? 0) + n
    expected.set(projectId, counts)
  }

  async function start(): Promise<void> {
    db = await freshDatabase(adminUrl, 'two')
    dir = await mkdtemp(join(tmpdir(), 'atelier-two-'))
    // One database and one blob folder, as two replicas of one deployment would share them.
    const where = ['--db', db.url, '--blobs', join(dir, 'blobs')]
    const env = { INIT_CWD: dir }
    // Both start at once on the empty database: both migrate it, one seeds the demo.
    await Promise.all(
      [0, 1].map(async () => {
        running.push(await startServer(where, env))
      }),
    )
    servers.push(...running.map((r, i) => ({ name: 'AB'[i]!, url: r.url })))
    const cli = async (args: string[]) =>
      JSON.parse((await runCli([...args, ...where, '--json'], env)).stdout)
    w.studioId = (await cli(['studio', 'create', '--name', 'Two Processes'])).id
    w.rootKey = (await cli(['key', 'create', '--studio', w.studioId])).token
    const root = { token: w.rootKey }
    const A = servers[0]!
    w.clientId = ok(
      await call(A, 'POST', '/v1/clients', { ...root, json: { name: '李明' } }),
      201,
    ).id
    w.clientToken = ok(
      await call(A, 'POST', `/v1/clients/${w.clientId}/tokens`, {
        ...root,
        json: { kind: 'access_link' },
      }),
      201,
    ).token
    w.publicKeys = ok(await call(A, 'GET', `/v1/studios/${w.studioId}/public-keys`, root)).items
  }

  async function close(): Promise<void> {
    for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL')
    await db?.drop()
    if (dir) await rm(dir, { recursive: true, force: true })
  }

  /**
   * The studio's backend for one race, with a secret key of its own (so no race spends
   * another's rate limit). Its setup steps expect success and count their events.
   */
  async function studio(label: string) {
    const A = servers[0]!
    const token = ok(
      await call(A, 'POST', '/v1/keys', {
        token: w.rootKey,
        json: { kind: 'secret', label },
      }),
      201,
    ).token as string
    const send = (
      server: Server,
      method: string,
      path: string,
      o: Omit<CallOptions, 'token'> = {},
    ) => call(server, method, path, { token, ...o })
    const get = async (server: Server, path: string): Promise<Json> =>
      ok(await send(server, 'GET', path))
    const s = {
      token,
      send,
      get,
      /** A new project with a complete brief, in `requirements`. */
      async newProject(server: Server, title: string): Promise<{ id: string; version: number }> {
        const json = { clientId: w.clientId, title, brief }
        const project = ok(await send(server, 'POST', '/v1/projects', { json }), 201)
        tally(project.id, 'project.created')
        return project
      },
      /** Moves a project nothing else is writing to, from the version it is at now. */
      async move(server: Server, projectId: string, to: string, reason?: string): Promise<Json> {
        const { version } = await get(server, `/v1/projects/${projectId}`)
        const json = { to, ...(reason && { reason }) }
        const moved = ok(
          await send(server, 'POST', `/v1/projects/${projectId}/moves`, { json, ifMatch: version }),
        )
        tally(projectId, 'project.moved')
        return moved
      },
      async upload(server: Server, projectId: string, deliverableId: string, bytes: Uint8Array) {
        const path = `/v1/deliverables/${deliverableId}/versions?filename=file.pdf`
        const answer = await send(server, 'POST', path, { raw: { bytes, type: 'application/pdf' } })
        if (answer.status === 201) tally(projectId, 'version.uploaded')
        return answer
      },
      /** A deliverable with its first version. */
      async newDeliverable(server: Server, projectId: string, kind: string, bytes: Uint8Array) {
        const json = { kind, title: `${kind} work` }
        const made = ok(
          await send(server, 'POST', `/v1/projects/${projectId}/deliverables`, { json }),
          201,
        )
        ok(await s.upload(server, projectId, made.id, bytes), 201)
        return made.id as string
      },
      async requestSignoff(
        server: Server,
        projectId: string,
        purpose: string,
        deliverableId: string,
        version: number,
      ) {
        const json = { purpose, files: [{ deliverableId, version }] }
        const made = ok(
          await send(server, 'POST', `/v1/projects/${projectId}/signoffs`, { json }),
          201,
        )
        tally(projectId, 'signoff.created')
        return { id: made.signoff.id as string, token: made.link.split('/s/')[1] as string }
      },
      /** The stored state of one sign-off, as the studio lists it. */
      async signoff(server: Server, projectId: string, signoffId: string): Promise<Json> {
        const { items } = await get(server, `/v1/projects/${projectId}/signoffs`)
        return items.find((x: Json) => x.id === signoffId)
      },
    }
    return s
  }

  /** Checks a receipt the test was given: signed by the studio, naming exactly `bytes`. */
  async function checkReceipt(
    projectId: string,
    receipt: Json,
    bytes: Uint8Array,
    version: number,
  ) {
    const files = receipt.files.map((f: Json) => ({ version: f.version, sha256: f.sha256 }))
    expect(files).toEqual([{ version, sha256: await sha256(bytes) }])
    expect(await verifyReceipt(receipt, w.publicKeys, [bytes])).toMatchObject({
      valid: true,
      unmatched: [],
    })
    anchors.set(projectId, [...(anchors.get(projectId) ?? []), receipt.auditHead])
    receipts.add(receipt.id)
  }

  /** Every project of the studio, page by page. */
  async function listAll(token: string, path: string): Promise<Json[]> {
    const items: Json[] = []
    let cursor: string | undefined
    do {
      const query = `?limit=100${cursor ? `&cursor=${cursor}` : ''}`
      const page = ok(await call(servers[0]!, 'GET', `${path}${query}`, { token }))
      items.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return items
  }

  /**
   * Every project's audit chain verifies (core's `verifyAuditChain`, anchored at the receipts'
   * heads) and holds exactly the counted events the successful answers made; the database holds
   * exactly the receipts the test was given, one per sign-off.
   */
  async function verifyChains(): Promise<void> {
    const stored = await db!.query<{ id: string; signoff_id: string }>(
      'select id, signoff_id from receipts where studio_id = $1',
      [w.studioId],
    )
    expect(stored.map((r) => r.id).sort()).toEqual([...receipts].sort())
    expect(new Set(stored.map((r) => r.signoff_id)).size).toBe(stored.length)
    const projects = await listAll(w.rootKey, '/v1/projects')
    expect(projects.length).toBe(expected.size)
    for (const [i, project] of projects.entries()) {
      const path = `/v1/projects/${project.id}/audit`
      const events: AuditEvent[] = ok(
        await call(across(i), 'GET', path, { token: w.rootKey }),
      ).items
      const verified = verifyAuditChain(events, { anchors: anchors.get(project.id) ?? [] })
      expect({ project: project.title, verified }).toMatchObject({
        project: project.title,
        verified: { valid: true },
      })
      const counts = Object.fromEntries(
        counted.flatMap((action) => {
          const n = events.filter((e) => e.action === action).length
          return n ? [[action, n]] : []
        }),
      )
      expect({ project: project.title, counts }).toEqual({
        project: project.title,
        counts: expected.get(project.id) ?? {},
      })
    }
  }

  return Object.assign(w, {
    start,
    close,
    across,
    tally,
    studio,
    checkReceipt,
    listAll,
    verifyChains,
  })
}
