import {
  AtelierError,
  idOf,
  invitationPreviewSchema,
  invitationTokenSchema,
  memberAccountSchema,
  membershipViewSchema,
  memberViewSchema,
} from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import { passwordLength, type SignedIn } from '../auth/member-auth.js'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { accountOf } from '../http/caller.js'
import { pathOf } from '../http/params.js'
import { json, params } from '../http/validate.js'
import { assertSameOrigin } from '../middleware/credentials.js'
import { listOf } from '../openapi/schemas/common.js'

const meSchema = v.strictObject({
  user: v.strictObject({ id: v.string(), email: v.string(), name: v.string() }),
  studioId: v.optional(v.string()),
  memberships: v.array(membershipViewSchema),
})

const sessionSchema = v.strictObject({
  id: v.string(),
  createdAt: v.string(),
  expiresAt: v.string(),
  userAgent: v.optional(v.string()),
  current: v.boolean(),
})

const acceptSchema = v.strictObject({
  token: invitationTokenSchema,
  /** Your name as the studio will see it; the invitation's by default. */
  name: v.optional(memberAccountSchema.entries.name),
  /** A password for a new account; not needed when you are signed in. */
  password: v.optional(
    v.pipe(
      v.string(),
      v.minLength(passwordLength.min, `must be at least ${passwordLength.min} characters`),
      v.maxLength(passwordLength.max),
    ),
  ),
})

/**
 * The signed-in member's side (`account` routes, a session cookie only): their studios, the
 * one the session acts in, their sessions. And accepting an invitation, which needs no
 * account yet.
 *
 * @example
 * app.route('/v1', accountRoutes(deps))
 */
export function accountRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()
  const auth = () => {
    if (!deps.auth) throw new AtelierError('not_found', 'this server has no member sign-in')
    return deps.auth
  }

  app.get(
    '/me',
    endpoint(deps, {
      operationId: 'getMe',
      summary: 'Who is signed in',
      description: 'The account, the studio the session acts in, and every studio it belongs to.',
      tag: 'Account',
      auth: 'account',
      ok: { status: 200, description: 'The signed-in member.', schema: meSchema },
    }),
    async (c) => {
      const { userId, email, name, session } = accountOf(c)
      return c.json({
        user: { id: userId, email, name },
        ...(session.activeStudioId && { studioId: session.activeStudioId }),
        memberships: await atelier.members.memberships(userId),
      })
    },
  )

  app.post(
    '/session/studio',
    endpoint(deps, {
      operationId: 'switchStudio',
      summary: 'Act in another studio',
      description:
        'Binds this session to one of your studios; every studio route acts there from now on.',
      tag: 'Account',
      auth: 'account',
      body: 'json',
      ok: { status: 200, description: 'Your membership there.', schema: membershipViewSchema },
    }),
    json(v.strictObject({ studioId: idOf('std') })),
    async (c) => {
      const { userId, session } = accountOf(c)
      const { studioId } = c.req.valid('json')
      const membership = (await atelier.members.memberships(userId)).find(
        (m) => m.studio.id === studioId,
      )
      if (!membership) {
        throw new AtelierError('forbidden', `you are not a member of studio ${studioId}`)
      }
      await auth().bindStudio(session.token, studioId)
      return c.json(membership)
    },
  )

  app.get(
    '/sessions',
    endpoint(deps, {
      operationId: 'listSessions',
      summary: 'List your sessions',
      description: 'Every live session of your account, newest first; `current` is this one.',
      tag: 'Account',
      auth: 'account',
      ok: { status: 200, description: 'Your sessions.', schema: listOf(sessionSchema) },
    }),
    async (c) => {
      const { userId, session } = accountOf(c)
      const sessions = await auth().sessions(userId)
      return c.json({
        items: sessions.map((s) => ({ ...s, current: s.id === session.id })),
      })
    },
  )

  app.delete(
    '/sessions/:sessionId',
    endpoint(deps, {
      operationId: 'revokeSession',
      summary: 'Sign a session out',
      description: 'Ends one of your sessions (on another device, or this one) at once.',
      tag: 'Account',
      auth: 'account',
      ok: { status: 204, description: 'Signed out.' },
    }),
    params(pathOf('sessionId')),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      if (!(await auth().revokeSession(accountOf(c).userId, sessionId))) {
        throw new AtelierError('not_found', `session ${sessionId} not found`)
      }
      return c.body(null, 204)
    },
  )

  app.post(
    '/invitations/preview',
    endpoint(deps, {
      operationId: 'previewInvitation',
      summary: 'Read an invitation',
      description:
        'What an invitation link offers: studio, address, role, expiry. Changes nothing.',
      tag: 'Account',
      auth: 'public',
      body: 'json',
      errors: [410],
      ok: { status: 200, description: 'The invitation.', schema: invitationPreviewSchema },
    }),
    json(v.strictObject({ token: invitationTokenSchema })),
    async (c) => c.json(await atelier.members.previewInvitation(c.req.valid('json').token)),
  )

  app.post(
    '/invitations/accept',
    endpoint(deps, {
      operationId: 'acceptInvitation',
      summary: 'Accept an invitation',
      description:
        'Signed in: joins with your account (its address must be the invited one). Otherwise creates your account with `password` (and `name`), then joins; sign in at `/auth/sign-in/email` next. The link is used up.',
      tag: 'Account',
      auth: 'public',
      body: 'json',
      errors: [409, 410],
      ok: {
        status: 201,
        description: 'Your membership.',
        schema: v.strictObject({ studioId: v.string(), member: memberViewSchema }),
      },
    }),
    json(acceptSchema),
    async (c) => {
      const { token, name, password } = c.req.valid('json')
      const invitation = await atelier.members.previewInvitation(token)
      let account: Pick<SignedIn, 'userId' | 'email' | 'name'> | undefined
      const signedIn = c.req.header('Cookie') ? await auth().signedIn(c.req.raw.headers) : undefined
      if (signedIn) {
        assertSameOrigin(deps, c)
        account = signedIn
      } else {
        if (await auth().findAccount(invitation.email)) {
          throw new AtelierError(
            'conflict',
            `an account with ${invitation.email} exists; sign in, then accept the invitation`,
          )
        }
        const chosen = name ?? invitation.name
        const missing = [
          ...(password ? [] : [{ path: 'password', message: 'a new account needs a password' }]),
          ...(chosen ? [] : [{ path: 'name', message: 'a new account needs a name' }]),
        ]
        if (missing.length || !password || !chosen) {
          throw new AtelierError('invalid_input', 'invalid invitation acceptance', {
            fields: missing,
          })
        }
        account = await auth().createAccount({ email: invitation.email, name: chosen, password })
      }
      // The account is made before the membership that names it; if the membership then
      // fails (the link was used or revoked meanwhile), the new account goes again.
      const joined = await atelier.members
        .acceptInvitation(token, {
          userId: account.userId,
          name: name ?? account.name,
          email: account.email,
        })
        .catch(async (error: unknown) => {
          if (!signedIn) await auth().deleteAccount(account.userId)
          throw error
        })
      if (signedIn && !signedIn.session.activeStudioId)
        await auth().bindStudio(signedIn.session.token, joined.studioId)
      return c.json(joined, 201)
    },
  )

  return app
}
