import { createAtelier } from '@atelier/core'
import { atelierApi, type MemberAuth } from '@atelier/hono'
import type { SqlStorage } from '@atelier/sql'
import type { Kysely } from 'kysely'
import { openAuth } from '../src/open-auth.js'
import type { OpenedStorage } from '../src/open-storage.js'
import type { Json } from './member-support.js'

/** The sign-in secret and public URL the in-process servers run with. */
export const SECRET = 'import-accounts-test-secret-0123456789-abcdefghijk'
export const URL = 'http://127.0.0.1:3030'

/** The storage's Kysely, for Better Auth's tables (which are not in Atelier's typed schema). */
// biome-ignore lint/suspicious/noExplicitAny: Better Auth's tables are not in Atelier's schema
export const db = (storage: SqlStorage) => storage.db as unknown as Kysely<any>
/** The storage as `openStorage` hands it over. */
export const opened = (storage: SqlStorage, where: string) =>
  ({ kind: storage.dialect, storage, where }) as OpenedStorage

type Api = ReturnType<typeof atelierApi>

/** A target's sign-in and API, in process, as `serve` wires them. */
export function serverOver(storage: SqlStorage, where: string): { auth: MemberAuth; api: Api } {
  const atelier = createAtelier({ storage })
  const auth = openAuth(atelier, opened(storage, where), SECRET, URL)
  return { auth, api: atelierApi(atelier, { publicUrl: URL, auth }) }
}

/** `POST /auth/sign-in/email` from the server's own origin: the status and the session cookie. */
export async function signIn(api: Api, email: string, password: string) {
  const res = await api.request(`${URL}/auth/sign-in/email`, {
    method: 'POST',
    headers: { Origin: URL, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { status: res.status, cookie }
}

/** A signed-in member's request: GET, or POST with `body` as JSON. */
export async function call(api: Api, cookie: string, path: string, body?: Json) {
  const res = await api.request(`${URL}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Cookie: cookie, Origin: URL, 'Content-Type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as Json }
}

/** Every `auth_user` row, its flag a boolean whatever the database. */
export const users = async (storage: SqlStorage) =>
  (await db(storage).selectFrom('auth_user').selectAll().orderBy('id').execute()).map(
    (u: Json) => ({ ...u, emailVerified: Boolean(u.emailVerified) }),
  )
/** An account's `auth_account` rows (a password is a `credential` one). */
export const accountsOf = async (storage: SqlStorage, userId: string) =>
  db(storage).selectFrom('auth_account').selectAll().where('userId', '=', userId).execute()

/** An account with a password, with the id given (as `move` would have carried it). */
export async function insertAccount(
  storage: SqlStorage,
  account: { id: string; email: string; name: string; password: string },
) {
  const { auth } = serverOver(storage, 'test')
  const hash = await (await auth.auth.$context).password.hash(account.password)
  const sqlite = storage.dialect === 'sqlite'
  const now = sqlite ? new Date().toISOString() : new Date()
  const flag = (value: boolean) => (sqlite ? Number(value) : value)
  const { id, email, name } = account
  await db(storage)
    .insertInto('auth_user')
    .values({ id, email, name, emailVerified: flag(true), createdAt: now, updatedAt: now })
    .execute()
  await db(storage)
    .insertInto('auth_account')
    .values({
      id: `acc_${id}`,
      accountId: id,
      providerId: 'credential',
      userId: id,
      password: hash,
      createdAt: now,
      updatedAt: now,
    })
    .execute()
}
