import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from './encoding.js'

/** Lower-case hex SHA-256 of bytes or of a string's UTF-8. Synchronous and runtime-neutral. */
export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data))
}

/** An incremental SHA-256, for hashing bytes while they stream. */
export function createSha256(): { update(chunk: Uint8Array): void; digestHex(): string } {
  const h = sha256.create()
  return {
    update: (chunk) => {
      h.update(chunk)
    },
    digestHex: () => bytesToHex(h.digest()),
  }
}

/** Constant-time comparison of two equal-length hex or ASCII strings. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
