import { describe, expect, it } from 'vitest'
import { generateSigningKey, signText, verifyText } from './signing.js'

describe('signText', () => {
  it('signs with the key it is given, also when signing again with an imported key', async () => {
    const a = await generateSigningKey()
    const b = await generateSigningKey()
    for (let i = 0; i < 3; i++) {
      const message = `receipt ${i}`
      const [byA, byB] = await Promise.all([
        signText(a.privateKey, message),
        signText(b.privateKey, message),
      ])
      expect(await verifyText(a.publicKey, message, byA)).toBe(true)
      expect(await verifyText(b.publicKey, message, byB)).toBe(true)
      expect(await verifyText(a.publicKey, message, byB)).toBe(false)
    }
  })

  it('refuses a malformed key every time, not only the first', async () => {
    const broken: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'AAAA' }
    await expect(signText(broken, 'x')).rejects.toThrow()
    await expect(signText(broken, 'x')).rejects.toThrow()
  })
})
