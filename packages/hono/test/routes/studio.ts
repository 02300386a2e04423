import { verifyReceipt } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { etag, expectOk, expectProblem, type RouteContext } from './context.js'

export function studioRoutes(ctx: () => RouteContext) {
  describe('studio and keys', () => {
    it('reads the studio with its ETag, never its private key or salt; 304 when unchanged', async () => {
      const { call, sk, a } = ctx()
      const reply = await call('GET', '/v1/studio', sk)
      expect(expectOk(reply)).toMatchObject({ id: a.studioId, name: 'Studio 山海 Shanhai' })
      expect(reply.text).not.toMatch(/privateKey|ipSalt|"d":/)
      const again = await call('GET', '/v1/studio', {
        ...sk,
        headers: { 'If-None-Match': reply.headers.get('ETag')! },
      })
      expect(again.status).toBe(304)
    })

    it('changes settings with If-Match; 428 without, 412 when stale, 400 on a bad origin', async () => {
      const { call, sk } = ctx()
      const current = await call('GET', '/v1/studio', sk)
      const version = etag(current)
      const json = { settings: { warrantyDays: 45 } }
      expectProblem(
        await call('PATCH', '/v1/studio', { ...sk, json }),
        428,
        'precondition_required',
      )
      const stale = expectProblem(
        await call('PATCH', '/v1/studio', { ...sk, json, ifMatch: version + 5 }),
        412,
        'version_mismatch',
      )
      expect(stale.currentVersion).toBe(version)
      expectProblem(
        await call('PATCH', '/v1/studio', { ...sk, json, headers: { 'If-Match': 'W/"1"' } }),
        400,
        'invalid_input',
      )
      const bad = expectProblem(
        await call('PATCH', '/v1/studio', {
          ...sk,
          ifMatch: version,
          json: { settings: { allowedOrigins: ['ftp://x'] } },
        }),
        400,
        'invalid_input',
      )
      expect(bad.fields[0].path).toBe('settings.allowedOrigins.0')
      const changed = await call('PATCH', '/v1/studio', { ...sk, json, ifMatch: version })
      expect(expectOk(changed).settings.warrantyDays).toBe(45)
      expect(etag(changed)).toBe(version + 1)
    })

    it('rotates the signing key; old receipts still verify with the published keys', async () => {
      const { call, sk, a } = ctx()
      const version = etag(await call('GET', '/v1/studio', sk))
      const rotated = expectOk(
        await call('POST', '/v1/studio/signing-keys', { ...sk, ifMatch: version }),
      )
      expect(rotated.signingKeys).toHaveLength(2)
      expect(rotated.signingKeys[0].retiredAt).toBeTruthy()
      const receipt = expectOk(await call('GET', `/v1/receipts/${a.receiptId}`))
      expect(receipt.publicKeys).toHaveLength(2)
      expect((await verifyReceipt(receipt.receipt, receipt.publicKeys)).valid).toBe(true)
    })

    it('creates, lists and revokes keys; a revoked key is refused at once', async () => {
      const { call, sk } = ctx()
      expectProblem(
        await call('POST', '/v1/keys', { ...sk, json: { kind: 'root' } }),
        400,
        'invalid_input',
      )
      const created = expectOk(
        await call('POST', '/v1/keys', { ...sk, json: { kind: 'secret', label: 'ci' } }),
        201,
      )
      expect(created.token).toMatch(/^atl_sk_[A-Za-z0-9_-]{43}$/)
      expect(created.key).not.toHaveProperty('tokenHash')
      const list = expectOk(await call('GET', '/v1/keys', sk))
      expect(list.items.find((k: { id: string }) => k.id === created.key.id).hint).toBe(
        created.token.slice(-4),
      )
      expectOk(await call('GET', '/v1/keys', { token: created.token }))
      const revoked = expectOk(await call('DELETE', `/v1/keys/${created.key.id}`, sk))
      expect(revoked.revokedAt).toBeTruthy()
      expectProblem(await call('GET', '/v1/keys', { token: created.token }), 401, 'unauthorized')
      expectProblem(
        await call('DELETE', '/v1/keys/key_00000000000000000000000000', sk),
        404,
        'not_found',
      )
    })

    it('refuses missing, malformed and wrong-kind credentials', async () => {
      const { call, ct } = ctx()
      const none = await call('GET', '/v1/studio')
      expectProblem(none, 401, 'unauthorized')
      expect(none.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
      expectProblem(
        await call('GET', '/v1/studio', { headers: { Authorization: 'Basic abc' } }),
        401,
        'unauthorized',
      )
      expectProblem(await call('GET', '/v1/studio', { token: 'atl_sk_short' }), 401, 'unauthorized')
      expectProblem(
        await call('GET', '/v1/studio', { token: `atl_sk_${'A'.repeat(43)}` }),
        401,
        'unauthorized',
      )
      expectProblem(await call('GET', '/v1/studio', ct), 403, 'forbidden')
    })
  })
}
