import type { AuditEvent, ChainHead, Receipt, Signoff, StoredReceipt, Studio } from '@atelier/core'
import { chainEvent, currentSigningKey, generateCodename, signReceipt } from '@atelier/core/rules'
import type { Lookup } from '@atelier/core/storage'
import { hashToken } from '@atelier/core/tokens'
import type { BulkRows } from '@atelier/sql'
import { base64url, idAt, type Rng, timeOfId } from './random.ts'
import type { Template } from './templates.ts'

type Slot =
  | { kind: 'id'; value: string }
  | { kind: 'time'; ms: number }
  | { kind: 'token'; value: string }
  | { kind: 'codename' }

/** A template split at every id, instant, sign-off token hash and codename, to fill per copy. */
export interface Compiled {
  template: Template
  parts: (string | Slot)[]
}

const SLOTS = /[a-z]{3}_[0-9a-z]{26}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z|[0-9a-f]{64}/g

/**
 * Splits a template once, so each copy is a string join and one `JSON.parse`.
 *
 * @example
 * const compiled = compile(template)
 */
export function compile(template: Template): Compiled {
  const project = template.rows.projects![0]!
  const tokenHashes = new Set((template.rows.signoffs ?? []).map((s) => s.tokenHash as string))
  const codename = JSON.stringify(project.codename).slice(1, -1)
  const text = JSON.stringify({ rows: template.rows, events: template.events })
  const parts: Compiled['parts'] = []
  let last = 0
  for (const match of text.matchAll(SLOTS)) {
    const value = match[0]
    let slot: Slot | undefined
    if (value.includes('_')) slot = { kind: 'id', value }
    else if (value.endsWith('Z')) slot = { kind: 'time', ms: Date.parse(value) }
    else if (tokenHashes.has(value)) slot = { kind: 'token', value }
    if (!slot) continue
    parts.push(text.slice(last, match.index), slot)
    last = match.index + value.length
  }
  parts.push(text.slice(last))
  const joined: Compiled['parts'] = []
  for (const part of parts) {
    if (typeof part !== 'string') {
      joined.push(part)
      continue
    }
    const pieces = part.split(codename)
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) joined.push({ kind: 'codename' })
      joined.push(piece)
    }
  }
  return { template, parts: joined }
}

/** One stamped project: its rows, and the raw tokens of its pending sign-offs. */
export interface Stamped {
  rows: BulkRows
  pending: { signoffId: string; projectId: string; token: string }[]
}

/** What makes a copy its own. */
export interface StampOptions {
  studio: Studio
  clientId: string
  /** When the project was created, in ms. */
  start: number
  rng: Rng
  /** Extra note events appended to the chain (taken from `notes`). */
  extraNotes: number
  notes: readonly Pick<AuditEvent, 'actor' | 'action' | 'data' | 'visibility'>[]
}

/**
 * A copy of a template in another studio, for another client, at another time: fresh ids,
 * shifted instants, new sign-off tokens, the audit chain re-linked with core's `chainEvent`,
 * and receipts re-signed with the studio's key over the new chain head.
 *
 * @example
 * const { rows } = await stamp(compiled, { studio, clientId, start, rng, extraNotes: 0, notes })
 */
export async function stamp(compiled: Compiled, o: StampOptions): Promise<Stamped> {
  const { template } = compiled
  const delta = o.start - template.start
  const ids = new Map<string, string>([
    [template.studioId, o.studio.id],
    [template.client.id as string, o.clientId],
  ])
  const tokens = new Map<string, string>()
  const codename = generateCodename({ clock: () => new Date(o.start), random: o.rng.bytes })
  let text = ''
  for (const part of compiled.parts) {
    if (typeof part === 'string') text += part
    else if (part.kind === 'time') text += new Date(part.ms + delta).toISOString()
    else if (part.kind === 'codename') text += codename
    else if (part.kind === 'id') {
      let id = ids.get(part.value)
      if (!id) {
        const prefix = part.value.slice(0, 3)
        id = idAt(prefix, timeOfId(part.value) + delta, o.rng)
        ids.set(part.value, id)
      }
      text += id
    } else {
      let token = tokens.get(part.value)
      if (!token) {
        token = `atl_so_${base64url(o.rng.bytes(32))}`
        tokens.set(part.value, token)
      }
      text += hashToken(token)
    }
  }
  const { rows, events } = JSON.parse(text) as {
    rows: Record<string, Record<string, unknown>[]>
    events: AuditEvent[]
  }
  const chain = relink(events, o)
  const receipts = await Promise.all(
    ((rows.receipts ?? []) as unknown as StoredReceipt[]).map((r) => resign(r, chain, o.studio)),
  )
  const signoffs = (rows.signoffs ?? []) as unknown as Signoff[]
  const byHash = new Map([...tokens.values()].map((t) => [hashToken(t), t]))
  const lookups: Lookup[] = [
    ...signoffs.map((s) => ({ key: `signoff:${s.tokenHash}`, studioId: o.studio.id, refId: s.id })),
    ...receipts.map((r) => ({ key: `receipt:${r.id}`, studioId: o.studio.id, refId: r.id })),
  ]
  return {
    rows: { ...(rows as BulkRows), receipts, audit: chain, lookups },
    pending: signoffs
      .filter((s) => s.status === 'pending')
      .map((s) => ({ signoffId: s.id, projectId: s.projectId, token: byHash.get(s.tokenHash)! })),
  }
}

function relink(events: AuditEvent[], o: StampOptions): AuditEvent[] {
  const chain: AuditEvent[] = []
  let head: ChainHead | undefined
  const add = (event: Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>) => {
    const linked = chainEvent(head, event)
    chain.push(linked)
    head = { seq: linked.seq, hash: linked.hash }
  }
  for (const { studioId, projectId, at, actor, action, data, visibility } of events) {
    add({ studioId, projectId, at, actor, action, data, visibility })
  }
  let at = Date.parse(events.at(-1)!.at)
  for (let i = 0; i < o.extraNotes; i++) {
    at += 3_600_000 + o.rng.int(48 * 3_600_000)
    const note = o.rng.pick(o.notes)
    add({ ...events[0]!, ...note, at: new Date(at).toISOString() })
  }
  return chain
}

async function resign(
  stored: StoredReceipt,
  chain: AuditEvent[],
  studio: Studio,
): Promise<StoredReceipt> {
  const { signature: _, ...payload } = stored.receipt
  const head = chain[payload.auditHead.seq - 1]!
  const receipt: Receipt = await signReceipt(
    {
      ...payload,
      studio: { id: studio.id, name: studio.name },
      auditHead: { seq: head.seq, hash: head.hash },
    },
    currentSigningKey(studio),
  )
  return { ...stored, receipt }
}
