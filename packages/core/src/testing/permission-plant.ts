import type { BlobStore } from '../blob/blob-store.js'
import { sha256Hex } from '../internal/hash.js'
import { addDays } from '../internal/runtime.js'
import type { Confidentiality } from '../project/project.js'
import type { ProjectStage } from '../project/stages.js'
import type { RevisionRound } from '../revision/revision.js'
import { recordKinds } from '../storage/record-kinds.js'
import type { Storage } from '../storage/storage-port.js'
import { fixtures } from './fixtures.js'
import type { PermissionSetup } from './permission-setup.js'
import { completeBrief } from './scenario.js'

/** What a planted project comes with. */
export interface PlantParts {
  /** A client-visible design deliverable with a version (its bytes are not stored). */
  file?: boolean
  /** Round 1, as the fixture makes it (open, one item) with these changes. */
  round?: Partial<RevisionRound>
  /** A pending `final` sign-off, expiring in 14 days. */
  signoff?: boolean
  /** @default 2 */
  includedRounds?: number
  /** @default 'standard' */
  confidentiality?: Confidentiality
}

/**
 * A function that writes a project of `clientId` in a given stage straight into storage, with
 * the parts asked for, in one transaction: the state an operation needs deep in a project's
 * life without the service calls that lead there.
 *
 * @example
 * const plant = planter(storage, studioId, clientId, () => new Date().toISOString())
 * const { project, round } = await plant('revision', { round: { status: 'awaiting_quote' } })
 */
export function planter(storage: Storage, studioId: string, clientId: string, now: () => string) {
  return async (stage: ProjectStage, parts: PlantParts = {}): Promise<Partial<PermissionSetup>> => {
    const at = now()
    const row = fixtures.project(studioId, clientId, {
      title: `Planted in ${stage}`,
      stage,
      stageHistory: [{ stage, at }],
      brief: completeBrief,
      contract: { includedRounds: parts.includedRounds ?? 2, warrantyDays: 30, currency: 'CNY' },
      confidentiality: parts.confidentiality ?? 'standard',
      createdAt: at,
      updatedAt: at,
    })
    const d = parts.file
      ? fixtures.deliverable(studioId, row.id, { kind: 'design', latestVersion: 1 })
      : undefined
    const round = parts.round && fixtures.round(studioId, row.id, 1, parts.round)
    const so = parts.signoff && fixtures.signoff(studioId, row.id, { expiresAt: addDays(at, 14) })
    await storage.transaction(async (tx) => {
      const s = tx.scoped(studioId)
      await s.projects.insert(row)
      if (d) {
        await s.deliverables.insert(d)
        await s.versions.insert(fixtures.fileVersion(studioId, row.id, d.id, 1))
      }
      if (round) await s.rounds.insert(round)
      if (so) await s.signoffs.insert(so)
    })
    const itemId = round?.items[0]?.id ?? ''
    return {
      project: { id: row.id, version: row.version },
      ...(d && { file: { deliverableId: d.id, version: 1 }, deliverableId: d.id }),
      ...(round && { round: { id: round.id, version: round.version, itemId, projectId: row.id } }),
      ...(so && { signoffId: so.id }),
    }
  }
}

/**
 * Every record of a studio and the studio row itself, read in one transaction and hashed kind
 * by kind: equal before and after a call when the call wrote nothing.
 *
 * @example
 * const before = await studioFingerprint(storage, studioId)
 */
export function studioFingerprint(
  storage: Storage,
  studioId: string,
): Promise<Record<string, string>> {
  return storage.transaction(
    async (tx) => {
      const repos = tx.scoped(studioId)
      const out: Record<string, string> = {
        studio: sha256Hex(JSON.stringify(await tx.studios.get(studioId))),
      }
      for (const kind of recordKinds) {
        const rows: unknown[] = []
        let cursor: string | undefined
        do {
          const page = await repos.records.page(kind, cursor, 1_000)
          rows.push(...page.rows)
          cursor = page.next
        } while (cursor)
        out[kind] = `${rows.length} rows, sha256 ${sha256Hex(JSON.stringify(rows))}`
      }
      return out
    },
    { readOnly: true },
  )
}

/**
 * A blob store that counts `put` calls, so a refused upload is seen to store nothing.
 *
 * @example
 * const { blobs, puts } = countingPuts(memoryBlobStore())
 */
export function countingPuts(inner: BlobStore): { blobs: BlobStore; puts: () => number } {
  let puts = 0
  const blobs: BlobStore = {
    put: (body, options) => {
      puts++
      return inner.put(body, options)
    },
    get: (key) => inner.get(key),
    ...(inner.getRange && { getRange: inner.getRange.bind(inner) }),
  }
  return { blobs, puts: () => puts }
}
