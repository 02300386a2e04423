import { expect, it } from 'vitest'
import { chainEvent } from '../audit/audit-chain.js'
import { isAtelierError } from '../errors/atelier-error.js'
import { compareRecordKeys, recordKey, recordKinds } from '../storage/record-kinds.js'
import type {
  RecordKind,
  ScopedRepositories,
  Storage,
  StudioRecordKinds,
} from '../storage/storage-port.js'
import { fixtureId, fixtures } from './fixtures.js'
import type { Seed } from './query-contract.js'

const T = '2026-11-22T08:00:00.000Z'

type Records = { [K in RecordKind]: StudioRecordKinds[K][] }

/**
 * Rows of every kind for a studio that has `clientId` and `projectId`, two of most kinds, with
 * versions past 1 and optional fields both present and absent.
 */
function everyKind(studioId: string, clientId: string, projectId: string): Records {
  const deliverable = fixtures.deliverable(studioId, projectId, { latestVersion: 2, version: 3 })
  const signoff = fixtures.signoff(studioId, projectId, { status: 'approved', version: 2 })
  const hash = (n: number) => n.toString(16).padStart(64, 'c')
  const memberId = fixtureId('mem')
  return {
    members: [
      {
        id: memberId,
        studioId,
        userId: 'user_owner_1',
        name: '王 Owner',
        email: 'owner@example.com',
        role: 'owner',
        createdAt: T,
        updatedAt: T,
        version: 2,
      },
      {
        id: fixtureId('mem'),
        studioId,
        userId: 'user_left_2',
        name: 'Left',
        email: 'left@example.com',
        role: 'viewer',
        createdAt: T,
        updatedAt: T,
        removedAt: T,
        version: 3,
      },
    ],
    invitations: [
      {
        id: fixtureId('inv'),
        studioId,
        email: 'designer@example.com',
        role: 'designer',
        name: '李 Designer',
        tokenHash: hash(5),
        hint: 'efgh',
        invitedBy: { kind: 'member', id: memberId, label: '王 Owner' },
        createdAt: T,
        expiresAt: '2026-11-29T08:00:00.000Z',
        acceptedAt: T,
        memberId,
        version: 2,
      },
      {
        id: fixtureId('inv'),
        studioId,
        email: 'viewer@example.com',
        role: 'viewer',
        tokenHash: hash(6),
        hint: 'ijkl',
        invitedBy: { kind: 'system', id: 'cli', label: 'atelier' },
        createdAt: T,
        expiresAt: '2026-11-29T08:00:00.000Z',
        version: 1,
      },
    ],
    clients: [fixtures.client(studioId, { version: 4 }), fixtures.client(studioId)],
    apiKeys: ['secret', 'publishable'].map((kind, i) => ({
      id: fixtureId('key'),
      studioId,
      kind: kind as 'secret' | 'publishable',
      ...(kind === 'secret' && { role: 'designer' as const }),
      label: `key ${i}`,
      tokenHash: hash(i + 1),
      hint: 'abcd',
      createdAt: T,
      ...(i === 1 && { revokedAt: T }),
      version: i + 1,
    })),
    clientTokens: [
      {
        id: fixtureId('ctk'),
        studioId,
        clientId,
        kind: 'access_link',
        tokenHash: hash(3),
        hint: 'wxyz',
        createdAt: T,
        expiresAt: '2027-05-21T08:00:00.000Z',
        version: 1,
      },
    ],
    projects: [fixtures.project(studioId, clientId, { stage: 'proposal', version: 9 })],
    deliverables: [deliverable],
    versions: [1, 2].map((n) => fixtures.fileVersion(studioId, projectId, deliverable.id, n)),
    rounds: [fixtures.round(studioId, projectId, 1, { version: 2 })],
    signoffs: [signoff],
    receipts: [
      {
        id: fixtureId('rct'),
        studioId,
        projectId,
        signoffId: signoff.id,
        receipt: { type: 'atelier.receipt', v: 1, id: 'rct' } as never,
        createdAt: T,
      },
    ],
    grants: [
      {
        id: fixtureId('grt'),
        studioId,
        projectId,
        party: { name: 'Printer 印刷厂' },
        email: 'print@example.com',
        files: [
          {
            deliverableId: deliverable.id,
            version: 1,
            sha256: hash(1),
            title: 'Logo',
            filename: 'logo-v1.png',
            mediaType: 'image/png',
            bytes: 1024,
          },
        ],
        expiresAt: T,
        consentSignoffId: signoff.id,
        consent: 'approved',
        nda: 'not_required',
        tokenHash: hash(4),
        createdAt: T,
        updatedAt: T,
        version: 2,
      },
    ],
    consents: [
      {
        id: fixtureId('pfc'),
        studioId,
        projectId,
        scope: ['website', 'print'],
        signoffId: signoff.id,
        status: 'granted',
        grantedAt: T,
        createdAt: T,
        updatedAt: T,
        version: 2,
      },
    ],
    audit: fixtures.auditEvents(studioId, projectId, 3),
    accessLog: [
      {
        id: fixtureId('acc'),
        studioId,
        projectId,
        at: T,
        viewer: { kind: 'client', id: clientId },
        action: 'download',
        file: { deliverableId: deliverable.id, version: 1 },
      },
    ],
    idempotency: [
      {
        key: `cred_${studioId}:k1`,
        fingerprint: 'f',
        state: 'done',
        response: { status: 201, body: { id: 'x' }, headers: { ETag: '"1"' } },
        createdAt: T,
        expiresAt: T,
      },
    ],
    lookups: [
      { key: `signoff:${signoff.tokenHash}`, studioId, refId: signoff.id },
      { key: `key:${studioId}`, studioId, refId: 'key' },
    ],
  }
}

const sorted = <K extends RecordKind>(kind: K, rows: StudioRecordKinds[K][]) =>
  [...rows].sort((a, b) => compareRecordKeys(recordKey(kind, a), recordKey(kind, b)))

/** Every row of `kind` through `records.page`, `limit` at a time. */
async function readAll<K extends RecordKind>(
  repos: ScopedRepositories,
  kind: K,
  limit: number,
): Promise<{ rows: StudioRecordKinds[K][]; pages: number }> {
  const rows: StudioRecordKinds[K][] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await repos.records.page(kind, cursor, limit)
    pages++
    rows.push(...page.rows)
    cursor = page.next
  } while (cursor !== undefined)
  return { rows, pages }
}

/**
 * The records half of the storage contract: a studio's every record read in key order, page by
 * page, and written back exactly as given (what `atelier export`, `import` and `move` rely on).
 * Run by `runStorageContract`.
 */
export function runRecordsContract(store: () => Storage, seed: Seed): void {
  const transaction: Storage['transaction'] = (fn, options) => store().transaction(fn, options)

  /** Writes `rows` into the studio through `records.insert`, parents first. */
  const insertAll = (studioId: string, rows: Records) =>
    transaction(async (tx) => {
      for (const kind of recordKinds) await tx.scoped(studioId).records.insert(kind, rows[kind])
    })

  it('writes records exactly as given and reads every kind back in key order, page by page', async () => {
    const a = await seed()
    const b = await seed()
    const rows = everyKind(a.studio.id, a.client.id, a.project.id)
    await insertAll(a.studio.id, rows)
    await insertAll(b.studio.id, everyKind(b.studio.id, b.client.id, b.project.id))
    await transaction(
      async (tx) => {
        const s = tx.scoped(a.studio.id)
        const expected: Records = {
          ...rows,
          clients: [a.client, ...rows.clients],
          projects: [a.project, ...rows.projects],
        }
        for (const kind of recordKinds) {
          const { rows: read, pages } = await readAll(s, kind, 1)
          expect(read, kind).toEqual(sorted(kind, expected[kind] as never[]))
          expect(pages, kind).toBe(read.length + 1)
        }
      },
      { readOnly: true },
    )
  })

  it('keeps ids, versions and the audit chain as written: repositories read them, the chain goes on', async () => {
    const { studio, client, project } = await seed()
    const rows = everyKind(studio.id, client.id, project.id)
    await insertAll(studio.id, rows)
    const events = rows.audit
    await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      const p = rows.projects[0]!
      expect(await s.projects.get(p.id)).toEqual(p)
      expect(await s.versions.get(rows.deliverables[0]!.id, 2)).toEqual(rows.versions[1])
      expect(await s.receipts.get(rows.receipts[0]!.id)).toEqual(rows.receipts[0])
      expect(await s.idempotency.get(rows.idempotency[0]!.key)).toEqual(rows.idempotency[0])
      expect(await tx.lookups.get(rows.lookups[0]!.key)).toEqual(rows.lookups[0])
      expect(await s.audit.list(project.id)).toEqual(events)
      expect(await s.audit.head(project.id)).toEqual({ seq: 3, hash: events[2]!.hash })
      // The stored version is the one written: a compare-and-set against it succeeds.
      expect(await s.projects.update({ ...p, title: 'next', version: 10 }, 9)).toBe(true)
      const next = chainEvent(
        { seq: 3, hash: events[2]!.hash },
        { ...events[0]!, action: 'note.added', data: { text: 'after the move' } },
      )
      await s.audit.append(next)
    })
  })

  it('pages a large kind without gaps and writes it in many statements', async () => {
    const { studio, project } = await seed()
    const events = fixtures.auditEvents(studio.id, project.id, 300)
    await transaction((tx) => tx.scoped(studio.id).records.insert('audit', events))
    const { rows, pages } = await transaction((tx) => readAll(tx.scoped(studio.id), 'audit', 100), {
      readOnly: true,
    })
    expect(rows.map((e) => e.seq)).toEqual(events.map((e) => e.seq))
    expect(rows.at(-1)).toEqual(events.at(-1))
    expect(pages).toBe(4)
  })

  it('refuses a record that exists with conflict, and the transaction writes nothing', async () => {
    const { studio, client, project } = await seed()
    const fresh = fixtures.client(studio.id)
    const error = await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      await s.records.insert('clients', [fresh])
      await s.records.insert('projects', [fixtures.project(studio.id, client.id), project])
    }).catch((e: unknown) => e)
    expect(isAtelierError(error, 'conflict')).toBe(true)
    const twice = await transaction((tx) =>
      tx
        .scoped(studio.id)
        .records.insert('audit', [
          ...fixtures.auditEvents(studio.id, project.id, 1),
          ...fixtures.auditEvents(studio.id, project.id, 1),
        ]),
    ).catch((e: unknown) => e)
    expect(isAtelierError(twice, 'conflict')).toBe(true)
    await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      expect(await s.clients.get(fresh.id)).toBeUndefined()
      expect(await s.audit.head(project.id)).toBeUndefined()
    })
  })

  it("refuses another studio's rows with forbidden", async () => {
    const a = await seed()
    const b = await seed()
    for (const [kind, row] of [
      ['clients', fixtures.client(b.studio.id)],
      ['lookups', { key: `receipt:${fixtureId('rct')}`, studioId: b.studio.id, refId: 'x' }],
    ] as const) {
      const error = await transaction((tx) =>
        tx.scoped(a.studio.id).records.insert(kind, [row as never]),
      ).catch((e: unknown) => e)
      expect(isAtelierError(error, 'forbidden'), kind).toBe(true)
    }
  })
}
