// A worker thread that stamps studios' projects (hashing chains, signing receipts) while the
// main thread writes earlier batches, so generation uses both cores. It stamps one studio per
// message and answers with the batch.
import { serialize } from 'node:v8'
import { parentPort, workerData } from 'node:worker_threads'
import type { AuditEvent, FileVersion, Lookup, Studio } from '@atelier/core'
import { libraryOf, type StudioBatch, studioBatch } from './generate.ts'
import type { Template } from './templates.ts'

/** What a stamping worker is started with. */
export interface StampSetup {
  templates: Template[]
  studios: Studio[]
  perStudio: number
  now: number
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
parentPort!.on('message', async (index: number) => {
  const studio = setup.studios[index]!
  const batch = await studioBatch(lib, studio, index, setup.perStudio, setup.now)
  batch.rows.studios = [studio]
  sortByKey(batch)
  const bytes = serialize(batch)
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  parentPort!.postMessage({ index, buffer }, [buffer])
})
