// A worker thread that stamps studios' projects (hashing chains, signing receipts) and writes
// them with bulkInsert into the databases, beside another worker doing the same: both cores
// stamp and encode, and SQLite takes their writes in turn. One studio per message; it answers
// with what it wrote (and studio 0's whole batch, which the benchmarks sample).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { serialize } from 'node:v8'
import { parentPort, workerData } from 'node:worker_threads'
import type { AuditEvent, FileVersion, Studio } from '@atelier/core'
import type { Lookup } from '@atelier/core/storage'
import { bulkInsert, openSqlite } from '@atelier/sql'
import { libraryOf, type StudioBatch, studioBatch } from './generate.ts'
import type { Template } from './templates.ts'

/** What a stamping worker is started with. */
export interface StampSetup {
  templates: Template[]
  studios: Studio[]
  perStudio: number
  now: number
  /** The 100k database (every studio) and the 1k one (studio 0). */
  files: { large: string; small: string }
  /** Where each studio's rows are kept for loading Postgres: `<dir>/<index>.bin`. */
  batches: string
}

/** What a worker answers for one studio. */
export interface StampDone {
  index: number
  counts: Record<string, number>
  /** Studio 0's batch. */
  batch?: StudioBatch
}

/** Rows in key order, so each studio's rows append to the B-trees rather than scatter. */
function sortByKey(batch: StudioBatch): void {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  for (const [table, rows] of Object.entries(batch.rows)) {
    if (!rows?.length) continue
    if (table === 'audit') {
      ;(rows as AuditEvent[]).sort((a, b) =>
        a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : a.seq - b.seq,
      )
    } else if (table === 'versions') {
      ;(rows as FileVersion[]).sort((a, b) =>
        a.deliverableId < b.deliverableId ? -1 : a.deliverableId > b.deliverableId ? 1 : a.n - b.n,
      )
    } else if (table === 'lookups') {
      ;(rows as Lookup[]).sort((a, b) => (a.key < b.key ? -1 : 1))
    } else if ('id' in (rows[0] as object)) {
      ;(rows as { id: string }[]).sort(byId)
    }
  }
}

const setup = workerData as StampSetup
const lib = libraryOf(setup.templates)
const open = (file: string) => openSqlite(file, { synchronous: 'NORMAL', busyTimeoutMs: 120_000 })
const large = await open(setup.files.large)
parentPort!.on('message', async (index: number) => {
  const studio = setup.studios[index]!
  const batch = await studioBatch(lib, studio, index, setup.perStudio, setup.now)
  batch.rows.studios = [studio]
  sortByKey(batch)
  writeFileSync(join(setup.batches, `${index}.bin`), serialize(batch.rows))
  await bulkInsert(large, batch.rows)
  if (index === 0) {
    const small = await open(setup.files.small)
    await bulkInsert(small, batch.rows)
    await small.close()
  }
  const counts = Object.fromEntries(
    Object.entries(batch.rows).map(([table, rows]) => [table, (rows as unknown[]).length]),
  )
  const done: StampDone = { index, counts, ...(index === 0 && { batch }) }
  parentPort!.postMessage(done)
})
