import { expect } from 'vitest'
import { op } from './permission-operation.js'
import type { PermissionHarness } from './permission-world.js'

const studioVersion = async (h: PermissionHarness) => ({
  studioVersion: (await h.atelier.studios.get(h.stock.studioId)).version,
})

const addMember = async (h: PermissionHarness, unique: string) => {
  const m = await h.atelier.members.add(h.system, {
    userId: `usr_${unique}`,
    name: `成员 ${unique}`,
    email: `${unique}@member.example`,
    role: 'designer',
  })
  return { member: { id: m.id, version: m.version } }
}

/**
 * The studio itself, its people, its keys and client access, its clients.
 *
 * @example
 * studioOperations.map((o) => o.name) // ['studios.get', 'studios.update', …]
 */
export const studioOperations = [
  op({
    name: 'studios.get',
    permission: 'studio.read',
    run: (atelier, scope) => atelier.studios.get(scope),
    check: (studio, setup) => expect(studio.id).toBe(setup.studioId),
  }),
  op({
    name: 'studios.update',
    permission: 'studio.update',
    prepare: studioVersion,
    run: (atelier, scope, setup) =>
      atelier.studios.update(scope, {
        version: setup.studioVersion,
        name: `Studio 权限 ${setup.unique}`,
      }),
    check: (studio, setup) => {
      expect(studio.name).toBe(`Studio 权限 ${setup.unique}`)
      expect(studio.version).toBe(setup.studioVersion + 1)
    },
  }),
  op({
    name: 'studios.rotateSigningKey',
    permission: 'studio.sign',
    prepare: studioVersion,
    run: (atelier, scope, setup) =>
      atelier.studios.rotateSigningKey(scope, { version: setup.studioVersion }),
    check: (studio, setup) => {
      expect(studio.version).toBe(setup.studioVersion + 1)
      expect(studio.signingKeys.filter((k) => !k.retiredAt)).toHaveLength(1)
      expect(studio.signingKeys.length).toBeGreaterThan(1)
    },
  }),
  op({
    name: 'members.list',
    permission: 'member.read',
    run: (atelier, scope) => atelier.members.list(scope),
    check: (list, setup) => expect(list.map((m) => m.id)).toContain(setup.member.id),
  }),
  op({
    name: 'members.invite',
    permission: 'member.invite',
    run: (atelier, scope, setup) =>
      atelier.members.invite(scope, { email: `${setup.unique}@invitee.example`, role: 'viewer' }),
    check: ({ invitation, token }, setup) => {
      expect(invitation).toMatchObject({
        email: `${setup.unique}@invitee.example`,
        role: 'viewer',
        status: 'pending',
      })
      expect(token).toMatch(/^atl_iv_/)
    },
  }),
  op({
    name: 'members.listInvitations',
    permission: 'member.invite',
    run: (atelier, scope) => atelier.members.listInvitations(scope),
    check: (list, setup) => expect(list.map((i) => i.id)).toContain(setup.invitationId),
  }),
  op({
    name: 'members.revokeInvitation',
    permission: 'member.invite',
    prepare: async (h, unique) => {
      const { invitation } = await h.atelier.members.invite(h.scope, {
        email: `${unique}@invitee.example`,
        role: 'designer',
      })
      return { invitationId: invitation.id }
    },
    run: (atelier, scope, setup) => atelier.members.revokeInvitation(scope, setup.invitationId),
    check: (invitation) => expect(invitation.status).toBe('revoked'),
  }),
  op({
    name: 'members.changeRole',
    permission: 'member.manage',
    prepare: addMember,
    run: (atelier, scope, setup) =>
      atelier.members.changeRole(scope, { ...setup.member, role: 'viewer' }),
    check: (member, setup) => {
      expect(member.role).toBe('viewer')
      expect(member.version).toBe(setup.member.version + 1)
    },
  }),
  op({
    name: 'members.remove',
    permission: 'member.manage',
    prepare: addMember,
    run: (atelier, scope, setup) => atelier.members.remove(scope, setup.member),
    check: (member) => expect(member.removedAt).toBeDefined(),
  }),
  op({
    name: 'credentials.createKey',
    permission: 'key.manage',
    run: (atelier, scope, setup) =>
      atelier.credentials.createKey(scope, {
        kind: 'secret',
        label: `key ${setup.unique}`,
        role: 'viewer',
      }),
    check: ({ key, token }) => {
      expect(key.role).toBe('viewer')
      expect(token).toMatch(/^atl_sk_/)
    },
  }),
  op({
    name: 'credentials.listKeys',
    permission: 'key.manage',
    run: (atelier, scope) => atelier.credentials.listKeys(scope),
    check: (keys, setup) => expect(keys.map((k) => k.id)).toContain(setup.keyId),
  }),
  op({
    name: 'credentials.revokeKey',
    permission: 'key.manage',
    prepare: async (h) => ({
      keyId: (await h.atelier.credentials.createKey(h.scope, { kind: 'publishable' })).key.id,
    }),
    run: (atelier, scope, setup) => atelier.credentials.revokeKey(scope, setup.keyId),
    check: (key) => expect(key.revokedAt).toBeDefined(),
  }),
  op({
    name: 'credentials.issueClientToken',
    permission: 'client.access',
    run: (atelier, scope, setup) =>
      atelier.credentials.issueClientToken(scope, {
        clientId: setup.client.id,
        kind: 'access_link',
      }),
    check: ({ clientToken, token }, setup) => {
      expect(clientToken.clientId).toBe(setup.client.id)
      expect(token).toMatch(/^atl_ct_/)
    },
  }),
  op({
    name: 'credentials.listClientTokens',
    permission: 'client.access',
    run: (atelier, scope, setup) => atelier.credentials.listClientTokens(scope, setup.client.id),
    check: (tokens, setup) => expect(tokens.map((t) => t.id)).toContain(setup.clientTokenId),
  }),
  op({
    name: 'credentials.revokeClientToken',
    permission: 'client.access',
    prepare: async (h) => {
      const issued = await h.atelier.credentials.issueClientToken(h.scope, {
        clientId: h.stock.client.id,
      })
      return { clientTokenId: issued.clientToken.id }
    },
    run: (atelier, scope, setup) =>
      atelier.credentials.revokeClientToken(scope, setup.clientTokenId),
    check: (token) => expect(token.revokedAt).toBeDefined(),
  }),
  op({
    name: 'clients.create',
    permission: 'client.create',
    run: (atelier, scope, setup) => atelier.clients.create(scope, { name: `客户 ${setup.unique}` }),
    check: (client, setup) => expect(client.name).toBe(`客户 ${setup.unique}`),
  }),
  op({
    name: 'clients.get',
    permission: 'client.read',
    run: (atelier, scope, setup) => atelier.clients.get(scope, setup.client.id),
    check: (client, setup) => expect(client.id).toBe(setup.client.id),
  }),
  op({
    name: 'clients.list',
    permission: 'client.read',
    run: (atelier, scope) => atelier.clients.list(scope, { limit: 100 }),
    check: (page, setup) => expect(page.items.map((c) => c.id)).toContain(setup.client.id),
  }),
  op({
    name: 'clients.update',
    permission: 'client.update',
    prepare: async (h, unique) => {
      const client = await h.atelier.clients.create(h.scope, { name: `客户 ${unique}` })
      return { client: { id: client.id, version: client.version } }
    },
    run: (atelier, scope, setup) =>
      atelier.clients.update(scope, { ...setup.client, company: '新公司 New Co' }),
    check: (client, setup) => {
      expect(client.company).toBe('新公司 New Co')
      expect(client.version).toBe(setup.client.version + 1)
    },
  }),
]
