import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { dialectOf } from './dialect-of.js'

// Released migrations are frozen: never edit this file; add `0008_...` instead.

/**
 * The tables of member sign-in, as Better Auth (1.7) reads and writes them through its Kysely
 * adapter, in Atelier's database: accounts (`auth_user`, with passwords in `auth_account`),
 * sessions, verification values (password-reset tokens, stored as their SHA-256) and TOTP
 * secrets (encrypted by Better Auth). Column names are Better Auth's (camelCase); the tables
 * are prefixed so they sit beside a host application's own. They belong to people, not to one
 * studio (a person may be a member of several), so they have no `studio_id` and no row-level
 * policy. Better Auth checks the columns it needs on first use; a test compares them with its
 * own schema.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely
async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const time = sql.raw(pg ? 'timestamptz' : 'date')
  const flag = sql.raw(pg ? 'boolean' : 'integer')
  const now = sql.raw(pg ? 'default current_timestamp' : '')
  await sql`create table auth_user (
    "id" text not null primary key,
    "name" text not null,
    "email" text not null unique,
    "emailVerified" ${flag} not null,
    "image" text,
    "createdAt" ${time} ${now} not null,
    "updatedAt" ${time} ${now} not null,
    "twoFactorEnabled" ${flag}
  )`.execute(db)
  await sql`create table auth_session (
    "id" text not null primary key,
    "expiresAt" ${time} not null,
    "token" text not null unique,
    "createdAt" ${time} ${now} not null,
    "updatedAt" ${time} not null,
    "ipAddress" text,
    "userAgent" text,
    "userId" text not null references auth_user ("id") on delete cascade,
    "activeStudioId" text
  )`.execute(db)
  await sql`create table auth_account (
    "id" text not null primary key,
    "accountId" text not null,
    "providerId" text not null,
    "userId" text not null references auth_user ("id") on delete cascade,
    "accessToken" text,
    "refreshToken" text,
    "idToken" text,
    "accessTokenExpiresAt" ${time},
    "refreshTokenExpiresAt" ${time},
    "scope" text,
    "password" text,
    "createdAt" ${time} ${now} not null,
    "updatedAt" ${time} not null
  )`.execute(db)
  await sql`create table auth_verification (
    "id" text not null primary key,
    "identifier" text not null,
    "value" text not null,
    "expiresAt" ${time} not null,
    "createdAt" ${time} ${now} not null,
    "updatedAt" ${time} ${now} not null
  )`.execute(db)
  await sql`create table auth_two_factor (
    "id" text not null primary key,
    "secret" text not null,
    "backupCodes" text not null,
    "userId" text not null references auth_user ("id") on delete cascade,
    "verified" ${flag},
    "failedVerificationCount" integer,
    "lockedUntil" ${time}
  )`.execute(db)
  await sql`create index auth_session_user_idx on auth_session ("userId")`.execute(db)
  await sql`create index auth_account_user_idx on auth_account ("userId")`.execute(db)
  await sql`create index auth_verification_identifier_idx on auth_verification ("identifier")`.execute(
    db,
  )
  await sql`create index auth_two_factor_secret_idx on auth_two_factor ("secret")`.execute(db)
  await sql`create index auth_two_factor_user_idx on auth_two_factor ("userId")`.execute(db)
}

/** `0007_accounts`: member sign-in's tables (Better Auth's accounts, sessions, two-factor). */
export const accounts: Migration = { up }
