// The part of autocannon's API the bench uses (the package ships no types).
declare module 'autocannon' {
  interface Histogram {
    average: number
    total: number
    p50: number
    p90: number
    p99: number
    max: number
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    duration: number
    non2xx: number
    errors: number
    timeouts: number
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    timeout?: number
    requests?: { setupRequest?: (request: Record<string, unknown>) => Record<string, unknown> }[]
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
