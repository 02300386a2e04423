import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { createAtelier, type Scope } from '@atelier/core'
import { type BulkRows, bulkInsert, openSqlite, type SqlStorage } from '@atelier/sql'
import { cacheDir, readManifest, removeDatabase, writeManifest } from './cache.ts'
import { type Counts, libraryOf, type StudioBatch } from './generate.ts'
import { seeded } from './random.ts'
import { stamp } from './stamp.ts'
import { stampStudios } from './stamp-pool.ts'
import { recordTemplates } from './templates.ts'

/** Studios of 1,000 projects: the 1k database is studio 0 alone, the 100k one has 100. */
export const PER_STUDIO = 1_000
export const STUDIOS = 100
/** Projects of studio 0 whose tracker the read scenarios cycle through. */
const SAMPLES = 64

/** A project the read scenarios fetch, and its client. */
export interface Sample {
  projectId: string
  clientId: string
  stage: string
}

/** The cached tracker data: two SQLite files, and per-studio batches for loading Postgres. */
export interface TrackerData {
  studioId: string
  samples: Sample[]
  /** The project with 200+ client-visible activity items, in the 1k database only. */
  elements: Sample
  small: { file: string; projects: number; tokens: string[]; elementsToken: string }
  large: { file: string; projects: number; tokens: string[] }
  counts: Counts
  generatedMs: number
}

const batchFile = (index: number | 'elements') => join(cacheDir, 'batches', `${index}.bin`)

/**
 * Rows of a cached batch (`0..STUDIOS-1`, or the elements project), for loading another
 * database with exactly the same data.
 *
 * @example
 * await bulkInsert(postgres, readBatch(0))
 */
export function readBatch(index: number | 'elements'): BulkRows {
  const data = deserialize(readFileSync(batchFile(index))) as StudioBatch | BulkRows
  return 'rows' in data ? (data.rows as BulkRows) : (data as BulkRows)
}

/**
 * Issues an access-link client token through the service for each client, as a studio would.
 *
 * @example
 * const tokens = await issueTokens(storage, studioId, ['cli_…'])
 */
export async function issueTokens(
  storage: SqlStorage,
  studioId: string,
  clientIds: string[],
): Promise<string[]> {
  const atelier = createAtelier({ storage })
  const scope: Scope = { studioId, actor: { kind: 'staff', id: 'bench', label: 'bench' } }
  const tokens: string[] = []
  for (const clientId of clientIds) {
    const issued = await atelier.credentials.issueClientToken(scope, {
      clientId,
      kind: 'access_link',
      ttlSeconds: 365 * 86_400,
    })
    tokens.push(issued.token)
  }
  return tokens
}

/**
 * The tracker databases, generated on the first run (and when `DATA_VERSION` changes or the
 * tokens near expiry) and reused after. Generation stamps on two worker threads while the main
 * thread writes through `bulkInsert`.
 *
 * @example
 * const data = await trackerData((line) => console.log(line))
 */
export async function trackerData(log: (line: string) => void): Promise<TrackerData> {
  const cached = readManifest<TrackerData>('tracker.json')
  if (cached && Date.now() - cached.createdAt < 200 * 86_400_000) return cached
  const started = performance.now()
  log(`generating ${STUDIOS * PER_STUDIO} projects into ${cacheDir} (reused by later runs)`)
  const small = join(cacheDir, 'tracker-1k.db')
  const large = join(cacheDir, 'tracker-100k.db')
  removeDatabase(small)
  removeDatabase(large)
  rmSync(join(cacheDir, 'batches'), { recursive: true, force: true })
  mkdirSync(join(cacheDir, 'batches'), { recursive: true })
  const { templates, studios } = await recordTemplates(STUDIOS)
  const now = Date.now()
  // Created and migrated here, before the workers write into them side by side.
  for (const file of [small, large]) await (await openSqlite(file)).close()
  const counts: Counts = {}
  let first: StudioBatch | undefined
  const setup = {
    templates,
    studios,
    perStudio: PER_STUDIO,
    now,
    files: { small, large },
    batches: join(cacheDir, 'batches'),
  }
  await stampStudios(setup, STUDIOS, 2, (done) => {
    first ??= done.batch
    for (const [table, n] of Object.entries(done.counts)) counts[table] = (counts[table] ?? 0) + n
    if (done.index % 10 === 9) log(`  studio ${done.index + 1} of ${STUDIOS}`)
  })
  const stores = {
    small: await openSqlite(small, { synchronous: 'NORMAL' }),
    large: await openSqlite(large, { synchronous: 'NORMAL' }),
  }
  const studioId = studios[0]!.id
  const eligible = first!.projects.filter((p) => p.confidentiality !== 'strict')
  const step = Math.floor(eligible.length / SAMPLES)
  const samples = eligible
    .filter((_, i) => i % step === 0)
    .slice(0, SAMPLES)
    .map(({ id, clientId, stage }) => ({ projectId: id, clientId, stage }))
  const elements = await elementsProject(templates, studios[0]!, samples[0]!.clientId, now)
  writeFileSync(batchFile('elements'), serialize(elements.rows))
  await bulkInsert(stores.small, elements.rows)
  const clientIds = samples.map((s) => s.clientId)
  const data: TrackerData = {
    studioId,
    samples,
    elements: elements.sample,
    small: {
      file: small,
      projects: PER_STUDIO + 1,
      tokens: await issueTokens(stores.small, studioId, clientIds),
      elementsToken: (await issueTokens(stores.small, studioId, [elements.sample.clientId]))[0]!,
    },
    large: {
      file: large,
      projects: STUDIOS * PER_STUDIO,
      tokens: await issueTokens(stores.large, studioId, clientIds),
    },
    counts,
    generatedMs: Math.round(performance.now() - started),
  }
  for (const store of Object.values(stores)) {
    store.database.exec('pragma wal_checkpoint(truncate)')
    await store.close()
  }
  writeManifest('tracker.json', data)
  log(`  generated in ${(data.generatedMs / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`)
  return data
}

/** A project in aftercare with 230 more client-visible notes: the tracker shows 200. */
async function elementsProject(
  templates: Awaited<ReturnType<typeof recordTemplates>>['templates'],
  studio: Awaited<ReturnType<typeof recordTemplates>>['studios'][number],
  clientId: string,
  now: number,
) {
  const lib = libraryOf(templates)
  const compiled = lib.compiled.get('aftercare/standard')!
  const t = compiled.template
  const stamped = await stamp(compiled, {
    studio,
    clientId,
    start: now - 260 * 86_400_000 - (t.end - t.start),
    rng: seeded(99),
    extraNotes: 230,
    notes: lib.notes.filter((n) => n.visibility === 'client'),
  })
  const project = stamped.rows.projects![0]!
  return {
    rows: stamped.rows,
    sample: { projectId: project.id, clientId, stage: project.stage },
  }
}
