import { describe, expect, it } from 'vitest'
import {
  asMember,
  cliBesideServer,
  type Json,
  postJson,
  signIn,
  tokenOf,
} from './member-support.js'
import { waitUntil } from './run-cli.js'
import { logLines } from './two-servers-support.js'

/*
 * The member commands against a running server on a SQLite file: `studio create
 * --owner-email` prints a setup link that makes the first owner over HTTP; `member invite`,
 * `list`, `role` and `remove` manage the studio's people, and refuse to leave it without an
 * owner; `member reset-link` makes a link whose token resets the password once.
 */

let studioId: string
const boss = { email: 'boss@studio.example', password: 'boss-first-password' }

const { cli, json, server } = cliBesideServer('member-cli')
/** A refusal: exit 1, one line on stderr. */
async function refused(args: string[], message: RegExp) {
  const result = await cli(args)
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: '' })
  expect(result.stderr.trim()).toMatch(message)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
}
const members = async () => (await json(['member', 'list', '--studio', studioId])).members as Json[]

describe('atelier studio create --owner-email', () => {
  it('prints a one-time setup link through which the first owner makes their account', async () => {
    const made = await cli([
      'studio',
      'create',
      '--name',
      'Studio 设置',
      '--owner-email',
      'Boss@Studio.example',
      '--owner-name',
      '老板 Boss',
    ])
    expect(made.code).toBe(0)
    studioId = made.stdout.match(/^studio (std_\w+) "Studio 设置" created/)![1]!
    const link = made.stdout.match(/^(http\S+)$/m)![1]!
    expect(link).toMatch(new RegExp(`^${server().url}/join#t=atl_iv_[A-Za-z0-9_-]{43}$`))
    expect(made.stdout).toContain('the owner, boss@studio.example, sets up their account')

    const accepted = await postJson(server().url, '/v1/invitations/accept', {
      token: tokenOf(link),
      password: boss.password,
    })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201)
    expect(accepted.body).toMatchObject({
      studioId,
      member: { email: boss.email, name: '老板 Boss', role: 'owner' },
    })
    const again = await postJson(server().url, '/v1/invitations/accept', {
      token: tokenOf(link),
      password: boss.password,
    })
    expect(again.status).toBe(410)

    const session = await signIn(server().url, boss.email, boss.password)
    expect(session.status).toBe(200)
    const me = await asMember(server().url, session.cookie!, 'GET', '/v1/me')
    expect(me.body).toMatchObject({ studioId, memberships: [{ member: { role: 'owner' } }] })

    const other = await json([
      'studio',
      'create',
      '--name',
      'Studio JSON',
      '--owner-email',
      'o@x.example',
    ])
    expect(other.owner).toMatchObject({
      email: 'o@x.example',
      invitationId: expect.stringMatching(/^inv_/),
      link: expect.stringMatching(new RegExp(`^${server().url}/join#t=atl_iv_`)),
    })
  })
})

describe('atelier member invite, list, role and remove', () => {
  it('invites a designer, keeps the last owner, hands the studio over, removes the first owner', async () => {
    const invited = await json([
      'member',
      'invite',
      '--studio',
      studioId,
      '--email',
      'dana@studio.example',
      '--role',
      'designer',
      '--name',
      'Dana',
    ])
    expect(invited.link).toBe(`${server().url}/join#t=${invited.token}`)
    expect((await json(['member', 'list', '--studio', studioId])).invitations).toMatchObject([
      { email: 'dana@studio.example', role: 'designer', status: 'pending' },
    ])
    const joined = await postJson(server().url, '/v1/invitations/accept', {
      token: invited.token,
      password: 'dana-password-123',
    })
    expect(joined.status, JSON.stringify(joined.body)).toBe(201)
    const listed = await cli(['member', 'list', '--studio', studioId])
    expect(listed.stdout).toMatch(/^"Studio 设置" \(std_\w+\): 2 members$/m)
    expect(listed.stdout).toMatch(/^ {2}mem_\w+ {2}owner {5}boss@studio\.example {2}老板 Boss$/m)
    expect(listed.stdout).toMatch(/^ {2}mem_\w+ {2}designer {2}dana@studio\.example {2}Dana$/m)

    // The only owner may be neither demoted nor removed, by address or by id; nothing changes.
    const before = await members()
    const owner = before.find((m) => m.role === 'owner')
    await refused(
      [
        'member',
        'role',
        '--studio',
        studioId,
        '--member',
        'BOSS@studio.example',
        '--role',
        'manager',
      ],
      /^atelier: the last owner cannot be demoted; make another member owner first$/,
    )
    await refused(
      ['member', 'remove', '--studio', studioId, '--member', owner.id],
      /^atelier: the last owner cannot be removed; make another member owner first$/,
    )
    expect(await members()).toEqual(before)

    const promoted = await json([
      'member',
      'role',
      '--studio',
      studioId,
      '--member',
      'dana@studio.example',
      '--role',
      'owner',
    ])
    expect(promoted).toMatchObject({ email: 'dana@studio.example', role: 'owner', version: 2 })
    const removed = await cli(['member', 'remove', '--studio', studioId, '--member', boss.email])
    expect(removed.stdout).toMatch(
      /^boss@studio\.example \(mem_\w+\) was removed from "Studio 设置"/,
    )
    expect((await members()).map((m) => [m.email, m.role])).toEqual([
      ['dana@studio.example', 'owner'],
    ])
  })

  it.each([
    [
      ['member', 'list', '--studio', 'std_00000000000000000000000000'],
      /^atelier: there is no studio std_0+ in /,
    ],
    [['member', 'remove', '--member', 'x@y.example'], /^atelier: member remove needs --studio/],
    [
      ['member', 'invite', '--studio', 'std_x', '--email', 'a@b.example', '--role', 'boss'],
      /^atelier: --role must be one of owner, manager, designer, viewer, not "boss"$/,
    ],
    [
      ['member', 'reset-link', '--email', 'nobody@studio.example'],
      /^atelier: no account has the address nobody@studio\.example;/,
    ],
  ])('refuses %j with one clear line', async (args, message) => {
    const result = await cli(args)
    expect(result.code).not.toBe(0)
    expect(result.stderr.trim()).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('says in `export --help` that accounts stay with the installation', async () => {
    const help = await cli(['export', '--help'])
    expect(help.stdout).toContain(
      'member accounts (passwords, two-factor, sessions) belong to the installation and are not in the archive',
    )
  })

  it('refuses a member the studio does not have', async () => {
    await refused(
      ['member', 'remove', '--studio', studioId, '--member', 'nobody@studio.example'],
      new RegExp(`^atelier: studio ${studioId} has no member nobody@studio.example; `),
    )
  })
})

describe('atelier member reset-link', () => {
  it('makes a link whose token sets a new password once', async () => {
    const made = await json(['member', 'reset-link', '--email', 'Boss@studio.example'])
    expect(made.email).toBe(boss.email)
    expect(made.link).toMatch(new RegExp(`^${server().url}/reset#t=[A-Za-z0-9]{24}$`))
    const token = tokenOf(made.link)
    const reset = await postJson(server().url, '/auth/reset-password', {
      token,
      newPassword: 'boss-second-password',
    })
    expect(reset.status, JSON.stringify(reset.body)).toBe(200)
    const reused = await postJson(server().url, '/auth/reset-password', {
      token,
      newPassword: 'boss-third-password',
    })
    expect(reused.status).toBe(400)
    expect(reused.body).toMatchObject({ code: 'invalid_input', reason: 'invalid_token' })
    expect((await signIn(server().url, boss.email, 'boss-second-password')).status).toBe(200)
    expect((await signIn(server().url, boss.email, boss.password)).status).toBe(401)
  })

  it('notes a reset asked for on the web, and never logs the address, the link or its token', async () => {
    const asked = await postJson(server().url, '/auth/request-password-reset', {
      email: boss.email,
    })
    expect(asked.status).toBe(200)
    const { link } = await json(['member', 'reset-link', '--email', boss.email])
    const token = tokenOf(link)
    const opened = await fetch(`${server().url}/auth/reset-password/${token}?callbackURL=/reset`, {
      redirect: 'manual',
    })
    // Better Auth's link form (the token in the path, then in a query) is not served: ours is
    // /reset#t=…, whose token no server sees.
    expect(opened.status).toBe(404)
    expect(opened.headers.get('location')).toBeNull()
    const noted = (line: Json) =>
      String(line.message).startsWith('a member asked for a password reset')
    const redacted = (line: Json) => line.path === '/auth/reset-password/[redacted]'
    // Both lines are written once the answers are sent: wait for them to arrive.
    await waitUntil(
      () => logLines(server().output()).some(noted) && logLines(server().output()).some(redacted),
      'the reset note and the redacted request line in the log',
      () => server().output(),
    )
    const note = logLines(server().output()).find(noted)!
    expect(note).toMatchObject({ level: 'info' })
    expect(String(note.message)).toContain('atelier member reset-link')
    const logged = JSON.stringify(logLines(server().output()))
    expect(logged).not.toContain(token)
    expect(logged).not.toContain(boss.email)
    expect(logged).not.toContain('/reset#t=')
  })
})
