import { describe, expect, it } from 'vitest'
import { generateSigningKey } from '../internal/signing.js'
import { type Receipt, type ReceiptPayload, signReceipt, verifyReceipt } from './receipt.js'

const bytes = (s: string) => new TextEncoder().encode(s)
const { sha256Hex } = await import('../internal/hash.js')

const logo = bytes('logo v3 bytes')
const manual = bytes('VI manual bytes')

const payload: ReceiptPayload = {
  type: 'atelier.receipt',
  v: 1,
  id: 'rct_00000000000000000000000000',
  issuedAt: '2026-11-22T08:00:00.000Z',
  studio: { id: 'std_00000000000000000000000000', name: 'Studio 山海' },
  project: { id: 'prj_00000000000000000000000000', codename: 'Jade Heron 12', title: '青禾 brand' },
  signoff: { id: 'sgn_00000000000000000000000000', purpose: 'final' },
  files: [
    {
      deliverableId: 'dlv_00000000000000000000000000',
      version: 3,
      filename: 'logo-v3.png',
      bytes: logo.length,
      sha256: sha256Hex(logo),
    },
    {
      deliverableId: 'dlv_11111111111111111111111111',
      version: 1,
      filename: 'VI 手册.pdf',
      bytes: manual.length,
      sha256: sha256Hex(manual),
    },
  ],
  round: 2,
  resolutions: {
    round: 2,
    total: 2,
    addressed: 1,
    declined: 1,
    items: [
      {
        id: 'itm_1',
        text: '更深的绿',
        status: 'addressed',
        note: 'done',
        inVersion: { deliverableId: 'dlv_00000000000000000000000000', version: 3 },
      },
      { id: 'itm_2', text: '换字体', status: 'declined', note: '超出范围' },
    ],
  },
  decision: {
    outcome: 'approved',
    name: '李明',
    at: '2026-11-22T08:00:00.000Z',
    userAgent: 'Mozilla/5.0',
    ipHash: 'b'.repeat(64),
  },
  auditHead: { seq: 42, hash: 'c'.repeat(64) },
}

const key = await generateSigningKey()
const other = await generateSigningKey()
const receipt = await signReceipt(payload, key)

/** Every leaf of an object, by path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      leaves(v, [...path, Array.isArray(value) ? Number(k) : k]),
    )
  }
  return [path]
}

function tamper(r: Receipt, path: (string | number)[]): Receipt {
  const copy = structuredClone(r) as unknown as Record<string | number, unknown>
  let node = copy
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>
  const last = path.at(-1)!
  const v = node[last]
  node[last] =
    typeof v === 'number'
      ? v + 1
      : typeof v === 'boolean'
        ? !v
        : `${String(v).slice(0, -1)}${String(v).at(-1) === 'x' ? 'y' : 'x'}`
  return copy as unknown as Receipt
}

describe('verifyReceipt', () => {
  it('accepts the receipt with the right key and the right files', async () => {
    const result = await verifyReceipt(receipt, key.publicKey, [logo, manual.buffer as ArrayBuffer])
    expect(result).toEqual({
      valid: true,
      signature: 'valid',
      files: [
        { filename: 'logo-v3.png', sha256: sha256Hex(logo), matched: true },
        { filename: 'VI 手册.pdf', sha256: sha256Hex(manual), matched: true },
      ],
      unmatched: [],
      problems: [],
    })
  })

  it('accepts streams and blobs as file bytes, and published key lists', async () => {
    const stream = new Blob([logo]).stream()
    const result = await verifyReceipt(
      receipt,
      [other, key].map(({ keyId, publicKey }) => ({ keyId, publicKey })),
      [stream, new Blob([manual])],
    )
    expect(result.valid).toBe(true)
  })

  const paths = leaves(payload)
  it.each(paths.map((p) => [p.join('.'), p]))('detects a change to %s', async (_, path) => {
    const result = await verifyReceipt(tamper(receipt, path as (string | number)[]), key.publicKey)
    expect(result.valid).toBe(false)
    expect(result.signature).not.toBe('valid')
  })

  it('detects a changed signature', async () => {
    const value = receipt.signature.value
    const flipped = `${value.slice(0, 10)}${value[10] === 'A' ? 'B' : 'A'}${value.slice(11)}`
    const forged = { ...receipt, signature: { ...receipt.signature, value: flipped } }
    expect(await verifyReceipt(forged, key.publicKey)).toMatchObject({
      valid: false,
      signature: 'invalid',
    })
  })

  it('detects a wrong key', async () => {
    expect(await verifyReceipt(receipt, other.publicKey)).toMatchObject({
      valid: false,
      signature: 'invalid',
    })
    expect(
      await verifyReceipt(receipt, [{ keyId: other.keyId, publicKey: other.publicKey }]),
    ).toMatchObject({
      valid: false,
      signature: 'unknown_key',
    })
  })

  it('detects a wrong file', async () => {
    const result = await verifyReceipt(receipt, key.publicKey, [
      logo,
      bytes('logo v3 bytes, edited'),
    ])
    expect(result.valid).toBe(false)
    expect(result.signature).toBe('valid')
    expect(result.unmatched).toEqual([sha256Hex(bytes('logo v3 bytes, edited'))])
    expect(result.problems[0]).toMatch(/is not named in the receipt/)
  })

  it('says when something is not a receipt at all, without throwing', async () => {
    for (const junk of [
      null,
      42,
      'x',
      {},
      { type: 'atelier.receipt' },
      { ...receipt, files: 'nope' },
    ]) {
      expect(await verifyReceipt(junk, key.publicKey)).toMatchObject({
        valid: false,
        signature: 'malformed',
      })
    }
    expect(await verifyReceipt(receipt, 'not-a-key')).toMatchObject({
      valid: false,
      signature: 'invalid',
    })
  })
})
