// The load generator, in a process of its own (the bench pins it to the CPU the server does not
// use). Reads a LoadSpec from the JSON file named by argv[2], runs autocannon, prints a summary
// as one JSON line. Each request takes the next entry of `requests`, shared by all connections.
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

/** One request the generator sends. */
export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

/** What one load run does. */
export interface LoadSpec {
  url: string
  connections: number
  /** Seconds. */
  duration: number
  /** Seconds of load before measuring, not reported. */
  warmup: number
  requests: LoadRequest[]
}

/** What one load run measured. */
export interface LoadResult {
  rps: number
  p50: number
  p90: number
  p99: number
  max: number
  requests: number
  non2xx: number
  errors: number
  seconds: number
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec
let next = 0

async function run(seconds: number) {
  return autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const r = spec.requests[next++ % spec.requests.length]!
          return { ...request, method: r.method, path: r.path, headers: r.headers, body: r.body }
        },
      },
    ],
  })
}

if (spec.warmup > 0) await run(spec.warmup)
process.stdout.write(`${JSON.stringify({ phase: 'measure' })}\n`)
const result = await run(spec.duration)
const summary: LoadResult = {
  rps: Math.round(result.requests.total / result.duration),
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  seconds: result.duration,
}
process.stdout.write(`${JSON.stringify(summary)}\n`)
