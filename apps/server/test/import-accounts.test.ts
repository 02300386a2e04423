import { createReadStream, createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { createAtelier } from '@atelier/core'
import { openPostgres, openSqlite, type SqlStorage } from '@atelier/sql'
import { beforeAll, describe, expect, it } from 'vitest'
import { CliError } from '../src/cli-error.js'
import { exportCommand } from '../src/commands/export.js'
import { importCommand } from '../src/commands/import.js'
import { resolveConfig } from '../src/config.js'
import {
  archiveMembers,
  demoInstallation,
  postgresSchemaUrl,
  postgresUrl,
  recordsOf,
  tempDir,
} from './archive-support.js'
import {
  accountsOf,
  call,
  db,
  insertAccount,
  serverOver,
  signIn,
  URL,
  users,
} from './import-accounts-support.js'
import type { Json } from './member-support.js'

/*
 * `atelier import` gives an imported studio's live members accounts on the target, in the
 * import's own transaction: the owner, whose account is not there, gets one without a
 * password, sets it through a reset link and works as owner; the designer, whose address has
 * an account there, is linked to it and signs in with its password; a member whose account is
 * there keeps it; a removed member gets none. A refused or failed import writes no account.
 */

const here = { designer: 'designer-here-password', both: 'both-here-password' }
const both = { email: 'both@studio.example', name: 'Both 两边' }
const gone = { userId: 'user_archive_gone', name: 'Gone 走了', email: 'gone@studio.example' }

const system = { kind: 'system' as const, id: 'cli', label: 'atelier CLI' }

let dir: string
let install: Awaited<ReturnType<typeof demoInstallation>>
let studioId: string
let archive: string

beforeAll(async () => {
  dir = await tempDir('import-accounts')
  install = await demoInstallation(dir)
  studioId = install.seed.studio.id
  // Two more members: one whose account the targets have (its id is made there, below), and
  // one removed before the export.
  const source = await openSqlite(install.db)
  try {
    const atelier = createAtelier({ storage: source })
    const scope = { studioId, actor: system }
    await atelier.members.add(scope, { userId: 'user_both', ...both, role: 'manager' })
    const member = await atelier.members.add(scope, { ...gone, role: 'viewer' })
    await atelier.members.remove(scope, { id: member.id, version: member.version })
  } finally {
    await source.close()
  }
  archive = join(dir, 'studio.atelier')
  const file = createWriteStream(archive)
  const config = resolveConfig({ db: install.db, blobs: install.blobs })
  await exportCommand(config, studioId, file, () => {})
  file.end()
  await finished(file)
})

/** A target with the designer's address on an account of its own, and the `user_both` account. */
async function prepare(storage: SqlStorage, where: string): Promise<string> {
  const { auth } = serverOver(storage, where)
  const designer = await auth.createAccount({
    email: archiveMembers.designer.email,
    name: 'Li 在这里',
    password: here.designer,
  })
  await insertAccount(storage, { id: 'user_both', ...both, password: here.both })
  return designer.userId
}

const targets = [
  {
    name: 'a SQLite file',
    url: async () => join(dir, `target-${Math.random().toString(36).slice(2)}.db`),
    open: (file: string) => openSqlite(file),
  },
  ...(postgresUrl
    ? [{ name: 'Postgres', url: () => postgresSchemaUrl('import_accounts'), open: openPostgres }]
    : []),
]

describe.each(targets)('atelier import into $name', ({ url, open }) => {
  let target: string
  let designerHere: string
  const said: string[] = []
  const importInto = (db: string, lines: string[], json = false) =>
    importCommand(
      resolveConfig({ db, blobs: join(dir, `blobs-${Math.random().toString(36).slice(2)}`) }),
      createReadStream(archive),
      (text) => lines.push(text),
      json,
    )

  beforeAll(async () => {
    target = await url()
    const storage = await open(target)
    try {
      designerHere = await prepare(storage, target)
    } finally {
      await storage.close()
    }
    await importInto(target, said)
  })

  it('makes, links or keeps each live member’s account, and names who needs a password', async () => {
    const storage = await open(target)
    try {
      const members = await createAtelier({ storage }).members.list({ studioId, actor: system })
      const byEmail = Object.fromEntries(members.map((m) => [m.email, m.userId]))
      expect(byEmail).toEqual({
        [archiveMembers.owner.email]: archiveMembers.owner.userId,
        [archiveMembers.designer.email]: designerHere,
        [both.email]: 'user_both',
      })
      // Each member row as it was, the designer's naming the account here instead.
      const source = await openSqlite(install.db)
      const before = (await recordsOf(source, studioId)).members as Json[]
      await source.close()
      expect((await recordsOf(storage, studioId)).members).toEqual(
        before.map((m) =>
          m.email === archiveMembers.designer.email ? { ...m, userId: designerHere } : m,
        ),
      )
      const accounts = await users(storage)
      expect(accounts.map((u: Json) => u.email).sort()).toEqual(
        [archiveMembers.owner.email, archiveMembers.designer.email, both.email].sort(),
      )
      expect(accounts.find((u: Json) => u.id === archiveMembers.owner.userId)).toMatchObject({
        name: archiveMembers.owner.name,
        email: archiveMembers.owner.email,
        emailVerified: true,
      })
      // No password yet: no credential row until the reset makes one.
      expect(await accountsOf(storage, archiveMembers.owner.userId)).toEqual([])
      expect(accounts.some((u: Json) => u.id === gone.userId || u.email === gone.email)).toBe(false)
      // The lookup that lists the studio among a person's follows the designer to their account.
      const lookups = await storage.transaction((tx) => tx.lookups.list('member:', 100), {
        readOnly: true,
      })
      expect(lookups.map((l) => l.key)).toContain(`member:${designerHere}:${studioId}`)
      expect(lookups.map((l) => l.key)).not.toContain(
        `member:${archiveMembers.designer.userId}:${studioId}`,
      )
    } finally {
      await storage.close()
    }
    expect(said.slice(3)).toEqual([
      'members: 3 (1 with their account here, 1 linked to the account here that has their address, 1 with an account made now); 1 removed, with no account',
      'no password here yet for 1 member: make each their reset link (one hour, single use) with this --db, and send it to them:',
      `  atelier member reset-link --email ${archiveMembers.owner.email}`,
    ])
  })

  it('lets the owner set a password through a reset link, sign in, and work as owner', async () => {
    const storage = await open(target)
    try {
      const { auth, api } = serverOver(storage, target)
      const link = await auth.resetLink(archiveMembers.owner.email)
      expect(link).toMatch(/\/reset#t=\w+$/)
      const reset = await api.request(`${URL}/auth/reset-password`, {
        method: 'POST',
        headers: { Origin: URL, 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: link!.split('#t=')[1], newPassword: 'owner-new-password' }),
      })
      expect(reset.status, await reset.clone().text()).toBe(200)
      // Better Auth made the password record the account lacked.
      expect(await accountsOf(storage, archiveMembers.owner.userId)).toMatchObject([
        { providerId: 'credential', accountId: archiveMembers.owner.userId },
      ])
      const owner = await signIn(api, archiveMembers.owner.email, 'owner-new-password')
      expect(owner.status).toBe(200)
      const me = await call(api, owner.cookie, '/v1/me')
      expect(me.body).toMatchObject({
        studioId,
        memberships: [{ studio: { id: studioId }, member: { role: 'owner' } }],
      })
      expect((await call(api, owner.cookie, '/v1/projects?limit=50')).body.items).toHaveLength(6)
      const invited = await call(api, owner.cookie, '/v1/invitations', {
        email: 'next@studio.example',
        role: 'manager',
      })
      expect(invited.status, JSON.stringify(invited.body)).toBe(201)
    } finally {
      await storage.close()
    }
  })

  it('links the designer to their account here: their password, both studios', async () => {
    const storage = await open(target)
    try {
      const { api } = serverOver(storage, target)
      const designer = await signIn(api, archiveMembers.designer.email, here.designer)
      expect(designer.status).toBe(200)
      const me = await call(api, designer.cookie, '/v1/me')
      expect(me.body.user).toMatchObject({ id: designerHere, email: archiveMembers.designer.email })
      expect(me.body.memberships).toMatchObject([
        { studio: { id: studioId }, member: { role: 'designer' } },
      ])
      const kept = await signIn(api, both.email, here.both)
      expect((await call(api, kept.cookie, '/v1/me')).body.memberships).toMatchObject([
        { studio: { id: studioId }, member: { role: 'manager', userId: 'user_both' } },
      ])
    } finally {
      await storage.close()
    }
  })

  it('says the same in --json', async () => {
    const lines: string[] = []
    await importInto(await url(), lines, true)
    expect(lines).toHaveLength(1)
    const report = JSON.parse(lines[0]!)
    expect(report).toMatchObject({
      studio: { id: studioId, name: install.seed.studio.name },
      removed: 1,
      needPassword: [archiveMembers.owner.email, archiveMembers.designer.email, both.email].map(
        (email) => ({ email, command: `atelier member reset-link --email ${email}` }),
      ),
    })
    expect(report.members.map((m: Json) => m.account)).toEqual(['created', 'created', 'created'])
  })

  it('writes no account when the import fails after making them', async () => {
    const failing = await url()
    const storage = await open(failing)
    try {
      // A lookup the archive's last kind collides with: the owner's account is made first, then
      // the write fails, and the one transaction takes both back.
      await db(storage)
        .insertInto('lookups')
        .values({
          key: `member:${archiveMembers.owner.userId}:${studioId}`,
          studio_id: 'std_00000000000000000000000000',
          ref_id: 'x',
        })
        .execute()
    } finally {
      await storage.close()
    }
    const error = await importInto(failing, []).catch((e: unknown) => e)
    expect((error as Error).message).toBe(
      'lookups: 1 of the rows being written already exist; nothing was imported',
    )
    const after = await open(failing)
    try {
      expect(await users(after)).toEqual([])
      expect(await after.transaction((tx) => tx.studios.get(studioId), { readOnly: true })).toBe(
        undefined,
      )
    } finally {
      await after.close()
    }
  })

  it('refuses a member whose account id is here under another address, and writes nothing', async () => {
    const refused = await url()
    const storage = await open(refused)
    try {
      // The owner's account id is here, but it is someone else's address: perhaps another
      // person, so the member is not joined to it (nor to a new account of the same id).
      await insertAccount(storage, {
        id: archiveMembers.owner.userId,
        email: 'someone@else.example',
        name: 'x',
        password: 'some-password-1',
      })
    } finally {
      await storage.close()
    }
    const before = await open(refused)
    const accounts = await users(before)
    await before.close()
    const error = await importInto(refused, []).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliError)
    expect((error as Error).message).toMatch(
      new RegExp(
        `^member mem_\\w+ of the archive is the account ${archiveMembers.owner.userId} with the address ${archiveMembers.owner.email}, but the account ${archiveMembers.owner.userId} here has the address someone@else\\.example; nothing was imported$`,
      ),
    )
    const after = await open(refused)
    try {
      expect(await users(after)).toEqual(accounts)
      expect(await after.transaction((tx) => tx.studios.get(studioId), { readOnly: true })).toBe(
        undefined,
      )
      expect(await recordsOf(after, studioId)).toMatchObject({ members: [] })
    } finally {
      await after.close()
    }
  })
})
