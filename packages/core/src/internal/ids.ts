import type { Runtime } from './runtime.js'

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'

let lastTime = 0
let lastRandom: Uint8Array = new Uint8Array(10)

/** Adds one to a big-endian byte string; false when it overflowed. */
function increment(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 255) {
      bytes[i]! += 1
      return true
    }
    bytes[i] = 0
  }
  return false
}

/**
 * A sortable id: `prefix_` + 10 characters of millisecond time + 16 of randomness (80 bits),
 * Crockford base32. Ids sort by creation time. Within one process they are monotonic: an id
 * made in the same millisecond as the previous one (or while the clock stepped back) reuses
 * that time and adds one to the previous randomness, so creation order is id order.
 */
export function newId(prefix: string, runtime: Runtime): string {
  let time = runtime.clock().getTime()
  let random: Uint8Array
  if (time <= lastTime) {
    time = lastTime
    random = lastRandom.slice()
    if (!increment(random)) random = runtime.random(10)
  } else {
    random = runtime.random(10)
  }
  lastTime = time
  lastRandom = random
  let head = ''
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32]! + head
    time = Math.floor(time / 32)
  }
  let tail = ''
  let acc = 0
  let bits = 0
  for (const b of random) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 5) {
      bits -= 5
      tail += CROCKFORD[(acc >> bits) & 31]!
    }
  }
  return `${prefix}_${head}${tail}`
}
