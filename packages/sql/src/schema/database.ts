import type { ColumnType } from 'kysely'

/**
 * A UTC instant: ISO-8601 text on SQLite, `timestamptz` on Postgres (read as a `Date`).
 *
 * @example
 * const at: Instant = '2026-11-22T08:00:00.000Z'
 */
export type Instant = ColumnType<string | Date, string, string>
/**
 * A JSON document: `text` on SQLite (read as text), `jsonb` on Postgres (read parsed).
 *
 * @example
 * const doc: Json = JSON.stringify({ title: 'Logo' })
 */
export type Json = ColumnType<unknown, string, string>
/**
 * A 64-bit integer: `integer` on SQLite, `bigint` on Postgres (read as a string).
 *
 * @example
 * const windowStart: Int64 = Date.now()
 */
export type Int64 = ColumnType<number | string, number, number>

interface Versioned {
  version: number
  created_at: Instant
  updated_at: Instant
  doc: Json
}

interface Owned extends Versioned {
  studio_id: string
  id: string
}

interface ProjectOwned extends Owned {
  project_id: string
}

/**
 * The tables of `@atelier/sql`, as Kysely sees them. Every studio-owned table has `studio_id`
 * first in its primary key; `studios`, `lookups` and `counters` are global. Fields that are
 * queried or compared are columns; the rest of a row is its `doc`.
 *
 * @example
 * const stages = await storage.db
 *   .selectFrom('projects').select(['stage', (eb) => eb.fn.countAll().as('n')])
 *   .where('studio_id', '=', studioId).groupBy('stage').execute()
 */
export interface AtelierDatabase {
  studios: Versioned & { id: string }
  lookups: { key: string; studio_id: string; ref_id: string }
  counters: { key: string; window_start: Int64; count: number }
  members: Owned & {
    user_id: string
    email: string
    role: string
    removed_at: Instant | null
  }
  invitations: Omit<Owned, 'updated_at'> & {
    email: string
    role: string
    token_hash: string
    expires_at: Instant
    accepted_at: Instant | null
    member_id: string | null
    revoked_at: Instant | null
  }
  api_keys: Omit<Owned, 'updated_at'> & {
    kind: string
    /** A secret key's role; null for a publishable key. */
    role: string | null
    token_hash: string
    revoked_at: Instant | null
  }
  client_tokens: Omit<Owned, 'updated_at'> & {
    client_id: string
    kind: string
    token_hash: string
    expires_at: Instant
    revoked_at: Instant | null
  }
  clients: Owned
  projects: Owned & { client_id: string; stage: string; confidentiality: string }
  deliverables: ProjectOwned & { kind: string; visibility: string; latest_version: number }
  file_versions: {
    studio_id: string
    deliverable_id: string
    n: number
    project_id: string
    sha256: string
    created_at: Instant
    doc: Json
  }
  revision_rounds: ProjectOwned & { n: number; status: string }
  signoffs: ProjectOwned & {
    purpose: string
    status: string
    token_hash: string
    expires_at: Instant
    receipt_id: string | null
  }
  receipts: {
    studio_id: string
    id: string
    project_id: string
    signoff_id: string
    created_at: Instant
    doc: Json
  }
  share_grants: ProjectOwned & {
    consent: string
    nda: string
    token_hash: string
    expires_at: Instant
    revoked_at: Instant | null
  }
  portfolio_consents: ProjectOwned & { status: string; signoff_id: string }
  audit_events: {
    studio_id: string
    project_id: string
    seq: number
    at: Instant
    action: string
    visibility: string
    prev_hash: string
    hash: string
    doc: Json
  }
  access_log: {
    studio_id: string
    id: string
    project_id: string
    at: Instant
    action: string
    doc: Json
  }
  project_views: {
    studio_id: string
    project_id: string
    viewer: string | null
    client_id: string | null
    etag: string | null
    valid_until: string | null
    body: Uint8Array<ArrayBuffer> | null
    head: number | null
  }
  idempotency: {
    studio_id: string
    key: string
    fingerprint: string
    state: string
    created_at: Instant
    expires_at: Instant
    doc: Json
  }
  /*
   * Member sign-in (migration 0007): Better Auth's tables with its own column names. They belong
   * to people, not to one studio; dates are `timestamptz` on Postgres, ISO text on SQLite, and
   * flags booleans on Postgres, 0/1 on SQLite.
   */
  auth_user: {
    id: string
    name: string
    email: string
    emailVerified: boolean | number
    image: string | null
    createdAt: Date | string
    updatedAt: Date | string
    twoFactorEnabled: boolean | number | null
  }
  auth_session: {
    id: string
    expiresAt: Date | string
    token: string
    createdAt: Date | string
    updatedAt: Date | string
    ipAddress: string | null
    userAgent: string | null
    userId: string
    activeStudioId: string | null
  }
  auth_account: {
    id: string
    accountId: string
    providerId: string
    userId: string
    accessToken: string | null
    refreshToken: string | null
    idToken: string | null
    accessTokenExpiresAt: Date | string | null
    refreshTokenExpiresAt: Date | string | null
    scope: string | null
    password: string | null
    createdAt: Date | string
    updatedAt: Date | string
  }
  auth_verification: {
    id: string
    identifier: string
    value: string
    expiresAt: Date | string
    createdAt: Date | string
    updatedAt: Date | string
  }
  auth_two_factor: {
    id: string
    secret: string
    backupCodes: string
    userId: string
    verified: boolean | number | null
    failedVerificationCount: number | null
    lockedUntil: Date | string | null
  }
}

/**
 * A table name of {@link AtelierDatabase}.
 *
 * @example
 * const table: TableName = 'audit_events'
 */
export type TableName = keyof AtelierDatabase
