// Measures single-row write transactions per second on a SQLite file, synchronous FULL and
// NORMAL, with node:sqlite directly and through sqlStorage. A figure, not a test. The two cases
// of a mode run in alternating half-second slices, so both see the same disk and CPU weather;
// the figure is the median slice.
//
//   npm run commit-rate -w @atelier/sql -- [seconds per case, default 5] [folder, default tmp]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { openSqlite } from '../src/index.js'

const seconds = Number(process.argv[2] ?? 5)
const dir = mkdtempSync(join(process.argv[3] ?? tmpdir(), 'atelier-commit-rate-'))
const SLICE_MS = 500
type Mode = 'FULL' | 'NORMAL'
type Case = { name: string; commit: (i: number) => unknown; close: () => unknown }

function raw(mode: Mode): Case {
  const db = new DatabaseSync(join(dir, `raw-${mode}.db`), { timeout: 5000 })
  db.exec(`pragma journal_mode = wal; pragma synchronous = ${mode}`)
  db.exec('create table kv (key text primary key, studio_id text not null, ref_id text not null)')
  const begin = db.prepare('begin immediate')
  const insert = db.prepare('insert into kv values (?, ?, ?)')
  const commit = db.prepare('commit')
  return {
    name: 'node:sqlite direct',
    commit: (i) => {
      begin.run()
      insert.run(`k${i}`, 'std', 'ref')
      commit.run()
    },
    close: () => db.close(),
  }
}

async function storage(mode: Mode): Promise<Case> {
  const store = await openSqlite(join(dir, `storage-${mode}.db`), { synchronous: mode })
  return {
    name: 'sqlStorage (Kysely)',
    commit: (i) =>
      store.transaction((tx) => tx.lookups.insert({ key: `k${i}`, studioId: 'std', refId: 'ref' })),
    close: () => store.close(),
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const rows = []
for (const mode of ['FULL', 'NORMAL'] as const) {
  const cases = [raw(mode), await storage(mode)]
  const rates = cases.map(() => [] as number[])
  let n = 0
  for (let slice = 0; slice < (seconds * 1000) / SLICE_MS; slice++) {
    for (const [c, test] of cases.entries()) {
      const start = performance.now()
      let done = 0
      while (performance.now() - start < SLICE_MS) {
        await test.commit(n++)
        done++
      }
      rates[c]!.push((done * 1000) / (performance.now() - start))
    }
  }
  for (const [c, test] of cases.entries()) {
    const rate = median(rates[c]!)
    rows.push({
      case: test.name,
      synchronous: mode,
      'commits/s (median)': Math.round(rate),
      'µs/commit': Math.round(1e6 / rate),
      'slowest..fastest slice': `${Math.round(Math.min(...rates[c]!))}..${Math.round(Math.max(...rates[c]!))}`,
    })
    await test.close()
  }
}
console.log(`node ${process.version}, ${seconds}s per case in ${SLICE_MS} ms slices, in ${dir}`)
console.table(rows)
rmSync(dir, { recursive: true, force: true })
