import { expect, it } from 'vitest'
import { isAtelierError } from '../errors/atelier-error.js'
import type { Role } from '../internal/atoms.js'
import type { Invitation, Member } from '../member/member.js'
import type { Storage } from '../storage/storage-port.js'
import { fixtureId } from './fixtures.js'
import type { Seed } from './query-contract.js'

const T = '2026-11-22T08:00:00.000Z'

const member = (studioId: string, userId: string, over: Partial<Member> = {}): Member => ({
  id: fixtureId('mem'),
  studioId,
  userId,
  name: '王 Member',
  email: `${userId.toLowerCase()}@example.com`,
  role: 'designer' as Role,
  createdAt: T,
  updatedAt: T,
  version: 1,
  ...over,
})

const invitation = (studioId: string, over: Partial<Invitation> = {}): Invitation => ({
  id: fixtureId('inv'),
  studioId,
  email: 'invited@example.com',
  role: 'viewer',
  tokenHash: fixtureId('hash').padEnd(64, '0'),
  hint: 'abcd',
  invitedBy: { kind: 'member', id: 'mem_inviter', label: '王 Owner' },
  createdAt: T,
  expiresAt: '2026-11-29T08:00:00.000Z',
  version: 1,
  ...over,
})

/**
 * The members half of the storage contract: members listed and found by account (removed ones
 * kept, but only listed when asked), invitations, compare-and-set on both, their studio scope,
 * and lookups listed by key prefix. Run by `runStorageContract`.
 *
 * @example
 * runMembersContract(() => storage, seed) // inside a describe whose beforeAll makes `storage`
 */
export function runMembersContract(store: () => Storage, seed: Seed): void {
  // The storage exists only once the suite's beforeAll has run: reach it per call.
  const transaction: Storage['transaction'] = (fn, options) => store().transaction(fn, options)

  it('lists members in id order, removed ones only when asked; byUser ignores removed members', async () => {
    const { studio } = await seed()
    const user = fixtureId('usr')
    const left = member(studio.id, user, { removedAt: T, role: 'manager', version: 3 })
    const back = member(studio.id, user, { name: '王 Returned' })
    const other = member(studio.id, fixtureId('usr'), { role: 'owner' })
    const gone = member(studio.id, fixtureId('usr'), { removedAt: T })
    await transaction(async (tx) => {
      for (const m of [left, back, other, gone]) await tx.scoped(studio.id).members.insert(m)
    })
    await transaction(
      async (tx) => {
        const s = tx.scoped(studio.id).members
        expect(await s.list()).toEqual([back, other])
        expect(await s.list({ removed: false })).toEqual([back, other])
        expect(await s.list({ removed: true })).toEqual([left, back, other, gone])
        expect(await s.byUser(user)).toEqual(back)
        expect(await s.byUser(other.userId)).toEqual(other)
        expect(await s.byUser(gone.userId)).toBeUndefined()
        expect(await s.byUser(fixtureId('usr'))).toBeUndefined()
        expect(await s.get(left.id)).toEqual(left)
        expect(await s.get(back.id)).not.toHaveProperty('removedAt')
      },
      { readOnly: true },
    )
    const dup = await transaction((tx) => tx.scoped(studio.id).members.insert(back)).catch(
      (e: unknown) => e,
    )
    expect(isAtelierError(dup, 'conflict')).toBe(true)
    // One live membership per account: a second one (two joins racing) is a conflict.
    const twice = await transaction((tx) =>
      tx.scoped(studio.id).members.insert(member(studio.id, user, { name: 'twice' })),
    ).catch((e: unknown) => e)
    expect(isAtelierError(twice, 'conflict')).toBe(true)
  })

  it('updates members and invitations with compare-and-set on version', async () => {
    const { studio } = await seed()
    const m = member(studio.id, fixtureId('usr'))
    const inv = invitation(studio.id, { name: '李 Invitee' })
    await transaction(async (tx) => {
      await tx.scoped(studio.id).members.insert(m)
      await tx.scoped(studio.id).invitations.insert(inv)
    })
    const removed = { ...m, removedAt: T, version: 2 }
    const accepted = { ...inv, acceptedAt: T, memberId: m.id, version: 2 }
    const [first, stale] = await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      return [
        [await s.members.update(removed, 1), await s.invitations.update(accepted, 1)],
        [
          await s.members.update({ ...m, role: 'owner', version: 2 }, 1),
          await s.invitations.update({ ...inv, revokedAt: T, version: 2 }, 1),
        ],
      ]
    })
    expect([first, stale]).toEqual([
      [true, true],
      [false, false],
    ])
    await transaction(async (tx) => {
      const s = tx.scoped(studio.id)
      expect(await s.members.get(m.id)).toEqual(removed)
      expect(await s.members.byUser(m.userId)).toBeUndefined()
      expect(await s.invitations.get(inv.id)).toEqual(accepted)
      expect(await s.invitations.get(inv.id)).not.toHaveProperty('revokedAt')
    })
  })

  it('lists invitations in id order, exactly as written', async () => {
    const { studio } = await seed()
    const rows = [
      invitation(studio.id),
      invitation(studio.id, { role: 'manager', name: '李 Designer', revokedAt: T, version: 2 }),
      invitation(studio.id, { invitedBy: { kind: 'system', id: 'cli', label: 'atelier' } }),
    ]
    await transaction(async (tx) => {
      for (const row of [...rows].reverse()) await tx.scoped(studio.id).invitations.insert(row)
    })
    const read = await transaction((tx) => tx.scoped(studio.id).invitations.list())
    expect(read).toEqual(rows)
    expect(read[0]).not.toHaveProperty('name')
    expect(read[0]).not.toHaveProperty('acceptedAt')
  })

  it('keeps members and invitations in their studio: another studio neither reads nor writes them', async () => {
    const a = await seed()
    const b = await seed()
    const m = member(a.studio.id, fixtureId('usr'))
    const inv = invitation(a.studio.id)
    await transaction(async (tx) => {
      await tx.scoped(a.studio.id).members.insert(m)
      await tx.scoped(a.studio.id).invitations.insert(inv)
    })
    await transaction(async (tx) => {
      const s = tx.scoped(b.studio.id)
      expect(await s.members.get(m.id)).toBeUndefined()
      expect(await s.members.list({ removed: true })).toEqual([])
      expect(await s.members.byUser(m.userId)).toBeUndefined()
      expect(await s.invitations.get(inv.id)).toBeUndefined()
      expect(await s.invitations.list()).toEqual([])
      // A's rows, as they are or relabelled as B's, update nothing through B's scope.
      for (const studioId of [a.studio.id, b.studio.id]) {
        expect(await s.members.update({ ...m, studioId, role: 'owner', version: 2 }, 1)).toBe(false)
        expect(await s.invitations.update({ ...inv, studioId, version: 2 }, 1)).toBe(false)
      }
    })
    for (const write of [
      (tx: Parameters<Parameters<Storage['transaction']>[0]>[0]) =>
        tx.scoped(b.studio.id).members.insert(member(a.studio.id, fixtureId('usr'))),
      (tx: Parameters<Parameters<Storage['transaction']>[0]>[0]) =>
        tx.scoped(b.studio.id).invitations.insert(invitation(a.studio.id)),
    ]) {
      const error = await transaction(write).catch((e: unknown) => e)
      expect(isAtelierError(error, 'forbidden')).toBe(true)
    }
    await transaction(async (tx) => {
      expect(await tx.scoped(a.studio.id).members.list()).toEqual([m])
      expect(await tx.scoped(a.studio.id).invitations.list()).toEqual([inv])
    })
  })

  it('lists lookups by key prefix in key order, up to the limit, exactly at the boundaries', async () => {
    const { studio } = await seed()
    const user = fixtureId('usr')
    const prefix = `member:${user}:`
    const inside = [prefix, `${prefix}std_b`, `${prefix}std_a`, `${prefix}~`, `${prefix}\x7f`]
    // Just outside: shorter, the next character in the prefix's last place, and the keys of
    // accounts whose ids extend this one's, sorting before and after it.
    const outside = [
      `member:${user}`,
      `member:${user};`,
      `member:${user};std_a`,
      `member:${user}9:std_a`,
      `member:${user}_:std_a`,
      `member:${user}0:`,
    ]
    const keys = [...inside, ...outside]
    await transaction(async (tx) => {
      for (const [i, key] of keys.entries()) {
        await tx.lookups.insert({ key, studioId: studio.id, refId: `ref_${i}` })
      }
    })
    const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    const ordered = [...inside].sort(byKey)
    await transaction(
      async (tx) => {
        const list = async (p: string, limit: number) =>
          (await tx.lookups.list(p, limit)).map((l) => l.key)
        expect(await list(prefix, 100)).toEqual(ordered)
        expect(await list(prefix, 2)).toEqual(ordered.slice(0, 2))
        expect(await list(prefix, 0)).toEqual([])
        expect(await list(`${prefix}\x7f`, 100)).toEqual([`${prefix}\x7f`])
        expect(await list(`${prefix}std_`, 100)).toEqual([`${prefix}std_a`, `${prefix}std_b`])
        expect(await list(`${prefix}std_c`, 100)).toEqual([])
        expect(await list(`member:${user}`, 100)).toEqual(
          keys.filter((k) => k.startsWith(`member:${user}`)).sort(byKey),
        )
        const [first] = await tx.lookups.list(prefix, 1)
        expect(first).toEqual({ key: prefix, studioId: studio.id, refId: 'ref_0' })
      },
      { readOnly: true },
    )
  })
}
