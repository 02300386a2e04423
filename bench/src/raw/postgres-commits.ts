// The raw baseline of durable writes on Postgres: single-row transactions (BEGIN, INSERT,
// COMMIT) in a loop on one connection, at the server's own durability (synchronous_commit as
// configured). Prints `{ "rate": commits per second }`.
//
//   node src/raw/postgres-commits.ts <url> <schema> 3
import pg from 'pg'

const [url, schema, secondsArg] = process.argv.slice(2)
const seconds = Number(secondsArg ?? 3)
const client = new pg.Client({ connectionString: url })
await client.connect()
const table = `"${schema!.replaceAll('"', '""')}".raw_commits`
await client.query(
  `create table if not exists ${table} (key text primary key, studio_id text not null, ref_id text not null)`,
)
const sync = (await client.query('show synchronous_commit')).rows[0].synchronous_commit
let n = 0
const start = performance.now()
while (performance.now() - start < seconds * 1000) {
  await client.query('begin')
  await client.query(`insert into ${table} values ($1, $2, $3)`, [`k${n++}`, 'std', 'ref'])
  await client.query('commit')
}
const rate = (n * 1000) / (performance.now() - start)
await client.query(`drop table ${table}`)
await client.end()
process.stdout.write(
  `${JSON.stringify({ rate: Math.round(rate), commits: n, synchronous_commit: sync })}\n`,
)
