import { describe, expect, it } from 'vitest'
import { fixtures } from '../testing/fixtures.js'
import {
  type AuditEvent,
  chainEvent,
  genesisHash,
  hashEvent,
  verifyAuditChain,
} from './audit-chain.js'

const S = 'std_00000000000000000000000000'
const P = 'prj_00000000000000000000000000'
const chain = () => fixtures.auditEvents(S, P, 6)

/** Recomputes every hash from `from` on, as a forger who can write the table would. */
function rehash(events: AuditEvent[]): AuditEvent[] {
  const out: AuditEvent[] = []
  for (const e of events) {
    const prevHash = out.at(-1)?.hash ?? genesisHash(S, P)
    const seq = out.length + 1
    const linked = { ...e, seq, prevHash }
    out.push({ ...linked, hash: hashEvent(linked) })
  }
  return out
}

describe('verifyAuditChain', () => {
  it('accepts an untouched chain and reports its head', () => {
    const events = chain()
    expect(verifyAuditChain(events)).toEqual({
      valid: true,
      head: { seq: 6, hash: events[5]!.hash },
      count: 6,
    })
    expect(verifyAuditChain([])).toEqual({ valid: true, head: undefined, count: 0 })
  })

  it('links the first event to a genesis bound to studio and project', () => {
    const [first] = chain()
    expect(first!.prevHash).toBe(genesisHash(S, P))
    expect(genesisHash(S, P)).not.toBe(genesisHash(S, 'prj_11111111111111111111111111'))
  })

  it.each([
    ['data', (e: AuditEvent) => ({ ...e, data: { text: 'rewritten' } })],
    ['action', (e: AuditEvent) => ({ ...e, action: 'signoff.decided' })],
    ['time', (e: AuditEvent) => ({ ...e, at: '2020-01-01T00:00:00.000Z' })],
    ['actor', (e: AuditEvent) => ({ ...e, actor: { ...e.actor, label: 'someone else' } })],
    [
      'visibility',
      (e: AuditEvent) =>
        ({ ...e, visibility: e.visibility === 'client' ? 'internal' : 'client' }) as AuditEvent,
    ],
  ])('detects an edited %s', (_, edit) => {
    const events = chain()
    events[2] = edit(events[2]!)
    expect(verifyAuditChain(events)).toMatchObject({ valid: false, seq: 3, problem: 'edited' })
  })

  it('detects a deleted event', () => {
    const events = chain()
    events.splice(3, 1)
    expect(verifyAuditChain(events)).toMatchObject({
      valid: false,
      seq: 5,
      problem: 'out_of_sequence',
    })
  })

  it('detects an inserted event', () => {
    const events = chain()
    const forged = chainEvent(
      { seq: 3, hash: events[2]!.hash },
      { ...events[3]!, data: { text: 'forged' } },
    )
    const spliced = [
      ...events.slice(0, 3),
      forged,
      ...events.slice(3).map((e) => ({ ...e, seq: e.seq + 1 })),
    ]
    const result = verifyAuditChain(spliced)
    expect(result).toMatchObject({ valid: false, seq: 5 })
    if (!result.valid) expect(['broken_link', 'edited']).toContain(result.problem)
  })

  it('detects reordered events', () => {
    const events = chain()
    ;[events[1], events[2]] = [events[2]!, events[1]!]
    expect(verifyAuditChain(events)).toMatchObject({
      valid: false,
      seq: 3,
      problem: 'out_of_sequence',
    })
  })

  it('detects renumbered reordering (links no longer follow)', () => {
    const events = chain()
    ;[events[1], events[2]] = [
      { ...events[2]!, seq: 2 },
      { ...events[1]!, seq: 3 },
    ]
    expect(verifyAuditChain(events)).toMatchObject({ valid: false, seq: 2, problem: 'broken_link' })
  })

  it('detects an event of another project', () => {
    const events = chain()
    events[1] = { ...events[1]!, projectId: 'prj_11111111111111111111111111' }
    expect(verifyAuditChain(events)).toMatchObject({ valid: false, problem: 'foreign' })
  })

  it('catches a rewrite with recomputed hashes through a receipt anchor', () => {
    const events = chain()
    const anchor = { seq: 4, hash: events[3]!.hash }
    const rewritten = rehash(
      events.map((e, i) => (i === 1 ? { ...e, data: { text: 'quietly changed' } } : e)),
    )
    expect(verifyAuditChain(rewritten).valid).toBe(true)
    expect(verifyAuditChain(rewritten, { anchors: [anchor] })).toMatchObject({
      valid: false,
      seq: 4,
      problem: 'anchor_mismatch',
    })
  })

  it('catches a chain cut short before an anchor', () => {
    const events = chain()
    const anchor = { seq: 6, hash: events[5]!.hash }
    expect(verifyAuditChain(events.slice(0, 4), { anchors: [anchor] })).toMatchObject({
      valid: false,
      problem: 'anchor_mismatch',
    })
  })
})
