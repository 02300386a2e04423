import { bulkInsert, openPostgres } from '@atelier/sql'
import pg from 'pg'
import { issueTokens, readBatch, STUDIOS, type TrackerData } from '../dataset/tracker-data.ts'
import { secretKey, type WritesData, writesRows } from '../dataset/writes-data.ts'
import type { Figure } from '../results.ts'
import { measureReads } from './reads.ts'
import { measureWrites, rawCommits } from './writes.ts'

/** The Postgres the bench uses: `ATELIER_BENCH_DATABASE_URL`, else `ATELIER_TEST_DATABASE_URL`. */
export const postgresUrl =
  process.env.ATELIER_BENCH_DATABASE_URL ?? process.env.ATELIER_TEST_DATABASE_URL

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`drop schema if exists ${quoted(schema)} cascade`)
  } finally {
    await client.end()
  }
}

/**
 * Scenario 4: the tracker reads and the durable writes against the real Postgres server, each
 * in a schema of its own that is dropped afterwards. The 1k figure is taken after loading
 * studio 0 alone, the 100k figure after loading the other 99 studios into the same schema.
 *
 * @example
 * const figures = await measurePostgres(url, tracker, writes, console.log)
 */
export async function measurePostgres(
  url: string,
  tracker: TrackerData,
  writes: WritesData,
  log: (line: string) => void,
): Promise<{ figures: Figure[]; loadSeconds: number }> {
  const tag = `${process.pid}_${Date.now().toString(36)}`
  const figures: Figure[] = []
  let loadMs = 0
  const reads = `atelier_bench_reads_${tag}`
  try {
    const storage = await openPostgres(url, { schema: reads, max: 4 })
    let started = performance.now()
    await bulkInsert(storage, readBatch(0))
    const tokens = await issueTokens(
      storage,
      tracker.studioId,
      tracker.samples.map((s) => s.clientId),
    )
    loadMs += performance.now() - started
    const db = { kind: 'postgres' as const, url, schema: reads }
    const run = { db, samples: tracker.samples, tokens }
    const measure = (size: string) =>
      measureReads(
        [
          {
            ...run,
            id: `tracker.postgres.${size}`,
            title: `Tracker read, Postgres, ${size} projects`,
          },
        ],
        false,
      )
    figures.push(...(await measure('1k')))
    log(`  loading ${STUDIOS - 1} more studios into Postgres`)
    started = performance.now()
    let next = 1
    const loader = async () => {
      while (next < STUDIOS) await bulkInsert(storage, readBatch(next++))
    }
    await Promise.all([loader(), loader()])
    await storage.close()
    loadMs += performance.now() - started
    figures.push(...(await measure('100k')))
  } finally {
    await dropSchema(url, reads)
  }
  const writeSchema = `atelier_bench_writes_${tag}`
  try {
    const storage = await openPostgres(url, { schema: writeSchema, max: 4 })
    const started = performance.now()
    await bulkInsert(storage, writesRows())
    const key = await secretKey(storage, writes.studioId)
    await storage.close()
    loadMs += performance.now() - started
    const { rate } = await rawCommits({ kind: 'postgres', url, schema: writeSchema })
    figures.push(
      ...(await measureWrites({
        key: 'postgres',
        label: 'Postgres',
        db: { kind: 'postgres', url, schema: writeSchema },
        secretKey: key,
        moves: writes.moves,
        decisions: writes.decisions,
        raw: rate,
      })),
    )
  } finally {
    await dropSchema(url, writeSchema)
  }
  return { figures, loadSeconds: Math.round(loadMs / 100) / 10 }
}
