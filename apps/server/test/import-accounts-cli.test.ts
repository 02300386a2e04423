import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './archive-support.js'
import { asMember, type Json, postJson, signIn, tokenOf } from './member-support.js'
import { type CliResult, type RunningServer, runCli, startServer } from './run-cli.js'
import { stopWithin } from './two-servers-support.js'

/*
 * A demo studio exported from one installation and imported, through the built CLI, into
 * another that is serving: the owner has no account there, so the import makes one without a
 * password and names the command that makes their reset link; they set a password over HTTP,
 * sign in and work as owner. The designer has an account there already (they own a studio of
 * their own): they are linked to it, sign in with its password and see both studios. The
 * viewer, removed before the export, gets no account.
 */

const emails = {
  owner: 'owner@shanhai.example',
  designer: 'designer@shanhai.example',
  viewer: 'viewer@shanhai.example',
}
const designerHere = 'designer-password-here'

let server: RunningServer
let target: Record<string, string>
let seed: Json
let ownStudio: string
let imported: CliResult

const cli = (args: string[]) => runCli(args, target)
const password = (role: string) => seed.members.find((m: Json) => m.role === role).password

beforeAll(async () => {
  const dir = await tempDir('import-accounts-cli')
  const source = {
    ATELIER_DB: join(dir, 'source', 'atelier.db'),
    ATELIER_BLOBS: join(dir, 'source', 'blobs'),
    INIT_CWD: dir,
  }
  seed = JSON.parse((await runCli(['seed-demo', '--json'], source)).stdout)
  const studio = seed.studio.id
  const removed = await runCli(
    ['member', 'remove', '--studio', studio, '--member', emails.viewer],
    source,
  )
  expect(removed.code, removed.stderr).toBe(0)
  const archive = join(dir, 'studio.atelier')
  expect(
    (
      await runCli(['export', '--studio', studio], source, undefined, undefined, {
        stdout: archive,
      })
    ).code,
  ).toBe(0)

  // The target: a studio of the designer's own, so serve seeds no demo there.
  target = {
    ATELIER_DB: join(dir, 'target', 'atelier.db'),
    ATELIER_BLOBS: join(dir, 'target', 'blobs'),
    INIT_CWD: dir,
  }
  const own = await cli([
    'studio',
    'create',
    '--name',
    'Studio 陈',
    '--owner-email',
    emails.designer,
    '--json',
  ])
  const made = JSON.parse(own.stdout)
  ownStudio = made.id
  server = await startServer([], target)
  target.ATELIER_PUBLIC_URL = server.url
  const joined = await postJson(server.url, '/v1/invitations/accept', {
    token: tokenOf(made.owner.link),
    name: '陈小雨 Chen',
    password: designerHere,
  })
  expect(joined.status, JSON.stringify(joined.body)).toBe(201)

  imported = await runCli(['import', '--json'], target, undefined, undefined, { stdin: archive })
})
afterAll(async () => {
  if (server) await stopWithin(server)
})

describe('atelier import into a serving installation', () => {
  it('makes the owner an account without a password, links the designer, and says who needs one', () => {
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    const report = JSON.parse(imported.stdout)
    expect(report).toMatchObject({ studio: { id: seed.studio.id }, removed: 1 })
    expect(report.members.map((m: Json) => [m.email, m.role, m.account, m.needsPassword])).toEqual([
      [emails.owner, 'owner', 'created', true],
      [emails.designer, 'designer', 'linked', false],
    ])
    expect(report.needPassword).toEqual([
      {
        memberId: report.members[0].memberId,
        email: emails.owner,
        role: 'owner',
        command: `atelier member reset-link --email ${emails.owner}`,
      },
    ])
  })

  it('lets the owner set a password through the reset link it names, sign in, and work as owner', async () => {
    // The password of the other installation does not travel. (Sign-in takes three attempts
    // from one address in ten seconds: this file makes three.)
    expect((await signIn(server.url, emails.owner, password('owner'))).status).toBe(401)
    const made = await cli(['member', 'reset-link', '--email', emails.owner, '--json'])
    expect(made.stderr).toBe('')
    const { link } = JSON.parse(made.stdout)
    expect(link).toMatch(new RegExp(`^${server.url}/reset#t=`))
    const reset = await postJson(server.url, '/auth/reset-password', {
      token: tokenOf(link),
      newPassword: 'owner-password-here',
    })
    expect(reset.status, JSON.stringify(reset.body)).toBe(200)
    const session = await signIn(server.url, emails.owner, 'owner-password-here')
    expect(session.status).toBe(200)
    const as = (method: string, path: string, body?: unknown) =>
      asMember(server.url, session.cookie!, method, path, body)
    expect((await as('GET', '/v1/me')).body).toMatchObject({
      studioId: seed.studio.id,
      memberships: [{ studio: { id: seed.studio.id }, member: { role: 'owner' } }],
    })
    expect((await as('GET', '/v1/projects?limit=50')).body.items).toHaveLength(6)
    const invited = await as('POST', '/v1/invitations', {
      email: 'next@shanhai.example',
      role: 'manager',
    })
    expect(invited.status, JSON.stringify(invited.body)).toBe(201)
  })

  it('links the designer to their account here: its password, and both studios', async () => {
    const session = await signIn(server.url, emails.designer, designerHere)
    expect(session.status).toBe(200)
    const me = await asMember(server.url, session.cookie!, 'GET', '/v1/me')
    const roles = Object.fromEntries(
      me.body.memberships.map((m: Json) => [m.studio.id, m.member.role]),
    )
    expect(roles).toEqual({ [ownStudio]: 'owner', [seed.studio.id]: 'designer' })
  })

  it('says in `import --help` what happens to members’ accounts', async () => {
    const help = await cli(['import', '--help'])
    expect(help.stdout).toContain('atelier import [--json] < studio.atelier')
    expect(help.stdout).toContain(
      'or gets an account made now without a password (removed members get none)',
    )
    expect(help.stdout).toContain('`atelier member reset-link --email <address>`')
  })

  it('gives the removed viewer no account', async () => {
    const refused = await cli(['member', 'reset-link', '--email', emails.viewer])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^atelier: no account has the address viewer@shanhai\.example;/)
  })
})
