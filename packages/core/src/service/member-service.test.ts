import { beforeEach, describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { isAtelierError } from '../errors/atelier-error.js'
import type { Role, Scope } from '../internal/atoms.js'
import type { MemberView } from '../member/member-view.js'
import { memoryStorage } from '../storage/memory-storage.js'
import { memberScope } from '../testing/permission-world.js'
import { type Scenario, seedProject } from '../testing/scenario.js'

let now = Date.parse('2026-11-22T08:00:00.000Z')

/** What a call was refused with: its code and details, or 'ok'. */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'ok' as const,
    (e: unknown) => {
      if (!isAtelierError(e)) throw e
      return { code: e.code, ...e.details }
    },
  )

describe('members', () => {
  let s: Scenario
  let system: Scope
  let owner: MemberView
  let ownerScope: Scope
  const add = (role: Role, name: string, studioId = s.studioId) =>
    s.atelier.members.add(
      { ...system, studioId },
      { userId: `usr_${name}`, name, email: `${name}@studio.example`, role },
    )
  beforeEach(async () => {
    now = Date.parse('2026-11-22T08:00:00.000Z')
    s = await seedProject(createAtelier({ storage: memoryStorage(), clock: () => new Date(now) }))
    system = { studioId: s.studioId, actor: { kind: 'system', id: 'cli', label: 'CLI' } }
    owner = await add('owner', 'wang')
    ownerScope = memberScope(s.studioId, owner)
  })

  it('invites by link: preview, then accept once, by the invited address in any case', async () => {
    const { invitation, token } = await s.atelier.members.invite(ownerScope, {
      email: 'Ana@Example.COM',
      role: 'designer',
      name: 'Ana',
    })
    expect(token).toMatch(/^atl_iv_[A-Za-z0-9_-]{43}$/)
    expect(invitation).toMatchObject({
      email: 'ana@example.com',
      status: 'pending',
      invitedBy: 'wang',
    })
    expect(JSON.stringify(await s.atelier.members.listInvitations(ownerScope))).not.toContain(
      token.slice(7),
    )
    expect(await s.atelier.members.previewInvitation(token)).toEqual({
      studio: { id: s.studioId, name: 'Studio 山海 Shanhai' },
      email: 'ana@example.com',
      role: 'designer',
      name: 'Ana',
      expiresAt: '2026-11-29T08:00:00.000Z',
    })
    const account = { userId: 'usr_ana', name: 'Ana Lima', email: 'ana@other.example' }
    expect(await refusal(s.atelier.members.acceptInvitation(token, account))).toMatchObject({
      code: 'forbidden',
    })
    expect((await s.atelier.members.list(s.scope)).map((m) => m.name)).toEqual(['wang'])

    const accepted = await s.atelier.members.acceptInvitation(token, {
      ...account,
      email: ' ANA@example.com ',
    })
    expect(accepted).toMatchObject({
      studioId: s.studioId,
      member: { userId: 'usr_ana', name: 'Ana Lima', email: 'ana@example.com', role: 'designer' },
    })
    const [listed] = await s.atelier.members.listInvitations(ownerScope)
    expect(listed).toMatchObject({ status: 'accepted', memberId: accepted.member.id })
    const again = { userId: 'usr_ana2', name: 'Ana', email: 'ana@example.com' }
    for (const p of [
      s.atelier.members.acceptInvitation(token, again),
      s.atelier.members.previewInvitation(token),
    ])
      expect(await refusal(p)).toMatchObject({ code: 'gone', reason: 'used' })
  })

  it('refuses expired, revoked and unknown links', async () => {
    const account = { userId: 'usr_li', name: 'Li', email: 'li@studio.example' }
    const expiring = await s.atelier.members.invite(ownerScope, {
      email: 'li@studio.example',
      role: 'viewer',
      ttlDays: 1,
    })
    now += 86_400_000
    expect(await refusal(s.atelier.members.previewInvitation(expiring.token))).toMatchObject({
      code: 'gone',
      reason: 'expired',
    })
    expect(
      await refusal(s.atelier.members.acceptInvitation(expiring.token, account)),
    ).toMatchObject({ code: 'gone', reason: 'expired' })
    const revoked = await s.atelier.members.invite(ownerScope, {
      email: 'li@studio.example',
      role: 'viewer',
    })
    const view = await s.atelier.members.revokeInvitation(ownerScope, revoked.invitation.id)
    expect(view.status).toBe('revoked')
    expect(await refusal(s.atelier.members.acceptInvitation(revoked.token, account))).toMatchObject(
      {
        code: 'gone',
        reason: 'revoked',
      },
    )
    for (const token of [`atl_iv_${'A'.repeat(43)}`, 'atl_iv_short', `atl_so_${'A'.repeat(43)}`])
      expect(await refusal(s.atelier.members.previewInvitation(token))).toMatchObject({
        code: 'unauthorized',
      })
    expect(
      await refusal(s.atelier.members.acceptInvitation(`atl_iv_${'B'.repeat(43)}`, account)),
    ).toMatchObject({ code: 'unauthorized' })
  })

  it('a new invitation to the same address revokes the earlier pending one', async () => {
    const first = await s.atelier.members.invite(ownerScope, {
      email: 'li@x.example',
      role: 'viewer',
    })
    const second = await s.atelier.members.invite(ownerScope, {
      email: 'LI@x.example',
      role: 'designer',
    })
    expect((await s.atelier.members.listInvitations(ownerScope)).map((i) => i.status)).toEqual([
      'revoked',
      'pending',
    ])
    expect(await refusal(s.atelier.members.previewInvitation(first.token))).toMatchObject({
      code: 'gone',
      reason: 'revoked',
    })
    expect((await s.atelier.members.previewInvitation(second.token)).role).toBe('designer')
  })

  it('invites no higher than the inviter, and never an existing member', async () => {
    const manager = memberScope(s.studioId, await add('manager', 'zhao'))
    expect(
      await refusal(s.atelier.members.invite(manager, { email: 'boss@x.example', role: 'owner' })),
    ).toMatchObject({ code: 'forbidden', fields: [{ path: 'role' }] })
    expect(await s.atelier.members.listInvitations(ownerScope)).toEqual([])
    const ok = await s.atelier.members.invite(manager, { email: 'm2@x.example', role: 'manager' })
    expect(ok.invitation.invitedBy).toBe('zhao')
    expect(
      await refusal(
        s.atelier.members.invite(ownerScope, { email: 'ZHAO@studio.example', role: 'viewer' }),
      ),
    ).toMatchObject({ code: 'conflict', fields: [{ path: 'email' }] })
    const designer = memberScope(s.studioId, await add('designer', 'chen'))
    expect(
      await refusal(s.atelier.members.invite(designer, { email: 'v@x.example', role: 'viewer' })),
    ).toMatchObject({ code: 'forbidden', permission: 'member.invite', role: 'designer' })
  })

  it('adds directly only as the system actor, each account once', async () => {
    const account = {
      userId: 'usr_zhou',
      name: 'Zhou',
      email: 'zhou@x.example',
      role: 'viewer' as const,
    }
    for (const scope of [ownerScope, s.scope])
      expect(await refusal(s.atelier.members.add(scope, account))).toMatchObject({
        code: 'forbidden',
      })
    await s.atelier.members.add(system, account)
    expect(await refusal(s.atelier.members.add(system, account))).toMatchObject({
      code: 'conflict',
    })
  })
})
