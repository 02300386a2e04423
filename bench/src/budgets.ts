import type { BudgetResult, Figure } from './results.ts'

/** One budget: a figure's field compared with a limit. */
interface Budget {
  text: string
  figure: string
  field: 'ratio' | 'p99' | 'value' | 'flat' | 'cpu'
  /** The figure `flat` divides by (same field `rps`), or `cpu` (server CPU per request). */
  of?: string
  at: 'least' | 'most' | 'below'
  limit: number
  unit?: string
}

/** Issue 11's budgets for the tracker read: share of hello-world's req/s, p99, CPU per read. */
const tracker = (db: string, label: string, share: number, p99: number): Budget[] => [
  ...(['1k', '100k'] as const).flatMap((size): Budget[] => [
    {
      text: `Tracker read, ${label}, ${size} projects: ≥ ${share} × hello-world req/s`,
      figure: `tracker.${db}.${size}`,
      field: 'ratio',
      at: 'least',
      limit: share,
    },
    {
      text: `Tracker read, ${label}, ${size} projects: p99 < ${p99} ms at 32 connections`,
      figure: `tracker.${db}.${size}`,
      field: 'p99',
      at: 'below',
      limit: p99,
      unit: 'ms',
    },
  ]),
  {
    text: `Tracker read, ${label}: 100k req/s ≥ 0.9 × 1k req/s (flat)`,
    figure: `tracker.${db}.100k`,
    field: 'flat',
    of: `tracker.${db}.1k`,
    at: 'least',
    limit: 0.9,
  },
]

/** Server CPU per tracker read on SQLite, at most 4 × hello-world's. */
const trackerCpu: Budget = {
  text: 'Tracker read, SQLite, 100k projects: server CPU per read ≤ 4 × hello-world’s',
  figure: 'tracker.sqlite.100k',
  field: 'cpu',
  of: 'baseline.hello',
  at: 'most',
  limit: 4,
}

const writes = (db: string, mode: string, label: string, share: number): Budget[] =>
  (['move', 'decision'] as const).map((op) => ({
    text: `${op === 'move' ? 'Stage move' : 'Sign-off decision'}, ${label}${mode ? ` ${mode}` : ''}: ≥ ${share} × raw commit rate`,
    figure: `write.${op}.${db}${mode ? `.${mode.toLowerCase()}` : ''}`,
    field: 'ratio' as const,
    at: 'least' as const,
    limit: share,
  }))

/**
 * Every budget of DESIGN.md §7 as issue 11 sets them, on each database measured (SQLite
 * `NORMAL` is measured and reported, but the write budget is on `FULL`, the default).
 */
export const budgets: readonly Budget[] = [
  ...tracker('sqlite', 'SQLite', 0.25, 10),
  trackerCpu,
  ...writes('sqlite', 'FULL', 'SQLite', 0.6),
  ...tracker('postgres', 'Postgres', 0.1, 25),
  ...writes('postgres', '', 'Postgres', 0.5),
  {
    text: '<project-tracker> script-tag bundle (Lit included) ≤ 16 KB gzip',
    figure: 'elements.gzip.project-tracker',
    field: 'value',
    at: 'most',
    limit: 16_000,
    unit: 'bytes',
  },
  {
    text: '<project-tracker> first render with 200 activity items < 50 ms (headless Chromium)',
    figure: 'elements.render.project-tracker',
    field: 'value',
    at: 'below',
    limit: 50,
    unit: 'ms',
  },
  {
    text: 'Server start to first 200 from /health with 100k projects < 500 ms',
    figure: 'startup.sqlite.100k',
    field: 'value',
    at: 'below',
    limit: 500,
    unit: 'ms',
  },
]

/**
 * Checks every budget whose figure was measured. A budget whose figure is missing (a skipped
 * scenario) is left out: it was not measured, so it neither holds nor fails.
 *
 * @example
 * const missed = evaluate(results.figures).filter((b) => !b.holds)
 */
export function evaluate(figures: readonly Figure[]): BudgetResult[] {
  const byId = new Map(figures.map((f) => [f.id, f]))
  const out: BudgetResult[] = []
  for (const b of budgets) {
    const f = byId.get(b.figure)
    if (!f) continue
    let value: number | undefined
    if (b.field === 'flat') {
      const base = byId.get(b.of!)?.rps
      value = base && f.rps !== undefined ? Math.round((f.rps / base) * 100) / 100 : undefined
    } else if (b.field === 'cpu') {
      const base = byId.get(b.of!)?.cpuUs
      value = base && f.cpuUs !== undefined ? Math.round((f.cpuUs / base) * 10) / 10 : undefined
    } else {
      value = f[b.field]
    }
    const holds =
      value !== undefined &&
      !f.failures &&
      (b.at === 'least' ? value >= b.limit : b.at === 'most' ? value <= b.limit : value < b.limit)
    const unit = b.unit ? ` ${b.unit}` : ''
    const failed = f.failures ? ` (${f.failures} requests failed)` : ''
    out.push({
      id: `${b.figure}:${b.field}`,
      text: b.text,
      measured: `${value ?? 'n/a'}${unit}${failed}`,
      holds,
    })
  }
  return out
}
