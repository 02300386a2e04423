import { beforeEach, describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { isAtelierError } from '../errors/atelier-error.js'
import type { Role, Scope } from '../internal/atoms.js'
import type { MemberView } from '../member/member-view.js'
import { memoryStorage } from '../storage/memory-storage.js'
import { memberScope } from '../testing/permission-world.js'
import { type Scenario, seedProject } from '../testing/scenario.js'

/** What a call was refused with: its code and details, or 'ok'. */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'ok' as const,
    (e: unknown) => {
      if (!isAtelierError(e)) throw e
      return { code: e.code, ...e.details }
    },
  )

const lastOwner = { code: 'conflict', rule: 'last_owner' }

describe('members: owners, leaving, live credentials, memberships, the audit', () => {
  let s: Scenario
  let system: Scope
  let owner: MemberView
  let ownerScope: Scope
  const add = (role: Role, name: string, studioId = s.studioId) =>
    s.atelier.members.add(
      { ...system, studioId },
      { userId: `usr_${name}`, name, email: `${name}@studio.example`, role },
    )
  /** A member as stored now (the last-owner rule bumps other owners' versions). */
  const current = async (id: string) => {
    const m = (await s.atelier.members.list(s.scope, { removed: true })).find((x) => x.id === id)
    if (!m) throw new Error(`member ${id} is not in the studio`)
    return m
  }
  const ref = ({ id, version }: MemberView) => ({ id, version })
  const note = (scope: Scope, text: string) =>
    s.atelier.projects.addNote(scope, { projectId: s.project.id, text, visibility: 'client' })

  beforeEach(async () => {
    const now = Date.parse('2026-11-22T08:00:00.000Z')
    s = await seedProject(createAtelier({ storage: memoryStorage(), clock: () => new Date(now) }))
    system = { studioId: s.studioId, actor: { kind: 'system', id: 'cli', label: 'CLI' } }
    owner = await add('owner', 'wang')
    ownerScope = memberScope(s.studioId, owner)
  })

  it('keeps a last owner from being demoted, removed or leaving, until another owner exists', async () => {
    const { members } = s.atelier
    expect(
      await refusal(members.changeRole(ownerScope, { ...ref(owner), role: 'manager' })),
    ).toMatchObject(lastOwner)
    expect(await refusal(members.remove(s.scope, ref(owner)))).toMatchObject(lastOwner)
    expect(await refusal(members.remove(ownerScope, ref(owner)))).toMatchObject(lastOwner)
    expect(await members.list(s.scope)).toEqual([owner])

    const li = await add('owner', 'li')
    const demoted = await members.changeRole(ownerScope, {
      ...ref(await current(owner.id)),
      role: 'manager',
    })
    expect(demoted.role).toBe('manager')
    const liScope = memberScope(s.studioId, li)
    expect(await refusal(members.remove(liScope, ref(await current(li.id))))).toMatchObject(
      lastOwner,
    )
    await members.changeRole(liScope, { ...ref(demoted), role: 'owner' })
    const wang = memberScope(s.studioId, await current(owner.id))
    expect((await members.remove(wang, ref(await current(li.id)))).removedAt).toBeDefined()
    expect((await members.list(s.scope)).map((m) => [m.name, m.role])).toEqual([['wang', 'owner']])
  })

  it('lets a member leave without member.manage, and refuses their credential from then on', async () => {
    const chen = await add('designer', 'chen')
    const zhou = await add('viewer', 'zhou')
    const chenScope = memberScope(s.studioId, chen)
    expect(await refusal(s.atelier.members.remove(chenScope, ref(zhou)))).toMatchObject({
      code: 'forbidden',
      permission: 'member.manage',
      role: 'designer',
    })
    const left = await s.atelier.members.remove(chenScope, ref(chen))
    expect(left.removedAt).toBe('2026-11-22T08:00:00.000Z')
    expect(await refusal(s.atelier.projects.list(chenScope))).toMatchObject({
      code: 'unauthorized',
    })
    expect(await refusal(note(chenScope, 'still here?'))).toMatchObject({ code: 'unauthorized' })
    expect((await s.atelier.members.list(s.scope)).map((m) => m.name)).toEqual(['wang', 'zhou'])
    expect((await s.atelier.members.list(s.scope, { removed: true })).length).toBe(3)

    await s.atelier.members.remove(ownerScope, ref(zhou))
    const zhouScope = memberScope(s.studioId, zhou)
    expect(await refusal(s.atelier.projects.view(zhouScope, s.project.id))).toMatchObject({
      code: 'unauthorized',
    })
    expect(await refusal(s.atelier.members.principal(s.studioId, 'usr_zhou'))).toMatchObject({
      code: 'forbidden',
    })
  })

  it('refuses a request made under a role the member no longer has, and writes nothing', async () => {
    const chen = await add('designer', 'chen')
    const stale = memberScope(s.studioId, chen)
    await s.atelier.members.changeRole(ownerScope, { ...ref(chen), role: 'viewer' })
    const before = (await s.atelier.audit.list(s.scope, s.project.id)).length
    // The table allows a designer's note; the live check sees the member is a viewer now.
    expect(await refusal(note(stale, '初稿已上传'))).toMatchObject({
      code: 'forbidden',
      role: 'viewer',
    })
    expect(await refusal(s.atelier.projects.view(stale, s.project.id))).toMatchObject({
      code: 'forbidden',
      role: 'viewer',
    })
    expect(await s.atelier.audit.list(s.scope, s.project.id)).toHaveLength(before)

    const principal = await s.atelier.members.principal(s.studioId, 'usr_chen')
    expect(principal).toMatchObject({ kind: 'member', memberId: chen.id, role: 'viewer' })
    const fresh = memberScope(s.studioId, await current(chen.id))
    expect((await s.atelier.projects.view(fresh, s.project.id)).id).toBe(s.project.id)
    expect(await refusal(note(fresh, '初稿已上传'))).toMatchObject({
      code: 'forbidden',
      permission: 'project.note',
      role: 'viewer',
    })
  })

  it('lists the studios an account belongs to, and drops one it was removed from', async () => {
    const second = await s.atelier.studios.create({ name: 'Studio 二 Second' })
    const chen = await add('designer', 'chen')
    await add('viewer', 'chen', second.id)
    await add('viewer', 'che')
    const studios = async (userId: string) =>
      (await s.atelier.members.memberships(userId))
        .map((m) => [m.studio.name, m.member.role])
        .sort()
    expect(await studios('usr_chen')).toEqual([
      ['Studio 二 Second', 'viewer'],
      ['Studio 山海 Shanhai', 'designer'],
    ])
    expect(await studios('usr_che')).toEqual([['Studio 山海 Shanhai', 'viewer']])
    expect(await studios('usr_nobody')).toEqual([])

    await s.atelier.members.remove(ownerScope, ref(chen))
    expect(await studios('usr_chen')).toEqual([['Studio 二 Second', 'viewer']])

    // Invited again, the account is a member again, and the studio is listed again.
    const { token } = await s.atelier.members.invite(ownerScope, {
      email: 'chen@studio.example',
      role: 'manager',
    })
    await s.atelier.members.acceptInvitation(token, {
      userId: 'usr_chen',
      name: 'chen',
      email: 'chen@studio.example',
    })
    expect(await studios('usr_chen')).toEqual([
      ['Studio 二 Second', 'viewer'],
      ['Studio 山海 Shanhai', 'manager'],
    ])
  })

  it('names the member in the audit chain, and the studio in the client’s activity', async () => {
    const chen = await add('designer', 'chen')
    const chenScope = memberScope(s.studioId, chen)
    await note(chenScope, '初稿已上传')
    const event = (await s.atelier.audit.list(s.scope, s.project.id)).at(-1)
    expect(event).toMatchObject({
      action: 'note.added',
      actor: { kind: 'member', id: chen.id, label: 'chen' },
    })
    expect((await s.atelier.audit.verify(chenScope, s.project.id)).valid).toBe(true)

    const noted = (view: { activity?: { action: string; actor: unknown }[] }) =>
      view.activity?.find((a) => a.action === 'note.added')?.actor
    expect(noted(await s.atelier.projects.view(chenScope, s.project.id))).toEqual({
      kind: 'member',
      label: 'chen',
    })
    const client = await s.atelier.projects.view(s.clientScope, s.project.id)
    expect(noted(client)).toEqual({ kind: 'studio', label: 'Studio 山海 Shanhai' })
    const doc = await s.atelier.projects.viewDocument(s.clientScope, s.project.id)
    expect(new TextDecoder().decode(doc.body)).not.toContain(chen.id)
    expect(JSON.stringify(client)).not.toContain(chen.id)
  })
})
