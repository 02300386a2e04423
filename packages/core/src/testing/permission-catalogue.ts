import { projectOperations } from './permission-catalogue-projects.js'
import { studioOperations } from './permission-catalogue-studio.js'
import { workOperations } from './permission-catalogue-work.js'
import type { PermissionOperation } from './permission-operation.js'

/**
 * Every studio-side operation of the service that takes a `Scope` and is gated by a role, with
 * the permission it needs. The permission contract calls each as every role.
 *
 * @example
 * permissionCatalogue.filter((o) => o.permission === 'project.cancel').map((o) => o.name)
 * // ['projects.move→cancelled']
 */
export const permissionCatalogue: readonly PermissionOperation[] = [
  ...studioOperations,
  ...projectOperations,
  ...workOperations,
]

/**
 * The functions of `createAtelier(...)` that are not in {@link permissionCatalogue}, each with
 * why: they take no studio scope (a link's token, an account, a studio id), or they are not
 * for a studio role to do. A function in neither list fails the contract's completeness test
 * until someone classifies it.
 *
 * @example
 * Object.keys(unscopedOperations).includes('signoffs.decide') // true
 */
export const unscopedOperations: Readonly<Record<string, string>> = {
  // No studio yet, or every studio: the operator's (the command line, a server's setup).
  'studios.create': 'makes a tenant; no studio scope exists yet',
  'studios.list': 'every studio, for the operator; takes no scope',
  'studios.publicKeys': 'public by studio id: receipts are meant to be verified by anyone',
  // A studio's people: the account and invitation side, before there is a member scope.
  'members.previewInvitation': "token-based: the invitation link's holder, before signing in",
  'members.acceptInvitation': 'token-based: the invited account accepts its link',
  'members.add': 'the system actor only (the command line, seeding), for every role refused',
  'members.memberships': "by account id: the signed-in person's studios, across studios",
  'members.principal': 'by studio and account id: what a signed-in request acts as',
  // Credentials by raw token: they make the scope, they do not take one.
  'credentials.authenticate': 'token-based: resolves an API key or client token',
  'credentials.identify': 'token-based: resolves an API key or client token, cached',
  'credentials.linkStudio': "token-based: a sign-off or share link's studio, for origin checks",
  // The signer's, the client's and the third party's side: links and the tracker.
  'signoffs.open': "token-based: the signer's link",
  'signoffs.openFile': "token-based: the signer's link",
  'signoffs.decide': "token-based: the signer's link",
  'signoffs.openAsClient': "the client's own, from the tracker (a client scope)",
  'signoffs.decideAsClient': 'the client only; any studio actor is refused',
  'signoffs.receipt': 'public by receipt id: receipts are meant to be verified by anyone',
  'grants.openShare': "token-based: the third party's share link",
  'grants.openShareFile': "token-based: the third party's share link",
  // An adapter's per-request state, by studio id, for a request whose credential it checked.
  'requests.beginIdempotent': "adapter state by studio id: the request's own operation is gated",
  'requests.completeIdempotent': "adapter state by studio id: the request's own operation is gated",
  'requests.abandonIdempotent': "adapter state by studio id: the request's own operation is gated",
  'requests.hit': 'rate-limit counters by bucket; no studio',
  // Not operations.
  now: "the service's clock",
  close: 'closes the storage',
}
