import type { AuditEvent, ChainHead, Visibility } from '../audit/audit-chain.js'
import type { Client } from '../client/client.js'
import type { ApiKey, ClientToken } from '../credential/credential.js'
import type { Deliverable, FileVersion } from '../deliverable/deliverable.js'
import type { Invitation, Member } from '../member/member.js'
import type { Project } from '../project/project.js'
import type { ProjectStage } from '../project/stages.js'
import type { RevisionRound } from '../revision/revision.js'
import type { AccessLogEntry, PortfolioConsent, ShareGrant } from '../sharing/grants.js'
import type { StoredReceipt } from '../sign-off/receipt.js'
import type { Signoff } from '../sign-off/signoff.js'
import type { Studio } from '../studio/studio.js'

/*
 * Rules every adapter keeps (the contract suite checks them):
 * - Rows of a scoped repository belong to its studio: inserting a row whose `studioId` is
 *   another studio's throws `forbidden`; updating one returns false.
 * - Times are ISO-8601 UTC strings with milliseconds (`Date#toISOString()`), stored as instants
 *   and read back as the same string. Documents round-trip exactly: absent members stay absent.
 * - `readOnly` transactions only read (an adapter may enforce it), and see one consistent
 *   snapshot: what commits meanwhile is not visible to them.
 * - Children (versions, rounds, sign-offs, audit events…) are written only for a project that
 *   exists in the same studio; an adapter may enforce it with foreign keys.
 */

/**
 * A record with an optimistic-concurrency version. `update(row, expected)` writes only when
 * the stored version equals `expected` (a compare-and-set) and reports whether it did; the
 * caller has already set `row.version = expected + 1`.
 */
export interface VersionedRepository<T> {
  get(id: string): Promise<T | undefined>
  /** Throws `AtelierError('conflict')` when the id exists. */
  insert(row: T): Promise<void>
  update(row: T, expectedVersion: number): Promise<boolean>
}

/** Per-project children: every row carries `projectId`; `listByProject` returns them in id (creation) order. */
export interface ProjectChildRepository<T> extends VersionedRepository<T> {
  listByProject(projectId: string): Promise<T[]>
}

export interface PageQuery {
  /** Return rows whose id sorts before this one (ids sort by creation; newest first). */
  cursor?: string
  limit: number
}

export interface ProjectQuery extends PageQuery {
  clientId?: string
  stage?: ProjectStage
}

export interface AuditQuery {
  visibility?: Visibility
  /** `asc` from the first event (default), `desc` from the newest. */
  order?: 'asc' | 'desc'
  limit?: number
}

/** A write-once index from a public handle (a token hash, a receipt id) to its studio. */
export interface Lookup {
  /** `<kind>:<value>`, e.g. `signoff:<sha256>` or `receipt:<id>`. */
  key: string
  studioId: string
  refId: string
}

/** A stored `Idempotency-Key` outcome, scoped to a studio and a credential. */
export interface IdempotencyRecord {
  key: string
  fingerprint: string
  state: 'in_flight' | 'done'
  response?: { status: number; body: unknown; headers?: Record<string, string> }
  createdAt: string
  expiresAt: string
}

/**
 * A view of a project kept as a document: what `viewProject` returned for one viewer kind,
 * serialised, so a read answers without building it again (one per project). It is current
 * while the project's audit chain ends where it ended when the view was built (every change to
 * a project appends an event) and its client and studio are unchanged (the service marks their
 * projects' views stale in the same transaction as such a change); a read of a view that is not
 * current builds it anew.
 */
export interface StoredView {
  projectId: string
  /** The viewer kind the document was projected for (`client`). */
  viewer: string
  /** The client whose project it is: a read by another client is not answered from it. */
  clientId: string
  /** A strong validator of `doc` (its hash). */
  etag: string
  /** The view as JSON, UTF-8 encoded: the bytes a read sends as they are. */
  doc: Uint8Array<ArrayBuffer>
  /** When a time-dependent part of the view (an expiry, the warranty countdown) next changes. */
  validUntil?: string
  /** The `seq` of the project's newest audit event when the view was built (0 for none). */
  head: number
}

/**
 * Every kind of record a studio owns, named after its repository: what moves when a studio
 * moves between stores. Lookups are global rows that name the studio; idempotency records have
 * no `studioId` of their own (their repository is the scope). Stored views are not records:
 * they are derived, and built anew after a move.
 */
export interface StudioRecordKinds {
  members: Member
  invitations: Invitation
  clients: Client
  apiKeys: ApiKey
  clientTokens: ClientToken
  projects: Project
  deliverables: Deliverable
  versions: FileVersion
  rounds: RevisionRound
  signoffs: Signoff
  receipts: StoredReceipt
  grants: ShareGrant
  consents: PortfolioConsent
  audit: AuditEvent
  accessLog: AccessLogEntry
  idempotency: IdempotencyRecord
  lookups: Lookup
}

/** A kind of record: a key of {@link StudioRecordKinds}. */
export type RecordKind = keyof StudioRecordKinds

/** One page of a studio's records of one kind. */
export interface RecordPage<K extends RecordKind> {
  rows: StudioRecordKinds[K][]
  /** Pass as `cursor` for the next page; absent when this page is the last. */
  next?: string
}

/** The repositories of one studio. No method takes a studio id: they are bound to one. */
export interface ScopedRepositories {
  readonly studioId: string
  members: VersionedRepository<Member> & {
    /** Members in id (joining) order; removed ones only when asked. */
    list(query?: { removed?: boolean }): Promise<Member[]>
    /** The member who is account `userId` and was not removed, if any. */
    byUser(userId: string): Promise<Member | undefined>
  }
  invitations: VersionedRepository<Invitation> & { list(): Promise<Invitation[]> }
  apiKeys: VersionedRepository<ApiKey> & { list(): Promise<ApiKey[]> }
  clientTokens: VersionedRepository<ClientToken> & {
    listByClient(clientId: string): Promise<ClientToken[]>
  }
  clients: VersionedRepository<Client> & { list(query: PageQuery): Promise<Client[]> }
  projects: VersionedRepository<Project> & { list(query: ProjectQuery): Promise<Project[]> }
  deliverables: ProjectChildRepository<Deliverable>
  versions: {
    get(deliverableId: string, n: number): Promise<FileVersion | undefined>
    insert(row: FileVersion): Promise<void>
    listByProject(projectId: string): Promise<FileVersion[]>
  }
  rounds: ProjectChildRepository<RevisionRound>
  signoffs: ProjectChildRepository<Signoff>
  receipts: {
    get(id: string): Promise<StoredReceipt | undefined>
    insert(row: StoredReceipt): Promise<void>
    listByProject(projectId: string): Promise<StoredReceipt[]>
  }
  grants: ProjectChildRepository<ShareGrant>
  consents: ProjectChildRepository<PortfolioConsent>
  audit: {
    /** Throws `AtelierError('write_conflict')` when `seq` is taken (a concurrent append). */
    append(event: AuditEvent): Promise<void>
    head(projectId: string): Promise<ChainHead | undefined>
    list(projectId: string, query?: AuditQuery): Promise<AuditEvent[]>
  }
  accessLog: {
    append(entry: AccessLogEntry): Promise<void>
    list(projectId: string, query?: { limit?: number }): Promise<AccessLogEntry[]>
  }
  views: {
    /**
     * The stored document, if current: built, not marked stale since, and its `head` still the
     * project's newest audit event.
     */
    get(projectId: string, viewer: string): Promise<StoredView | undefined>
    /** Stores (or replaces) a document built in this transaction. */
    put(row: StoredView): Promise<void>
    /**
     * Marks the stored views of one client's projects, or of every project of the studio,
     * stale. It writes a marker even where no document is stored yet, so a document built from
     * an older snapshot can't be stored over it by a concurrent read.
     */
    invalidate(target: { clientId: string } | 'all'): Promise<void>
  }
  idempotency: {
    get(key: string): Promise<IdempotencyRecord | undefined>
    /** Inserts unless the key exists; returns false when it does. */
    insert(row: IdempotencyRecord): Promise<boolean>
    put(row: IdempotencyRecord): Promise<void>
    delete(key: string): Promise<void>
    /** Deletes the studio's records that expired before `before` (an ISO instant). */
    prune(before: string): Promise<void>
  }
  /**
   * The studio's records as stored, for moving a studio between stores (export, import, move):
   * read kind by kind, a page at a time in key order (`recordKey`), and written back
   * exactly as given — ids, versions, hashes and audit chains as they are, nothing derived,
   * no view marked.
   */
  records: {
    /**
     * Up to `limit` rows of `kind` whose key sorts after `cursor` (the previous page's `next`),
     * in key order. `next` is set when the page is full.
     */
    page<K extends RecordKind>(
      kind: K,
      cursor: string | undefined,
      limit: number,
    ): Promise<RecordPage<K>>
    /**
     * Inserts rows exactly as given. A key that exists (in the store or twice in `rows`)
     * throws `conflict`; a row of another studio throws `forbidden`.
     */
    insert<K extends RecordKind>(kind: K, rows: readonly StudioRecordKinds[K][]): Promise<void>
  }
}

/** Everything one transaction can touch. Only `studios`, `lookups` and `counters` are global. */
export interface StorageTransaction {
  studios: VersionedRepository<Studio> & { list(): Promise<Studio[]> }
  lookups: {
    get(key: string): Promise<Lookup | undefined>
    /** Throws `AtelierError('conflict')` when the key exists. */
    insert(row: Lookup): Promise<void>
    /** Up to `limit` lookups whose key starts with `prefix`, in key order. */
    list(prefix: string, limit: number): Promise<Lookup[]>
  }
  /**
   * Fixed-window counters for rate limits: increments and returns the count for the window.
   * Best effort and not part of the transaction: a single-process store may keep them in
   * memory (counting a request must not cost a durable write); a store shared by several
   * processes keeps them in the database so every process sees the same count.
   */
  counters: {
    hit(key: string, windowStart: number): Promise<number>
    prune(before: number): Promise<void>
  }
  /** The repositories of one studio, in this same transaction. */
  scoped(studioId: string): ScopedRepositories
}

/** How a transaction runs. */
export interface TransactionOptions {
  /** Only reads (an adapter may enforce it); sees one snapshot. */
  readOnly?: boolean
  /**
   * A write that must see one snapshot throughout and fail with `write_conflict` (the service
   * retries) if a row it writes changed since that snapshot (Postgres: `REPEATABLE READ`).
   */
  snapshot?: boolean
}

/** What {@link Storage.readClientView} finds: a client's stored view and its token's state. */
export interface ClientViewRead {
  /** The token's row, when it exists: whose it is and whether it is still live. */
  token?: { clientId: string; expiresAt: string; revokedAt?: string }
  /** The stored client view of the project, if current (as `views.get` finds it). */
  view?: StoredView
}

/**
 * The storage port. `transaction` runs `fn` atomically: everything it wrote commits together
 * or, when it throws, nothing does. Adapters implement it without domain logic.
 */
export interface Storage {
  /**
   * Rate-limit counters outside any transaction, for an adapter that counts more cheaply than
   * in a transaction: in process memory (a database one process writes), or in a transaction
   * of their own that need not wait for the disk (counts are best effort). Same semantics as
   * {@link StorageTransaction.counters}, which is used when this is absent.
   */
  counters?: StorageTransaction['counters']
  /**
   * A tracker read's whole storage work, outside any transaction: the state of client token
   * `tokenId` and the stored client view of `projectId`, both of studio `studioId`, read
   * together (one statement on SQL). It sees only committed state (and, where commits are
   * grouped before they are synced, only durable state), like a read-only transaction.
   */
  readClientView(query: {
    studioId: string
    projectId: string
    tokenId: string
  }): Promise<ClientViewRead>
  transaction<T>(
    fn: (tx: StorageTransaction) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>
  close(): Promise<void>
}
