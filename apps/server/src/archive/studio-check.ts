import {
  type AuditEvent,
  type ChainHead,
  type PublicSigningKey,
  type Signoff,
  type StoredReceipt,
  type Studio,
  verifyAuditChain,
  verifyReceipt,
} from '@atelier/core'
import { type RecordKind, recordKinds } from '@atelier/core/storage'
import type { ArchiveLine } from './archive-format.js'

/** Records that cannot be loaded as they are; the message says which and why. */
export class InvalidRecords extends Error {
  override readonly name = 'InvalidRecords'
}

const SHA256 = /^[0-9a-f]{64}$/

type Row = Record<string, unknown>
type IdSet = 'members' | 'clients' | 'projects' | 'deliverables'

/**
 * Checks a studio's records as they stream in (from an archive, or from the store a `move`
 * reads), in the order an export writes them: the studio first, then each kind parents first.
 * Every row must be the studio's and name parents that came before it (its client, project,
 * deliverable; a version's deliverable of the same project; a sign-off's round and file
 * versions, a receipt's sign-off; the member an accepted invitation made); every project's
 * audit chain must verify, anchored at the heads its receipts signed; every receipt must verify with the studio's public keys (those of
 * the studio record checked, so this finds damage, not a forger who rewrote that record too). It keeps only ids, one project's chain at a time and the files the
 * versions name (`blobs`), so a large studio streams through it.
 *
 * @example
 * const check = new StudioCheck(studioId)
 * for (const line of lines) await check.add(line)
 * const { counts, blobs } = check.finish()
 */
export class StudioCheck {
  readonly counts = Object.fromEntries(recordKinds.map((k) => [k, 0])) as Record<RecordKind, number>
  /** The files the versions name: sha256 -> bytes. */
  readonly blobs = new Map<string, number>()
  #studio: Studio | undefined
  #keys: PublicSigningKey[] = []
  #position = -1
  readonly #ids: Record<IdSet, Set<string>> = {
    members: new Set(),
    clients: new Set(),
    projects: new Set(),
    deliverables: new Set(),
  }
  /** deliverable id -> its project id. */
  readonly #deliverableProject = new Map<string, string>()
  /** `deliverableId#version` -> the version's sha256. */
  readonly #versions = new Map<string, string>()
  /** `projectId#n` for each round. */
  readonly #rounds = new Set<string>()
  /** signoff id -> its project id. */
  readonly #signoffProject = new Map<string, string>()
  readonly #anchors = new Map<string, ChainHead[]>()
  readonly #verified = new Set<string>()
  #chain: { projectId: string; events: AuditEvent[] } | undefined

  constructor(readonly studioId: string) {}

  /** The studio row, once it has been checked. */
  get studio(): Studio {
    if (!this.#studio) throw new InvalidRecords('the studio record is missing')
    return this.#studio
  }

  /** Checks one record; `where` names it in messages (`line 12`). */
  async add(line: ArchiveLine, where: string): Promise<void> {
    try {
      await this.#add(line, where)
    } catch (error) {
      // A row too malformed to check (a field of the wrong type) is refused like any other.
      if (error instanceof InvalidRecords) throw error
      throw new InvalidRecords(
        `${where} (${line.kind}): cannot be read (${(error as Error).message})`,
      )
    }
  }

  async #add(line: ArchiveLine, where: string): Promise<void> {
    const row = line.row as Row
    const fail = (message: string): never => {
      throw new InvalidRecords(`${where} (${line.kind}): ${message}`)
    }
    if (line.kind === 'studio') {
      if (this.#studio) fail('a second studio record')
      if (row.id !== this.studioId) fail(`studio ${String(row.id)} is not ${this.studioId}`)
      if (!Array.isArray(row.signingKeys)) fail('the studio has no signing keys')
      this.#studio = line.row
      this.#keys = line.row.signingKeys.map(({ keyId, publicKey }) => ({ keyId, publicKey }))
      return
    }
    if (!this.#studio) fail('records before the studio record')
    const position = recordKinds.indexOf(line.kind)
    if (position < this.#position) fail(`${line.kind} after ${recordKinds[this.#position]}`)
    this.#position = position
    if (line.kind !== 'idempotency' && row.studioId !== this.studioId) {
      fail(`a row of studio ${String(row.studioId)} in studio ${this.studioId}`)
    }
    const known = (set: IdSet, id: unknown) => {
      if (typeof id !== 'string' || !this.#ids[set].has(id))
        fail(`names ${String(id)}, not among the studio's ${set}`)
    }
    const own = (set: IdSet) => {
      if (typeof row.id !== 'string') fail('has no id')
      this.#ids[set].add(row.id as string)
    }
    switch (line.kind) {
      case 'members':
        own('members')
        break
      case 'invitations':
        if (row.memberId !== undefined) known('members', row.memberId)
        break
      case 'clients':
        own('clients')
        break
      case 'clientTokens':
        known('clients', row.clientId)
        break
      case 'projects':
        known('clients', row.clientId)
        own('projects')
        break
      case 'deliverables':
        known('projects', row.projectId)
        own('deliverables')
        this.#deliverableProject.set(row.id as string, row.projectId as string)
        break
      case 'versions':
        this.#version(row, fail)
        break
      case 'rounds':
        known('projects', row.projectId)
        this.#rounds.add(`${row.projectId}#${row.n}`)
        break
      case 'signoffs':
        known('projects', row.projectId)
        this.#signoff(line.row as Signoff, fail)
        break
      case 'receipts':
        known('projects', row.projectId)
        if (this.#signoffProject.get(row.signoffId as string) !== row.projectId) {
          fail(`names ${String(row.signoffId)}, not among the sign-offs of its project`)
        }
        await this.#receipt(line.row as StoredReceipt, fail)
        break
      case 'audit':
        known('projects', row.projectId)
        this.#audit(line.row as AuditEvent, fail)
        break
      case 'grants':
      case 'consents':
      case 'accessLog':
        known('projects', row.projectId)
        break
    }
    this.counts[line.kind]++
  }

  /** Checks what only the whole can show (the last chain, chains receipts anchor); returns the totals. */
  finish(): { counts: Record<RecordKind, number>; blobs: Map<string, number> } {
    if (!this.#studio) throw new InvalidRecords('the studio record is missing')
    this.#closeChain()
    for (const [projectId, anchors] of this.#anchors) {
      if (!this.#verified.has(projectId)) this.#verify(projectId, [], anchors)
    }
    return { counts: this.counts, blobs: this.blobs }
  }

  #version(row: Row, fail: (message: string) => never): void {
    if (!this.#ids.projects.has(row.projectId as string))
      fail(`names unknown project ${String(row.projectId)}`)
    if (!this.#ids.deliverables.has(row.deliverableId as string)) {
      fail(`names unknown deliverable ${String(row.deliverableId)}`)
    }
    if (this.#deliverableProject.get(row.deliverableId as string) !== row.projectId) {
      fail(`deliverable ${String(row.deliverableId)} is not of project ${String(row.projectId)}`)
    }
    const { sha256, bytes } = row
    if (typeof sha256 !== 'string' || !SHA256.test(sha256)) fail('has no valid sha256')
    if (!Number.isSafeInteger(bytes) || (bytes as number) < 0) fail('has no valid byte count')
    const seen = this.blobs.get(sha256 as string)
    if (seen !== undefined && seen !== bytes) fail(`sha256 ${sha256} is given two sizes`)
    this.blobs.set(sha256 as string, bytes as number)
    this.#versions.set(`${row.deliverableId}#${row.n}`, sha256 as string)
  }

  /** A sign-off's round and files, where it names them, are its project's, as the archive holds them. */
  #signoff(signoff: Signoff, fail: (message: string) => never): void {
    if (typeof signoff.id !== 'string') fail('has no id')
    const { projectId, subject } = signoff
    if (subject.round !== undefined && !this.#rounds.has(`${projectId}#${subject.round}`)) {
      fail(`sign-off ${signoff.id} names round ${subject.round}, not among its project's rounds`)
    }
    for (const file of subject.files) {
      if (
        this.#deliverableProject.get(file.deliverableId) !== projectId ||
        this.#versions.get(`${file.deliverableId}#${file.version}`) !== file.sha256
      ) {
        fail(
          `sign-off ${signoff.id} names version ${file.version} of ${file.deliverableId}, not among its project's versions`,
        )
      }
    }
    this.#signoffProject.set(signoff.id, projectId)
  }

  async #receipt(stored: StoredReceipt, fail: (message: string) => never): Promise<void> {
    const receipt = stored.receipt
    if (receipt?.studio?.id !== this.studioId || receipt.project?.id !== stored.projectId) {
      fail(`receipt ${stored.id} is not a receipt of project ${stored.projectId}`)
    }
    const result = await verifyReceipt(receipt, this.#keys)
    if (result.signature !== 'valid') {
      fail(
        `receipt ${stored.id} does not verify with the studio's keys (${result.signature}${result.problems[0] ? `: ${result.problems[0]}` : ''})`,
      )
    }
    const anchors = this.#anchors.get(stored.projectId) ?? []
    anchors.push(receipt.auditHead)
    this.#anchors.set(stored.projectId, anchors)
  }

  #audit(event: AuditEvent, fail: (message: string) => never): void {
    if (this.#chain?.projectId !== event.projectId) {
      this.#closeChain()
      if (this.#verified.has(event.projectId)) {
        fail(`the events of project ${event.projectId} are not together`)
      }
      this.#chain = { projectId: event.projectId, events: [] }
    }
    this.#chain.events.push(event)
  }

  #closeChain(): void {
    if (!this.#chain) return
    const { projectId, events } = this.#chain
    this.#chain = undefined
    this.#verify(projectId, events, this.#anchors.get(projectId) ?? [])
  }

  #verify(projectId: string, events: AuditEvent[], anchors: ChainHead[]): void {
    this.#verified.add(projectId)
    const result = verifyAuditChain(events, { anchors })
    if (!result.valid) {
      throw new InvalidRecords(
        `the audit chain of project ${projectId} does not verify at event ${result.seq} (${result.problem}): ${result.message}`,
      )
    }
  }
}
