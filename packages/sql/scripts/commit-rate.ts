// Measures single-row write transactions per second on a SQLite file, synchronous FULL and
// NORMAL, with node:sqlite directly and through sqlStorage. A figure, not a test.
//
//   npm run commit-rate -w @atelier/sql -- [seconds per case, default 3] [folder, default tmp]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { openSqlite } from '../src/index.js'

const seconds = Number(process.argv[2] ?? 3)
const dir = mkdtempSync(join(process.argv[3] ?? tmpdir(), 'atelier-commit-rate-'))
type Mode = 'FULL' | 'NORMAL'

async function measure(run: (i: number) => unknown): Promise<number> {
  const end = performance.now() + seconds * 1000
  let n = 0
  while (performance.now() < end) await run(n++)
  return n / seconds
}

async function raw(mode: Mode): Promise<number> {
  const db = new DatabaseSync(join(dir, `raw-${mode}.db`), { timeout: 5000 })
  db.exec(`pragma journal_mode = wal; pragma synchronous = ${mode}`)
  db.exec('create table kv (key text primary key, studio_id text not null, ref_id text not null)')
  const begin = db.prepare('begin immediate')
  const insert = db.prepare('insert into kv values (?, ?, ?)')
  const commit = db.prepare('commit')
  const rate = await measure((i) => {
    begin.run()
    insert.run(`k${i}`, 'std', 'ref')
    commit.run()
  })
  db.close()
  return rate
}

async function storage(mode: Mode): Promise<number> {
  const store = await openSqlite(join(dir, `storage-${mode}.db`), { synchronous: mode })
  const rate = await measure((i) =>
    store.transaction((tx) => tx.lookups.insert({ key: `k${i}`, studioId: 'std', refId: 'ref' })),
  )
  await store.close()
  return rate
}

const rows: { case: string; synchronous: Mode; 'commits/s': number; 'µs/commit': number }[] = []
for (const mode of ['FULL', 'NORMAL'] as const) {
  for (const [name, run] of [
    ['node:sqlite direct', raw],
    ['sqlStorage (Kysely)', storage],
  ] as const) {
    const rate = await run(mode)
    rows.push({
      case: name,
      synchronous: mode,
      'commits/s': Math.round(rate),
      'µs/commit': Math.round(1e6 / rate),
    })
  }
}
console.log(`node ${process.version}, ${seconds}s per case, files in ${dir}`)
console.table(rows)
rmSync(dir, { recursive: true, force: true })
