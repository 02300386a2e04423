/** One measured row of the report. */
export interface Figure {
  /** Stable id, e.g. `tracker.sqlite.100k`; budgets refer to figures by id. */
  id: string
  /** What was measured, for the table. */
  title: string
  /** Requests (or commits) per second. */
  rps?: number
  /** Latency percentiles in milliseconds. */
  p50?: number
  p99?: number
  /** Id of the figure this one is compared with, measured in the same run. */
  baseline?: string
  /** `rps / baseline.rps` (or `value / baseline.value`). */
  ratio?: number
  /** A single value with its unit, for non-throughput figures (ms, MB, bytes). */
  value?: number
  unit?: string
  /**
   * CPU time the server spent per request (user + system, all threads), measured from /proc
   * over the same window: steadier than requests per second on a machine shared with others.
   */
  cpuUs?: number
  /** Failed requests (non-2xx or errors) during the measured window. */
  failures?: number
  note?: string
}

/** A budget from DESIGN.md §7 and issue 7, checked against figures. */
export interface BudgetResult {
  id: string
  text: string
  measured: string
  holds: boolean
}

/** bench/results/latest.json. */
export interface Results {
  version: 1
  startedAt: string
  seconds: number
  machine: { cpus: number; model: string; node: string; platform: string; load: number[] }
  pinning: string
  data: Record<string, unknown>
  figures: Figure[]
  budgets: BudgetResult[]
  skipped: string[]
}

/**
 * Adds `ratio` to every figure that names a baseline present in `figures`.
 *
 * @example
 * withRatios([{ id: 'a', rps: 10 }, { id: 'b', rps: 5, baseline: 'a' }])[1].ratio // 0.5
 */
export function withRatios(figures: Figure[]): Figure[] {
  const byId = new Map(figures.map((f) => [f.id, f]))
  return figures.map((f) => {
    const base = f.baseline ? byId.get(f.baseline) : undefined
    if (!base) return f
    const num = f.rps ?? f.value
    const den = base.rps ?? base.value
    if (num === undefined || !den) return f
    return { ...f, ratio: Math.round((num / den) * 100) / 100 }
  })
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits })

/**
 * The report as a markdown table (figures) and a list (budgets).
 *
 * @example
 * console.log(markdown(results))
 */
export function markdown(results: Results): string {
  const rows = results.figures.map((f) => {
    const value = f.value !== undefined ? `${fmt(f.value, 1)} ${f.unit ?? ''}`.trim() : ''
    const note = [f.failures ? `${f.failures} failed` : '', f.note ?? ''].filter(Boolean).join('; ')
    return `| ${f.title} | ${fmt(f.rps)} | ${fmt(f.p50, 2)} | ${fmt(f.p99, 2)} | ${fmt(f.cpuUs)} | ${value} | ${f.baseline ?? ''} | ${f.ratio ?? ''} | ${note} |`
  })
  const budgets = results.budgets.map((b) => `- ${b.holds ? '✅' : '❌'} ${b.text}: ${b.measured}`)
  return [
    `Atelier benchmarks — ${results.startedAt}, ${results.seconds} s, node ${results.machine.node}, ${results.machine.cpus} × ${results.machine.model}`,
    `Pinning: ${results.pinning}`,
    '',
    '| scenario | req/s | p50 ms | p99 ms | server CPU µs/req | value | baseline | ratio | notes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |',
    ...rows,
    '',
    'Budgets (DESIGN.md §7):',
    ...budgets,
    ...(results.skipped.length ? ['', `Skipped: ${results.skipped.join('; ')}`] : []),
  ].join('\n')
}
