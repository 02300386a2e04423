import { join } from 'node:path'
import { type LoadRequest, runLoad } from '../harness/load.ts'
import { benchRoot, CPU, firstLine, spawnNode } from '../harness/processes.ts'
import { startServer } from '../harness/servers.ts'
import type { Figure } from '../results.ts'
import type { ServerSpec } from '../server/server.ts'

/** Seconds of each write run (after a one-second warm-up), and of each raw commit loop. */
export const WRITE = { seconds: 5, warmup: 1, raw: 3 }

/**
 * The raw commit rate: single-row transactions in a loop, in a process pinned where the server
 * runs. SQLite with the given synchronous mode, or Postgres with its own settings.
 *
 * @example
 * const { rate } = await rawCommits({ kind: 'sqlite', mode: 'FULL' })
 */
export async function rawCommits(
  target:
    | { kind: 'sqlite'; mode: 'FULL' | 'NORMAL'; dir: string }
    | { kind: 'postgres'; url: string; schema: string },
): Promise<{ rate: number }> {
  const args =
    target.kind === 'sqlite'
      ? ['src/raw/sqlite-commits.ts', target.mode, String(WRITE.raw), target.dir]
      : ['src/raw/postgres-commits.ts', target.url, target.schema, String(WRITE.raw)]
  const child = spawnNode(CPU.server, [join(benchRoot, args[0]!), ...args.slice(1)])
  return firstLine<{ rate: number }>(child, (WRITE.raw + 30) * 1000)
}

/**
 * Group commit in isolation: 32 concurrent single-row write transactions through the storage
 * (`openSqlite`, `FULL`) with and without group commit, in a process pinned where the server
 * runs, against the raw single-commit loop of the same run.
 *
 * @example
 * const figures = await groupCommitFigures(dir)
 */
export async function groupCommitFigures(dir: string): Promise<Figure[]> {
  const run = async (mode: 'group' | 'nogroup') => {
    const args = [join(benchRoot, 'src/raw/storage-commits.ts'), mode, String(WRITE.raw), '32', dir]
    return (await firstLine<{ rate: number }>(spawnNode(CPU.server, args), (WRITE.raw + 30) * 1000))
      .rate
  }
  return [
    {
      id: 'write.storage.sqlite.full.group',
      title: 'Group commit: 32 concurrent single-row storage transactions, SQLite FULL',
      rps: await run('group'),
      baseline: 'write.raw.sqlite.full',
    },
    {
      id: 'write.storage.sqlite.full.nogroup',
      title: 'The same with groupCommit: false (one fsync per commit)',
      rps: await run('nogroup'),
      baseline: 'write.raw.sqlite.full',
    },
  ]
}

/** What a write run needs: the server's database and its targets. */
export interface WriteRun {
  /** `sqlite.full`, `sqlite.normal` or `postgres`. */
  key: string
  label: string
  db: NonNullable<ServerSpec['db']>
  secretKey: string
  moves: { id: string; version: number }[]
  decisions: string[]
  raw: number
}

/**
 * Scenario 3: stage moves (`POST /v1/projects/:id/moves`, research → proposal, If-Match) and
 * sign-off approvals (`POST /v1/signoff/decision`, each issuing a signed receipt), every
 * request on a different project, against the raw commit rate measured just before.
 *
 * @example
 * const figures = await measureWrites({ key: 'sqlite.full', ... })
 */
export async function measureWrites(run: WriteRun): Promise<Figure[]> {
  const json = { 'content-type': 'application/json' }
  const moves: LoadRequest[] = run.moves.map((m) => ({
    method: 'POST',
    path: `/v1/projects/${m.id}/moves`,
    headers: { ...json, authorization: `Bearer ${run.secretKey}`, 'if-match': `"${m.version}"` },
    body: JSON.stringify({ to: 'proposal' }),
  }))
  const decisions: LoadRequest[] = run.decisions.map((token) => ({
    method: 'POST',
    path: '/v1/signoff/decision',
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify({ outcome: 'approved', name: '李明' }),
  }))
  const rawId = `write.raw.${run.key}`
  const figures: Figure[] = [
    { id: rawId, title: `Raw commits, ${run.label}: single-row transactions`, rps: run.raw },
  ]
  const server = await startServer({ mode: 'atelier', db: run.db })
  try {
    for (const [op, requests] of [
      ['move', moves],
      ['decision', decisions],
    ] as const) {
      const result = await runLoad(
        {
          url: server.url,
          duration: WRITE.seconds,
          warmup: WRITE.warmup,
          requests,
        },
        server.child.pid,
      )
      const used = Math.round(result.requests * (1 + WRITE.warmup / WRITE.seconds))
      figures.push({
        id: `write.${op}.${run.key}`,
        title: `${op === 'move' ? 'Stage move' : 'Sign-off decision'}, ${run.label}`,
        rps: result.rps,
        p50: result.p50,
        p99: result.p99,
        baseline: rawId,
        failures: result.non2xx + result.errors,
        cpuUs: result.cpuUsPerRequest,
        ...(used > requests.length && { note: `targets ran out (${requests.length})` }),
      })
    }
    return figures
  } finally {
    await server.stop()
  }
}
