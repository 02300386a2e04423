import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { createAtelier, type Scope } from '@atelier/core'
import { type BulkRows, bulkInsert, openSqlite, type SqlStorage } from '@atelier/sql'
import { cacheDir, readManifest, removeDatabase, writeManifest } from './cache.ts'
import { libraryOf, studioBatch } from './generate.ts'
import { recordTemplates } from './templates.ts'

/** Projects in `research` to move to `proposal`, and pending proposal sign-offs to approve. */
export const TARGETS = 20_000

/** The write scenarios' data: targets for moves and decisions, one studio. */
export interface WritesData {
  file: string
  studioId: string
  /** Projects in research, with the version a move must name in If-Match. */
  moves: { id: string; version: number }[]
  /** Raw tokens of pending proposal sign-offs. */
  decisions: string[]
  generatedMs: number
}

const batchFile = () => join(cacheDir, 'batches', 'writes.bin')

/**
 * The rows of the writes database, for loading Postgres with the same targets.
 *
 * @example
 * await bulkInsert(postgres, writesRows())
 */
export function writesRows(): BulkRows {
  return deserialize(readFileSync(batchFile())) as BulkRows
}

/**
 * A secret key for the studio, created through the service (move requests need one).
 *
 * @example
 * const key = await secretKey(storage, studioId)
 */
export async function secretKey(storage: SqlStorage, studioId: string): Promise<string> {
  const scope: Scope = { studioId, actor: { kind: 'staff', id: 'bench', label: 'bench' } }
  const atelier = createAtelier({ storage })
  return (await atelier.credentials.createKey(scope, { kind: 'secret', label: 'bench' })).token
}

/**
 * The cached writes database (rebuilt after five days, before its sign-offs expire), and
 * `copy(to)` for a fresh copy per run: every move and decision happens once.
 *
 * @example
 * const data = await writesData(console.log)
 * const file = data.copy('/tmp/writes-full.db')
 */
export async function writesData(
  log: (line: string) => void,
): Promise<WritesData & { copy(to: string): string }> {
  let data = readManifest<WritesData>('writes.json')
  if (!data || Date.now() - data.createdAt > 5 * 86_400_000) data = await generate(log)
  const file = data.file
  return {
    ...data,
    copy(to) {
      removeDatabase(to)
      copyFileSync(file, to)
      return to
    },
  }
}

async function generate(log: (line: string) => void): Promise<WritesData & { createdAt: number }> {
  const started = performance.now()
  log(`generating ${TARGETS} moves and ${TARGETS} pending sign-offs`)
  const file = join(cacheDir, 'writes.db')
  removeDatabase(file)
  const { templates, studios } = await recordTemplates(1)
  const studio = studios[0]!
  const batch = await studioBatch(libraryOf(templates), studio, 0, 2 * TARGETS, Date.now(), {
    pick: (_, i) => (i % 2 === 0 ? 'research/standard' : 'proposal/standard'),
    ageDays: [0.01, 0.05],
  })
  batch.rows.studios = [studio]
  mkdirSync(join(cacheDir, 'batches'), { recursive: true })
  writeFileSync(batchFile(), serialize(batch.rows))
  const storage = await openSqlite(file, { synchronous: 'NORMAL' })
  await bulkInsert(storage, batch.rows)
  storage.database.exec('pragma wal_checkpoint(truncate)')
  await storage.close()
  const moves = batch.rows
    .projects!.filter((p) => p.stage === 'research')
    .map((p) => ({ id: p.id, version: p.version }))
  const data = {
    file,
    studioId: studio.id,
    moves,
    decisions: batch.pending.map((p) => p.token),
    generatedMs: Math.round(performance.now() - started),
  }
  writeManifest('writes.json', data)
  return { ...data, createdAt: Date.now() }
}
