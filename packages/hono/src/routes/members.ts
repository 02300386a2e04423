import {
  changeRoleSchema,
  invitationViewSchema,
  inviteMemberSchema,
  memberViewSchema,
} from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { versioned } from '../http/etag.js'
import { linksFor } from '../http/links.js'
import { pathOf } from '../http/params.js'
import { json, params, query } from '../http/validate.js'
import { listOf } from '../openapi/schemas/common.js'

// The token and link are absent from an `Idempotency-Key` replay: one-time tokens are never stored.
const invitedSchema = v.strictObject({
  invitation: invitationViewSchema,
  token: v.optional(v.string()),
  link: v.optional(v.string()),
})

/**
 * The studio's members and invitations. Reading members is open to every role; inviting needs
 * `member.invite` (managers, owners), changing roles and removing others `member.manage`
 * (owners). A member may always leave.
 *
 * @example
 * app.route('/v1', memberRoutes(deps))
 */
export function memberRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const links = linksFor(deps.opts.publicUrl)
  const app = new Hono()

  app.get(
    '/members',
    endpoint(deps, {
      operationId: 'listMembers',
      summary: 'List members',
      description: 'In joining order; `removed=true` adds those who left or were removed.',
      tag: 'Members',
      auth: 'studio',
      ok: { status: 200, description: 'The members.', schema: listOf(memberViewSchema) },
    }),
    query(v.strictObject({ removed: v.optional(v.picklist(['true', 'false'])) })),
    async (c) => {
      const removed = c.req.valid('query').removed === 'true'
      return c.json({ items: await atelier.members.list(scopeOf(c), { removed }) })
    },
  )

  app.patch(
    '/members/:memberId',
    endpoint(deps, {
      operationId: 'changeMemberRole',
      summary: "Change a member's role",
      description:
        'Needs `member.manage`. The last owner cannot be demoted (409, `rule: last_owner`).',
      tag: 'Members',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      errors: [409],
      ok: { status: 200, description: 'The member.', schema: memberViewSchema, etag: true },
    }),
    params(pathOf('memberId')),
    json(v.pick(changeRoleSchema, ['role'])),
    async (c) => {
      const member = await atelier.members.changeRole(scopeOf(c), {
        id: c.req.valid('param').memberId,
        version: c.get('atelierVersion'),
        role: c.req.valid('json').role,
      })
      return versioned(c, member, member.version)
    },
  )

  app.delete(
    '/members/:memberId',
    endpoint(deps, {
      operationId: 'removeMember',
      summary: 'Remove a member, or leave',
      description:
        'Needs `member.manage`, except to remove yourself. Their sessions in this studio stop working at once; their name stays in the history. The last owner cannot leave.',
      tag: 'Members',
      auth: 'studio',
      ifMatch: true,
      errors: [409],
      ok: { status: 200, description: 'The removed member.', schema: memberViewSchema },
    }),
    params(pathOf('memberId')),
    async (c) =>
      c.json(
        await atelier.members.remove(scopeOf(c), {
          id: c.req.valid('param').memberId,
          version: c.get('atelierVersion'),
        }),
      ),
  )

  app.post(
    '/invitations',
    endpoint(deps, {
      operationId: 'inviteMember',
      summary: 'Invite a person',
      description:
        'Needs `member.invite`, and a role no higher than your own. The single-use link (`atl_iv_`, 7 days unless `ttlDays`) is in this response only (not in an `Idempotency-Key` replay); an earlier pending invitation of the same address stops working.',
      tag: 'Members',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: {
        status: 201,
        description: 'The invitation and its link, shown once.',
        schema: invitedSchema,
      },
    }),
    json(inviteMemberSchema),
    async (c) => {
      const { invitation, token } = await atelier.members.invite(scopeOf(c), c.req.valid('json'))
      return c.json({ invitation, token, link: links.join(token) }, 201)
    },
  )

  app.get(
    '/invitations',
    endpoint(deps, {
      operationId: 'listInvitations',
      summary: 'List invitations',
      description: 'Every invitation with its status now: pending, accepted, revoked or expired.',
      tag: 'Members',
      auth: 'studio',
      ok: { status: 200, description: 'The invitations.', schema: listOf(invitationViewSchema) },
    }),
    async (c) => c.json({ items: await atelier.members.listInvitations(scopeOf(c)) }),
  )

  app.delete(
    '/invitations/:invitationId',
    endpoint(deps, {
      operationId: 'revokeInvitation',
      summary: 'Revoke an invitation',
      description: 'Its link stops working at once.',
      tag: 'Members',
      auth: 'studio',
      ok: { status: 200, description: 'The invitation.', schema: invitationViewSchema },
    }),
    params(pathOf('invitationId')),
    async (c) =>
      c.json(await atelier.members.revokeInvitation(scopeOf(c), c.req.valid('param').invitationId)),
  )

  return app
}
