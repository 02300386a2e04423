import type { FileRef } from '../internal/atoms.js'

/** A versioned record by id. */
export interface Ref {
  id: string
  version: number
}

/**
 * The state one call of an operation runs on. Every case starts from the stock state, built
 * once; an operation's `prepare` replaces the parts an allowed call changes or needs in
 * another shape (a project in another stage, a round awaiting its quote).
 */
export interface PermissionSetup {
  studioId: string
  studioVersion: number
  /** The stock client: it has the stock project and no other. */
  client: Ref
  /** An open project with a complete brief (stock: in `requirements`). */
  project: Ref
  /** A version of a client-visible design deliverable of `project`, its bytes in the store. */
  file: FileRef
  /** A deliverable to upload a version to. */
  deliverableId: string
  /**
   * A round, its project and one of its items (stock: the open round of a `strict` project in
   * `revision`, whose client has viewed it once, so its access log has an entry).
   */
  round: Ref & { itemId: string; projectId: string }
  signoffId: string
  grantId: string
  consentId: string
  invitationId: string
  /** A member who is not the actor. */
  member: Ref
  keyId: string
  clientTokenId: string
  /** Unique to the case, for addresses, account ids and titles. */
  unique: string
}
