import type { Actor } from '../internal/atoms.js'
import { canonicalJson } from '../internal/canonical-json.js'
import { sha256Hex } from '../internal/hash.js'

/** Frontstage or backstage: the service-blueprint line of visibility. */
export type Visibility = 'client' | 'internal'

/** One link of a project's append-only, hash-chained history. */
export interface AuditEvent {
  studioId: string
  projectId: string
  seq: number
  at: string
  actor: Actor
  action: string
  data: Record<string, unknown>
  visibility: Visibility
  prevHash: string
  hash: string
}

/** The newest link of a chain; receipts carry it so later rewrites are detectable. */
export interface ChainHead {
  seq: number
  hash: string
}

/** The hash before the first event, bound to the studio and project. */
export function genesisHash(studioId: string, projectId: string): string {
  return sha256Hex(`atelier:audit:${studioId}:${projectId}`)
}

/** `sha256(prevHash + canonicalJson(event))`, over every field but `hash`. */
export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  const { studioId, projectId, seq, at, actor, action, data, visibility, prevHash } = event
  return sha256Hex(
    prevHash +
      canonicalJson({ studioId, projectId, seq, at, actor, action, data, visibility, prevHash }),
  )
}

/** The next event after `head` (or the first, when `head` is undefined), with its hash. */
export function chainEvent(
  head: ChainHead | undefined,
  event: Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>,
): AuditEvent {
  const seq = (head?.seq ?? 0) + 1
  const prevHash = head?.hash ?? genesisHash(event.studioId, event.projectId)
  const linked = { ...event, seq, prevHash }
  return { ...linked, hash: hashEvent(linked) }
}

export type ChainProblem =
  | 'edited'
  | 'broken_link'
  | 'out_of_sequence'
  | 'foreign'
  | 'anchor_mismatch'

export type ChainVerification =
  | { valid: true; head: ChainHead | undefined; count: number }
  | { valid: false; seq: number; problem: ChainProblem; message: string }

/**
 * Checks a whole chain, in stored order: sequence numbers 1..n without gaps, every link
 * pointing at its predecessor's hash, every hash recomputing. An edited, deleted, inserted or
 * reordered event fails. `anchors` (heads from signed receipts) also catch a rewrite that
 * recomputed every later hash, and a chain cut short before an anchor.
 *
 * @example
 * const result = verifyAuditChain(events, { anchors: [receipt.auditHead] })
 * if (!result.valid) console.error(result.message)
 */
export function verifyAuditChain(
  events: readonly AuditEvent[],
  options: { anchors?: readonly ChainHead[] } = {},
): ChainVerification {
  const fail = (seq: number, problem: ChainProblem, message: string): ChainVerification => ({
    valid: false,
    seq,
    problem,
    message,
  })
  const first = events[0]
  let prev = first ? genesisHash(first.studioId, first.projectId) : ''
  for (const [i, event] of events.entries()) {
    if (event.studioId !== first!.studioId || event.projectId !== first!.projectId) {
      return fail(event.seq, 'foreign', `event ${i + 1} belongs to another project`)
    }
    if (event.seq !== i + 1) {
      return fail(
        event.seq,
        'out_of_sequence',
        `expected event ${i + 1}, found ${event.seq}: an event was deleted, inserted or moved`,
      )
    }
    if (event.prevHash !== prev) {
      return fail(
        event.seq,
        'broken_link',
        `event ${event.seq} does not follow event ${i}: the chain was cut or spliced`,
      )
    }
    if (hashEvent(event) !== event.hash) {
      return fail(event.seq, 'edited', `event ${event.seq} was changed after it was written`)
    }
    prev = event.hash
  }
  for (const anchor of options.anchors ?? []) {
    const event = events[anchor.seq - 1]
    if (!event || event.hash !== anchor.hash) {
      return fail(
        anchor.seq,
        'anchor_mismatch',
        `event ${anchor.seq} does not match the head signed into a receipt`,
      )
    }
  }
  const last = events.at(-1)
  return { valid: true, head: last && { seq: last.seq, hash: last.hash }, count: events.length }
}
