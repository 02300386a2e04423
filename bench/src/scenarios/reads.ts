import { setTimeout as sleep } from 'node:timers/promises'
import type { Sample } from '../dataset/tracker-data.ts'
import { type LoadRequest, runLoad } from '../harness/load.ts'
import { startServer } from '../harness/servers.ts'
import type { Figure } from '../results.ts'
import type { ServerSpec } from '../server/server.ts'

/** Seconds of each read run, after a warm-up that is not measured. */
export const READ = { seconds: 8, warmup: 2 }

/**
 * Scenario 1, the baseline: a hello-world Hono route on @hono/node-server, in the same kind of
 * process, pinned the same way, loaded the same way as the tracker.
 *
 * @example
 * const hello = await measureHello()
 */
export async function measureHello(): Promise<Figure> {
  const server = await startServer({ mode: 'hello' })
  try {
    const result = await runLoad({
      url: server.url,
      duration: READ.seconds,
      warmup: READ.warmup,
      requests: [{ method: 'GET', path: '/hello', headers: {} }],
    })
    return {
      id: 'baseline.hello',
      title: 'Baseline: hello-world Hono route',
      rps: result.rps,
      p50: result.p50,
      p99: result.p99,
      failures: result.non2xx + result.errors,
    }
  } finally {
    await server.stop()
  }
}

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

/**
 * Scenario 2 (and 7): `GET /v1/client/projects/:id` with `Authorization: Bearer atl_ct_…`,
 * cycling through the sample projects, each with its client's token.
 *
 * @example
 * const figures = await measureTracker({ id: 'tracker.sqlite.1k', title, db, samples, tokens })
 */
export async function measureTracker(run: TrackerRun): Promise<Figure[]> {
  const requests: LoadRequest[] = run.samples.map((s, i) => ({
    method: 'GET',
    path: `/v1/client/projects/${s.projectId}`,
    headers: { authorization: `Bearer ${run.tokens[i]}` },
  }))
  const server = await startServer({ mode: 'atelier', db: run.db })
  try {
    const check = await fetch(server.url + requests[0]!.path, { headers: requests[0]!.headers })
    if (check.status !== 200) throw new Error(`tracker read answered ${check.status}`)
    await check.arrayBuffer()
    await sleep(1000)
    const atRest = server.rss()
    const result = await runLoad({
      url: server.url,
      duration: READ.seconds,
      warmup: READ.warmup,
      requests,
    })
    const figures: Figure[] = [
      {
        id: run.id,
        title: run.title,
        rps: result.rps,
        p50: result.p50,
        p99: result.p99,
        baseline: 'baseline.hello',
        failures: result.non2xx + result.errors,
      },
    ]
    if (run.memory) {
      const label = run.title.replace(/^Tracker read, /, '')
      figures.push(
        {
          id: `${run.id}.rss.rest`,
          title: `Memory: RSS at rest, ${label}`,
          value: atRest,
          unit: 'MB',
        },
        {
          id: `${run.id}.rss.after`,
          title: `Memory: RSS after the read run, ${label}`,
          value: server.rss(),
          unit: 'MB',
        },
      )
    }
    return figures
  } finally {
    await server.stop()
  }
}
