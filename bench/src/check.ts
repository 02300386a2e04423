// `npm run bench:check`: compares bench/results/latest.json with the budgets of DESIGN.md §7
// and exits non-zero naming each budget missed. Budgets of scenarios that were skipped (no
// Postgres) are reported as not measured. CI does not run this.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { budgets, evaluate } from './budgets.ts'
import { benchRoot } from './harness/processes.ts'
import type { Results } from './results.ts'

const file = join(benchRoot, 'results', 'latest.json')
let results: Results
try {
  results = JSON.parse(readFileSync(file, 'utf8')) as Results
} catch {
  console.error(`no results at ${file}; run \`npm run bench\` first`)
  process.exit(2)
}
const checked = evaluate(results.figures)
const missed = checked.filter((b) => !b.holds)
console.log(`Budgets against ${file} (run of ${results.startedAt}):`)
for (const b of checked) console.log(`  ${b.holds ? 'holds ' : 'MISSED'}  ${b.text}: ${b.measured}`)
const measured = new Set(checked.map((b) => b.text))
for (const b of budgets) if (!measured.has(b.text)) console.log(`  n/a     ${b.text}: not measured`)
if (missed.length) {
  console.error(`\n${missed.length} budget(s) missed:`)
  for (const b of missed) console.error(`  - ${b.text} (measured ${b.measured})`)
  process.exit(1)
}
console.log('\nEvery measured budget holds.')
