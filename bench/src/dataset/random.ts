/**
 * A small seeded generator (mulberry32): the same seed gives the same data on every run, so
 * the 1k database's studio is the first studio of the 100k one, byte for byte in its shape.
 *
 * @example
 * const rng = seeded(42)
 * rng.int(10) // 0..9
 */
export function seeded(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    bytes(length: number): Uint8Array {
      const out = new Uint8Array(length)
      for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256)
      return out
    },
    /** An index into `weights`, with probability proportional to its weight. */
    weighted(weights: readonly number[]): number {
      const total = weights.reduce((a, b) => a + b, 0)
      let x = next() * total
      for (const [i, w] of weights.entries()) {
        x -= w
        if (x < 0) return i
      }
      return weights.length - 1
    },
  }
}

/** A seeded generator. */
export type Rng = ReturnType<typeof seeded>

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'

/**
 * An id shaped like the service's own (`prefix_` + 10 characters of millisecond time + 16 of
 * randomness, Crockford base32), so ids sort by creation time as they do in production.
 *
 * @example
 * idAt('prj', Date.now(), rng) // 'prj_01k…'
 */
export function idAt(prefix: string, time: number, rng: Rng): string {
  let head = ''
  let t = time
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[t % 32]! + head
    t = Math.floor(t / 32)
  }
  let tail = ''
  for (let i = 0; i < 16; i++) tail += CROCKFORD[rng.int(32)]!
  return `${prefix}_${head}${tail}`
}

/** The millisecond time an id was made at. */
export function timeOfId(id: string): number {
  const head = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 11)
  let t = 0
  for (const ch of head) t = t * 32 + CROCKFORD.indexOf(ch)
  return t
}

/** base64url of bytes, as tokens are written. */
export const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
