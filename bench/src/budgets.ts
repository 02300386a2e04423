import type { BudgetResult, Figure } from './results.ts'

/** One budget: a figure's field compared with a limit. */
interface Budget {
  text: string
  figure: string
  field: 'ratio' | 'p99' | 'value' | 'flat'
  /** The figure `flat` divides by (same field `rps`). */
  of?: string
  at: 'least' | 'most' | 'below'
  limit: number
  unit?: string
}

const tracker = (db: string, label: string): Budget[] => [
  {
    text: `Tracker read, ${label}, 1k projects: ≥ 0.5 × hello-world req/s`,
    figure: `tracker.${db}.1k`,
    field: 'ratio',
    at: 'least',
    limit: 0.5,
  },
  {
    text: `Tracker read, ${label}, 100k projects: ≥ 0.5 × hello-world req/s`,
    figure: `tracker.${db}.100k`,
    field: 'ratio',
    at: 'least',
    limit: 0.5,
  },
  {
    text: `Tracker read, ${label}, 1k projects: p99 < 10 ms at 32 connections`,
    figure: `tracker.${db}.1k`,
    field: 'p99',
    at: 'below',
    limit: 10,
    unit: 'ms',
  },
  {
    text: `Tracker read, ${label}, 100k projects: p99 < 10 ms at 32 connections`,
    figure: `tracker.${db}.100k`,
    field: 'p99',
    at: 'below',
    limit: 10,
    unit: 'ms',
  },
  {
    text: `Tracker read, ${label}: 100k req/s ≥ 0.9 × 1k req/s (flat)`,
    figure: `tracker.${db}.100k`,
    field: 'flat',
    of: `tracker.${db}.1k`,
    at: 'least',
    limit: 0.9,
  },
]

const writes = (db: string, modes: string[], label: string): Budget[] =>
  modes.flatMap((mode) =>
    (['move', 'decision'] as const).map((op) => ({
      text: `${op === 'move' ? 'Stage move' : 'Sign-off decision'}, ${label}${mode ? ` ${mode}` : ''}: ≥ 0.7 × raw commit rate`,
      figure: `write.${op}.${db}${mode ? `.${mode.toLowerCase()}` : ''}`,
      field: 'ratio' as const,
      at: 'least' as const,
      limit: 0.7,
    })),
  )

/** Every budget of DESIGN.md §7 and issue 7, on each database measured. */
export const budgets: readonly Budget[] = [
  ...tracker('sqlite', 'SQLite'),
  ...writes('sqlite', ['FULL', 'NORMAL'], 'SQLite'),
  ...tracker('postgres', 'Postgres'),
  ...writes('postgres', [''], 'Postgres'),
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
