import type { AuditEvent, Client, ProjectStage, Studio } from '@atelier/core'
import { type BulkRows, bulkInsert, type SqlStorage } from '@atelier/sql'
import { idAt, type Rng, seeded } from './random.ts'
import { type Compiled, compile, type Stamped, stamp } from './stamp.ts'
import { confidentialityMix, stageMix, type Template } from './templates.ts'

const DAY = 86_400_000

/** How long ago a project at this stage last changed, in days: [min, max). */
const ageByStage: Partial<Record<ProjectStage, [number, number]>> = {
  delivery: [2, 30],
  aftercare: [5, 60],
  closed: [60, 700],
  cancelled: [30, 700],
}

/** Templates ready to stamp, by stage and confidentiality, with the note pool. */
export interface Library {
  compiled: Map<string, Compiled>
  notes: Pick<AuditEvent, 'actor' | 'action' | 'data' | 'visibility'>[]
  clients: Record<string, unknown>[]
}

/**
 * Compiles recorded templates for stamping.
 *
 * @example
 * const library = libraryOf(templates)
 */
export function libraryOf(templates: Template[]): Library {
  const compiled = new Map(templates.map((t) => [`${t.stage}/${t.confidentiality}`, compile(t)]))
  const notes = templates
    .flatMap((t) => t.events)
    .filter((e) => e.action === 'note.added')
    .map(({ actor, action, data, visibility }) => ({ actor, action, data, visibility }))
  return { compiled, notes, clients: templates.map((t) => t.client) }
}

/** What one studio's projects look like once stamped. */
export interface StudioBatch {
  rows: BulkRows
  projects: { id: string; clientId: string; stage: ProjectStage; confidentiality: string }[]
  pending: Stamped['pending']
}

const add = (into: BulkRows, rows: BulkRows) => {
  const target = into as Record<string, unknown[]>
  for (const [table, list] of Object.entries(rows)) {
    if (!list?.length) continue
    target[table] ??= []
    for (const row of list as unknown[]) target[table]!.push(row)
  }
}

function clientsFor(studio: Studio, count: number, start: number, lib: Library, rng: Rng) {
  const clients: Client[] = []
  for (let i = 0; i < count; i++) {
    const at = start + i * 60_000
    const base = rng.pick(lib.clients) as unknown as Client
    clients.push({
      ...base,
      id: idAt('cli', at, rng),
      studioId: studio.id,
      name: `${base.name} ${i + 1}`,
      createdAt: new Date(at).toISOString(),
      updatedAt: new Date(at).toISOString(),
    })
  }
  return clients
}

/** How {@link studioBatch} chooses templates and ages. */
export interface BatchOptions {
  /** The template key (`stage/confidentiality`) of project `i`; default: the mixes. */
  pick?: (rng: Rng, i: number) => string
  /** How long ago each project last changed, in days; default: by stage. */
  ageDays?: [number, number]
}

/**
 * Stamps `projects` projects for one studio, seeded by its index: the same index gives the
 * same projects in any database.
 *
 * @example
 * const batch = await studioBatch(lib, studio, 0, 1_000, Date.now())
 */
export async function studioBatch(
  lib: Library,
  studio: Studio,
  index: number,
  projects: number,
  now: number,
  options: BatchOptions = {},
): Promise<StudioBatch> {
  const rng = seeded(1_000 + index)
  const clients = clientsFor(studio, Math.ceil(projects / 3), now - 900 * DAY, lib, rng)
  const batch: StudioBatch = { rows: { clients }, projects: [], pending: [] }
  const chosen = options.pick ?? defaultPick
  for (let i = 0; i < projects; i++) {
    const compiled = lib.compiled.get(chosen(rng, i))!
    const t = compiled.template
    const [min, max] = options.ageDays ?? ageByStage[t.stage] ?? [0, 14]
    const lastChange = now - (min + rng.next() * (max - min)) * DAY
    const clientId = clients[Math.floor(i / 3)]!.id
    const stamped = await stamp(compiled, {
      studio,
      clientId,
      start: Math.round(lastChange - (t.end - t.start)),
      rng,
      extraNotes: 0,
      notes: lib.notes,
    })
    add(batch.rows, stamped.rows)
    batch.pending.push(...stamped.pending)
    const project = stamped.rows.projects![0]!
    batch.projects.push({
      id: project.id,
      clientId,
      stage: project.stage,
      confidentiality: project.confidentiality,
    })
  }
  return batch
}

function defaultPick(rng: Rng): string {
  const stage = stageMix[rng.weighted(stageMix.map(([, w]) => w))]![0]
  const level = confidentialityMix[rng.weighted(confidentialityMix.map(([, w]) => w))]![0]
  return `${stage}/${level}`
}

/** Rows written, by table, summed over studios. */
export type Counts = Record<string, number>

/**
 * Writes the studios and `perStudio` projects in each through `bulkInsert`, one transaction
 * per studio, and returns what was written plus studio 0's batch (the benchmarks sample it).
 *
 * @example
 * const { counts } = await loadStudios(storage, lib, studios.slice(0, 1), 1_000, Date.now())
 */
export async function loadStudios(
  storage: SqlStorage,
  lib: Library,
  studios: Studio[],
  perStudio: number,
  now: number,
): Promise<{ counts: Counts; first: StudioBatch }> {
  const counts: Counts = {}
  let first: StudioBatch | undefined
  for (const [index, studio] of studios.entries()) {
    const batch = await studioBatch(lib, studio, index, perStudio, now)
    batch.rows.studios = [studio]
    await bulkInsert(storage, batch.rows)
    for (const [table, list] of Object.entries(batch.rows)) {
      counts[table] = (counts[table] ?? 0) + (list as unknown[]).length
    }
    first ??= batch
  }
  return { counts, first: first! }
}
