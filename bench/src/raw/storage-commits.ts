// Group commit, isolated: single-row write transactions through the storage (openSqlite,
// synchronous FULL), `concurrency` at a time, for `seconds`. With group commit they share WAL
// fsyncs; without, each commit pays its own. Prints `{ "rate": commits per second }`.
//
//   node src/raw/storage-commits.ts <group|nogroup> 3 32 /tmp/dir
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite } from '@atelier/sql'

const group = process.argv[2] !== 'nogroup'
const seconds = Number(process.argv[3] ?? 3)
const concurrency = Number(process.argv[4] ?? 32)
const dir = mkdtempSync(join(process.argv[5] ?? tmpdir(), 'atelier-group-'))
const storage = await openSqlite(join(dir, 'group.db'), { synchronous: 'FULL', groupCommit: group })
let n = 0
const start = performance.now()
const until = start + seconds * 1000
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const key = `k${n++}`
      await storage.transaction((tx) => tx.lookups.insert({ key, studioId: 'std', refId: 'ref' }))
    }
  }),
)
const rate = (n * 1000) / (performance.now() - start)
await storage.close()
rmSync(dir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify({ rate: Math.round(rate), commits: n })}\n`)
