import type { Runtime } from './runtime.js'

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'

/**
 * A sortable id: `prefix_` + 10 characters of millisecond time + 16 of randomness (80 bits),
 * Crockford base32. Ids sort by creation time, which keeps cursors and indexes simple.
 */
export function newId(prefix: string, runtime: Runtime): string {
  let time = runtime.clock().getTime()
  let head = ''
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32]! + head
    time = Math.floor(time / 32)
  }
  const bytes = runtime.random(10)
  let tail = ''
  let acc = 0
  let bits = 0
  for (const b of bytes) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 5) {
      bits -= 5
      tail += CROCKFORD[(acc >> bits) & 31]!
    }
  }
  return `${prefix}_${head}${tail}`
}
