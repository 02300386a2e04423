// `npm run bench`: every scenario of issue 7 in one run, each next to its baseline measured in
// the same run; writes bench/results/latest.json and prints a markdown table. Figures only:
// nothing here fails on a budget (that is `npm run bench:check`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '@atelier/sql'
import { evaluate } from './budgets.ts'
import { trackerData } from './dataset/tracker-data.ts'
import { secretKey, writesData } from './dataset/writes-data.ts'
import { benchRoot, pinning } from './harness/processes.ts'
import { type Figure, markdown, type Results, withRatios } from './results.ts'
import { measureElements } from './scenarios/elements.ts'
import { measurePostgres, postgresUrl } from './scenarios/postgres.ts'
import { measureReads } from './scenarios/reads.ts'
import { measureStartup } from './scenarios/startup.ts'
import { groupCommitFigures, measureWrites, rawCommits } from './scenarios/writes.ts'

const started = performance.now()
const log = (line: string) =>
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}\n`)
const figures: Figure[] = []
const skipped: string[] = []

const tracker = await trackerData(log)
const writes = await writesData(log)
const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100)

log('1. baseline and 2. tracker reads on SQLite, in alternating slices (7. memory on 100k)')
figures.push(
  ...(await measureReads(
    (['1k', '100k'] as const).map((size) => {
      const db = size === '1k' ? tracker.small : tracker.large
      return {
        id: `tracker.sqlite.${size}`,
        title: `Tracker read, SQLite, ${size} projects`,
        db: { kind: 'sqlite' as const, file: db.file, synchronous: 'FULL' as const },
        samples: tracker.samples,
        tokens: db.tokens,
        memory: size === '100k',
      }
    }),
  )),
)

log('3. durable writes on SQLite, FULL and NORMAL')
const scratch = mkdtempSync(join(tmpdir(), 'atelier-bench-'))
try {
  for (const mode of ['FULL', 'NORMAL'] as const) {
    const { rate } = await rawCommits({ kind: 'sqlite', mode, dir: scratch })
    const file = writes.copy(join(scratch, `writes-${mode}.db`))
    const storage = await openSqlite(file, { synchronous: mode })
    const key = await secretKey(storage, writes.studioId)
    await storage.close()
    figures.push(
      ...(await measureWrites({
        key: `sqlite.${mode.toLowerCase()}`,
        label: `SQLite synchronous=${mode}`,
        db: { kind: 'sqlite', file, synchronous: mode },
        secretKey: key,
        moves: writes.moves,
        decisions: writes.decisions,
        raw: rate,
      })),
    )
    if (mode === 'FULL') figures.push(...(await groupCommitFigures(scratch)))
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

let postgresLoad: number | undefined
if (postgresUrl) {
  log('4. Postgres: tracker reads and durable writes (loading data into a schema of its own)')
  const pg = await measurePostgres(postgresUrl, tracker, writes, log)
  figures.push(...pg.figures)
  postgresLoad = pg.loadSeconds
} else {
  skipped.push(
    '4. Postgres: set ATELIER_BENCH_DATABASE_URL (or ATELIER_TEST_DATABASE_URL) to run it',
  )
  log(`skipped: ${skipped.at(-1)}`)
}

log('5. start-up of atelier serve on the 100k database')
figures.push(await measureStartup(tracker.large.file))

log('6. elements: bundle sizes and first render')
const elements = await measureElements(log)
if (elements.figures.length) figures.push(...elements.figures)
else skipped.push(`6. elements: ${elements.skipped}`)

const withBaselines = withRatios(figures)
const flat = (db: string) => {
  const small = withBaselines.find((f) => f.id === `tracker.${db}.1k`)?.rps
  const large = withBaselines.find((f) => f.id === `tracker.${db}.100k`)
  if (small && large?.rps) large.note = `${(large.rps / small).toFixed(2)} × the 1k req/s`
}
flat('sqlite')
flat('postgres')
const results: Results = {
  version: 1,
  startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
  seconds: Math.round((performance.now() - started) / 1000),
  machine: {
    cpus: availableParallelism(),
    model: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load: loadBefore,
  },
  pinning,
  data: {
    tracker: {
      counts: tracker.counts,
      generatedMs: tracker.generatedMs,
      samples: tracker.samples.length,
    },
    writes: { moves: writes.moves.length, decisions: writes.decisions.length },
    ...(postgresLoad !== undefined && { postgresLoadSeconds: postgresLoad }),
  },
  figures: withBaselines,
  budgets: evaluate(withBaselines),
  skipped,
}
mkdirSync(join(benchRoot, 'results'), { recursive: true })
writeFileSync(join(benchRoot, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
process.stdout.write(`${markdown(results)}\n`)
