import { describe, expect, it } from 'vitest'
import { expectOk, expectProblem, type RouteContext } from './context.js'

export function publicRoutes(ctx: () => RouteContext) {
  describe('public keys and receipts', () => {
    it('publishes the signing keys, embeddable by other origins', async () => {
      const { call, a } = ctx()
      const reply = await call('GET', `/v1/studios/${a.studioId}/public-keys`)
      expect(expectOk(reply).items[0]).toMatchObject({ keyId: expect.stringMatching(/^ed25519:/) })
      expect(reply.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
      expectProblem(
        await call('GET', '/v1/studios/std_00000000000000000000000000/public-keys'),
        404,
        'not_found',
      )
    })

    it('serves a receipt with its verification, and verifies posted receipts', async () => {
      const { call, a } = ctx()
      const served = expectOk(await call('GET', `/v1/receipts/${a.receiptId}`))
      expect(served.verification).toMatchObject({ valid: true, signature: 'valid' })
      const valid = expectOk(
        await call('POST', '/v1/receipts/verification', { json: { receipt: served.receipt } }),
      )
      expect(valid.valid).toBe(true)
      const forged = {
        ...served.receipt,
        decision: { ...served.receipt.decision, name: 'Mallory' },
      }
      const invalid = expectOk(
        await call('POST', '/v1/receipts/verification', { json: { receipt: forged } }),
      )
      expect(invalid).toMatchObject({ valid: false, signature: 'invalid' })
      const unknown = { ...served.receipt, studio: { id: 'std_x', name: 'x' } }
      expect(
        expectOk(await call('POST', '/v1/receipts/verification', { json: { receipt: unknown } }))
          .signature,
      ).toBe('unknown_key')
      expectProblem(
        await call('POST', '/v1/receipts/verification', { json: { receipt: 'x' } }),
        400,
        'invalid_input',
      )
      expectProblem(
        await call('GET', '/v1/receipts/rct_00000000000000000000000000'),
        404,
        'not_found',
      )
    })
  })
}
