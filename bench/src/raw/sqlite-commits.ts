// The raw baseline of durable writes: single-row write transactions in a loop, straight on
// node:sqlite, with the pragmas openSqlite sets (WAL, the given synchronous mode). The same
// approach as packages/sql/scripts/commit-rate.ts. Prints `{ "rate": commits per second }`.
//
//   node src/raw/sqlite-commits.ts FULL 3 /tmp/dir
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

const mode = process.argv[2] === 'NORMAL' ? 'NORMAL' : 'FULL'
const seconds = Number(process.argv[3] ?? 3)
const dir = mkdtempSync(join(process.argv[4] ?? tmpdir(), 'atelier-raw-'))
const db = new DatabaseSync(join(dir, 'raw.db'), { timeout: 5000 })
db.exec(`pragma journal_mode = wal; pragma synchronous = ${mode}; pragma foreign_keys = on`)
db.exec('create table kv (key text primary key, studio_id text not null, ref_id text not null)')
const begin = db.prepare('begin immediate')
const insert = db.prepare('insert into kv values (?, ?, ?)')
const commit = db.prepare('commit')
let n = 0
const start = performance.now()
while (performance.now() - start < seconds * 1000) {
  begin.run()
  insert.run(`k${n++}`, 'std', 'ref')
  commit.run()
}
const rate = (n * 1000) / (performance.now() - start)
db.close()
rmSync(dir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify({ rate: Math.round(rate), commits: n })}\n`)
