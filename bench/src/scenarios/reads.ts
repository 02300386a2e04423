import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Sample } from '../dataset/tracker-data.ts'
import { type LoadRequest, type Measured, runLoad } from '../harness/load.ts'
import { type RunningServer, startServer } from '../harness/servers.ts'
import type { Figure } from '../results.ts'
import type { ServerSpec } from '../server/server.ts'

/**
 * Read runs alternate between their servers in short slices (as packages/sql's commit-rate
 * does), so the baseline and the tracker see the same weather on a shared machine; each
 * figure is the median slice.
 */
export const READ = { slices: 4, seconds: 2, warmup: 2 }

/** A tracker read run: which database, and the client tokens for the samples. */
export interface TrackerRun {
  id: string
  title: string
  db: NonNullable<ServerSpec['db']>
  samples: Sample[]
  tokens: string[]
  /** Also report the server's resident memory at rest and after the run. */
  memory?: boolean
}

interface Target {
  id: string
  title: string
  server: RunningServer
  requests: LoadRequest[]
  baseline?: string
  memory?: boolean
  slices: Measured[]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const trackerRequests = (run: TrackerRun): LoadRequest[] =>
  run.samples.map((s, i) => ({
    method: 'GET',
    path: `/v1/client/projects/${s.projectId}`,
    headers: { authorization: `Bearer ${run.tokens[i]}` },
  }))

/**
 * Scenario 1 (the baseline: a hello-world Hono route on @hono/node-server, in the same kind of
 * process, pinned and loaded the same way) and scenario 2 (`GET /v1/client/projects/:id` with
 * `Authorization: Bearer atl_ct_…`, cycling through the sample projects, each with its client's
 * token), in alternating slices. With `memory`, scenario 7: RSS at rest and after the run.
 *
 * @example
 * const figures = await measureReads([{ id: 'tracker.sqlite.1k', title, db, samples, tokens }])
 */
export async function measureReads(runs: TrackerRun[], withHello = true): Promise<Figure[]> {
  const targets: Target[] = []
  try {
    if (withHello) {
      targets.push({
        id: 'baseline.hello',
        title: 'Baseline: hello-world Hono route',
        server: await startServer({ mode: 'hello' }),
        requests: [{ method: 'GET', path: '/hello', headers: {} }],
        slices: [],
      })
    }
    for (const run of runs) {
      const server = await startServer({ mode: 'atelier', db: run.db })
      targets.push({
        ...run,
        server,
        requests: trackerRequests(run),
        baseline: 'baseline.hello',
        slices: [],
      })
      const requests = trackerRequests(run)
      const documents: string[] = []
      for (const r of requests) {
        const check = await fetch(server.url + r.path, { headers: r.headers })
        if (check.status !== 200)
          throw new Error(`${run.id}: the tracker read answered ${check.status}`)
        documents.push(await check.text())
      }
      if (withHello && !targets.some((t) => t.id === 'baseline.document')) {
        // The floor of a read: the hello-world server answering these very documents, in the
        // same rotation, with no credential, no rate limit and no database.
        const file = join(tmpdir(), `atelier-bench-documents-${process.pid}.json`)
        writeFileSync(file, JSON.stringify(documents))
        const bytes = documents.reduce((n, d) => n + Buffer.byteLength(d), 0)
        targets.push({
          id: 'baseline.document',
          title: `Floor: the hello-world server answering the same tracker documents (mean ${Math.round(bytes / documents.length)} bytes)`,
          server: await startServer({ mode: 'hello', document: file }),
          requests: documents.map((_, i) => ({
            method: 'GET',
            path: `/document/${i}`,
            headers: {},
          })),
          baseline: 'baseline.hello',
          slices: [],
        })
      }
    }
    await sleep(1000)
    const atRest = new Map(targets.map((t) => [t.id, t.server.rss()]))
    for (const t of targets) {
      await runLoad({ url: t.server.url, duration: READ.warmup, warmup: 0, requests: t.requests })
    }
    for (let slice = 0; slice < READ.slices; slice++) {
      for (const t of targets) {
        const load = { url: t.server.url, duration: READ.seconds, warmup: 0, requests: t.requests }
        t.slices.push(await runLoad(load, t.server.child.pid))
      }
    }
    return targets.flatMap((t) => figuresOf(t, atRest.get(t.id)!))
  } finally {
    for (const t of targets) await t.server.stop()
  }
}

function figuresOf(t: Target, atRest: number): Figure[] {
  const pick = (f: (m: Measured) => number | undefined) =>
    median(t.slices.map(f).filter((x): x is number => x !== undefined))
  const failures = t.slices.reduce((n, m) => n + m.non2xx + m.errors, 0)
  const figures: Figure[] = [
    {
      id: t.id,
      title: t.title,
      rps: pick((m) => m.rps),
      p50: pick((m) => m.p50),
      p99: pick((m) => m.p99),
      cpuUs: pick((m) => m.cpuUsPerRequest),
      ...(t.baseline && { baseline: t.baseline }),
      failures,
    },
  ]
  if (t.memory) {
    const label = t.title.replace(/^Tracker read, /, '')
    figures.push(
      { id: `${t.id}.rss.rest`, title: `Memory: RSS at rest, ${label}`, value: atRest, unit: 'MB' },
      {
        id: `${t.id}.rss.after`,
        title: `Memory: RSS after the read run, ${label}`,
        value: t.server.rss(),
        unit: 'MB',
      },
    )
  }
  return figures
}
