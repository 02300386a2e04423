import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { TableName } from './database.js'
import { dialectOf } from './dialect-of.js'

type Privilege = 'select' | 'insert' | 'update' | 'delete'

/**
 * What the serving role may do to each table, and no more: append-only tables (audit chains,
 * access log, receipts, file versions, lookups) take no UPDATE or DELETE; only rate-limit
 * counters, idempotency records and the sign-in tables' rows are deleted. A table missing here fails to compile.
 */
const privileges = {
  studios: ['select', 'insert', 'update'],
  lookups: ['select', 'insert'],
  counters: ['select', 'insert', 'update', 'delete'],
  members: ['select', 'insert', 'update'],
  invitations: ['select', 'insert', 'update'],
  clients: ['select', 'insert', 'update'],
  api_keys: ['select', 'insert', 'update'],
  client_tokens: ['select', 'insert', 'update'],
  projects: ['select', 'insert', 'update'],
  deliverables: ['select', 'insert', 'update'],
  file_versions: ['select', 'insert'],
  revision_rounds: ['select', 'insert', 'update'],
  signoffs: ['select', 'insert', 'update'],
  receipts: ['select', 'insert'],
  share_grants: ['select', 'insert', 'update'],
  portfolio_consents: ['select', 'insert', 'update'],
  audit_events: ['select', 'insert'],
  access_log: ['select', 'insert'],
  project_views: ['select', 'insert', 'update'],
  idempotency: ['select', 'insert', 'update', 'delete'],
  // Member sign-in: accounts, sessions, reset tokens and two-factor secrets come and go.
  auth_user: ['select', 'insert', 'update', 'delete'],
  auth_session: ['select', 'insert', 'update', 'delete'],
  auth_account: ['select', 'insert', 'update', 'delete'],
  auth_verification: ['select', 'insert', 'update', 'delete'],
  auth_two_factor: ['select', 'insert', 'update', 'delete'],
} as const satisfies Record<TableName, readonly Privilege[]>

/**
 * Options of {@link grantAppRole}.
 *
 * @example
 * await grantAppRole(db, { role: 'atelier_app', password: process.env.ATELIER_APP_PASSWORD })
 */
export interface AppRoleOptions {
  /**
   * The role the server connects as (lower-case letters, digits and `_`).
   * @default 'atelier_app'
   */
  role?: string
  /**
   * Lets the role log in with this password (printable ASCII, at least 12 characters). It is
   * sent as a SCRAM-SHA-256 verifier computed here, so the password never reaches the server or
   * its logs. Unset: a new role is created `NOLOGIN`, and an existing one keeps its login.
   * @default undefined
   */
  password?: string
}

/**
 * What {@link grantAppRole} did.
 *
 * @example
 * const { role, created, login } = await grantAppRole(db)
 */
export interface AppRoleReport {
  role: string
  /** Whether this call created the role. */
  created: boolean
  /** Whether the role can log in. */
  login: boolean
  /** The schema it was granted Atelier's tables in. */
  schema: string
}

/** A SCRAM-SHA-256 verifier of `password`, as Postgres stores it (what psql's \password sends). */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256')
  const hmac = (text: string) => createHmac('sha256', salted).update(text).digest()
  const storedKey = createHash('sha256').update(hmac('Client Key')).digest('base64')
  const serverKey = hmac('Server Key').toString('base64')
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey}:${serverKey}`
}

const fail = (message: string) => new Error(`@atelier/sql: ${message}`)

/**
 * Creates (if missing) the role the server connects as on Postgres, a role row-level security
 * applies to, and grants it what the server needs on Atelier's tables in the current schema:
 * not a superuser, not `BYPASSRLS`, owner of nothing. Run it as the tables' owner after
 * {@link migrateToLatest} (`atelier migrate` does); creating the role needs `CREATEROLE`, an
 * existing role only needs the grants. Refuses a role that would bypass the policies. Safe to
 * run again; it adds grants for tables of later migrations.
 *
 * @example
 * await migrateToLatest(db)
 * await grantAppRole(db, { password: process.env.ATELIER_APP_PASSWORD })
 * // then serve with postgres://atelier_app:<password>@host/db
 */
export async function grantAppRole(
  // biome-ignore lint/suspicious/noExplicitAny: runs on any Kysely instance over Atelier's tables
  db: Kysely<any>,
  options: AppRoleOptions = {},
): Promise<AppRoleReport> {
  const { role = 'atelier_app', password } = options
  if (dialectOf(db) !== 'postgres') throw fail('roles and row-level security are Postgres features')
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) {
    throw fail(`role must be lower-case letters, digits and _, not "${role}"`)
  }
  if (password !== undefined && !/^[\x21-\x7e]{12,}$/.test(password)) {
    throw fail('the password must be at least 12 printable ASCII characters, without spaces')
  }
  const {
    rows: [me],
  } = await sql<{ user: string; schema: string | null }>`
    select current_user as "user", current_schema() as "schema"`.execute(db)
  if (!me?.schema) throw fail('no current schema; check the search_path')
  if (me.user === role) {
    throw fail(`connected as ${role} itself: run this as the tables' owner`)
  }
  const id = sql.id(role)
  const login =
    password === undefined ? sql`` : sql` login password ${sql.lit(scramVerifier(password))}`
  let found = await roleOf(db, role)
  let created = false
  if (!found) {
    try {
      await sql`create role ${id} ${password === undefined ? sql`nologin` : login}
        nosuperuser nocreatedb nocreaterole noreplication nobypassrls`.execute(db)
      created = true
    } catch (error) {
      // Another process created it meanwhile; anything else (no CREATEROLE) is for the operator.
      const code = (error as { code?: string }).code
      if (code !== '42710' && code !== '23505') {
        throw fail(
          `cannot create role ${role} (${(error as Error).message}); create it as an administrator ` +
            `(create role ${role} login password '…' nosuperuser nobypassrls) and run this again`,
        )
      }
    }
    found = await roleOf(db, role)
  } else if (password !== undefined) {
    await sql`alter role ${id}${login}`.execute(db)
  }
  if (!found) throw fail(`role ${role} was not created`)
  if (found.super || found.bypass) {
    throw fail(
      `role ${role} is ${found.super ? 'a superuser' : 'BYPASSRLS'}: row-level security would not apply to it`,
    )
  }
  // The owner, or any role that is (or can become) a member of the owner, may lift the policies.
  const { rows: owned } = await sql<{ table: string; owner: string }>`
    select tablename as "table", tableowner as owner from pg_tables
    where schemaname = ${me.schema} and pg_has_role(${role}, tableowner, 'MEMBER')`.execute(db)
  if (owned.length) {
    const owners = [...new Set(owned.map((t) => t.owner))]
    throw fail(
      `role ${role} ${owners.includes(role) ? 'owns' : `is a member of ${owners.join(', ')}, which own`} ` +
        `${owned.map((t) => t.table).join(', ')}: the owner may lift the policies`,
    )
  }
  await sql`grant usage on schema ${sql.id(me.schema)} to ${id}`.execute(db)
  for (const [table, allowed] of Object.entries(privileges)) {
    await sql`grant ${sql.raw(allowed.join(', '))} on ${sql.id(me.schema, table)} to ${id}`.execute(
      db,
    )
  }
  // The start-up check that the schema is current (migrations themselves are the owner's).
  await sql`grant select on ${sql.id(me.schema, 'atelier_migration')} to ${id}`.execute(db)
  return { role, created, login: password !== undefined || found.login, schema: me.schema }
}

// biome-ignore lint/suspicious/noExplicitAny: any Kysely instance
async function roleOf(db: Kysely<any>, role: string) {
  const { rows } = await sql<{ super: boolean; bypass: boolean; login: boolean }>`
    select rolsuper as "super", rolbypassrls as "bypass", rolcanlogin as "login"
    from pg_roles where rolname = ${role}`.execute(db)
  return rows[0]
}
