import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { measure } from '../blob/blob-store.js'
import { isAtelierError } from '../errors/atelier-error.js'
import { canonicalJson } from './canonical-json.js'
import { fromBase64Url, toBase64Url } from './encoding.js'
import { createSha256, sha256Hex } from './hash.js'
import { defaultRuntime } from './runtime.js'
import { hashToken, newToken, tokenKind } from './tokens.js'

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members, keeps unicode', () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined], c: undefined, 名: '值' })).toBe(
      '{"a":[true,null,null],"b":1,"名":"值"}',
    )
  })
  it('gives equal data the same text regardless of key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse())
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj))
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)))
      }),
    )
  })
  it('refuses what JSON cannot say', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow()
    expect(() => canonicalJson({ x: () => 1 })).toThrow()
  })
})

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect([...fromBase64Url(toBase64Url(bytes))]).toEqual([...bytes])
      }),
    )
  })
  it('matches the platform encoding', () => {
    const bytes = new Uint8Array([251, 255, 0, 1, 2])
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
  })
  it('rejects other alphabets', () => {
    expect(() => fromBase64Url('ab+/')).toThrow()
  })
})

describe('sha256', () => {
  it('hashes incrementally to the same digest', () => {
    const h = createSha256()
    h.update(new TextEncoder().encode('设计'))
    h.update(new TextEncoder().encode(' studio'))
    expect(h.digestHex()).toBe(sha256Hex('设计 studio'))
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})

describe('tokens', () => {
  it('carry 256 bits after their prefix and hash to hex', () => {
    const { token, hash } = newToken('client_token', defaultRuntime)
    expect(token).toMatch(/^atl_ct_[A-Za-z0-9_-]{43}$/)
    expect(fromBase64Url(token.slice(7))).toHaveLength(32)
    expect(hash).toBe(hashToken(token))
    expect(tokenKind(token)).toBe('client_token')
    expect(tokenKind('atl_ct_short')).toBeUndefined()
  })
})

describe('measure', () => {
  it('counts and hashes a stream, and stops past the limit', async () => {
    const ok = measure(new Uint8Array(10), { maxBytes: 10 })
    for await (const _ of ok.chunks) void _
    expect(ok.result()).toEqual({ sha256: sha256Hex(new Uint8Array(10)), bytes: 10 })
    const over = measure(new Uint8Array(11), { maxBytes: 10 })
    const error = await (async () => {
      for await (const _ of over.chunks) void _
    })().catch((e: unknown) => e)
    expect(isAtelierError(error, 'too_large')).toBe(true)
  })
})
