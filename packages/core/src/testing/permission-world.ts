import { type Atelier, createAtelier } from '../atelier.js'
import { memoryBlobStore } from '../blob/memory-blob-store.js'
import { credentialOf } from '../credential/credential.js'
import type { Role, Scope } from '../internal/atoms.js'
import type { MemberView } from '../member/member-view.js'
import { roles } from '../member/roles.js'
import type { ProjectStage } from '../project/stages.js'
import type { Storage } from '../storage/storage-port.js'
import { fakeFile } from './journey.js'
import { countingPuts, type PlantParts, planter, studioFingerprint } from './permission-plant.js'
import type { PermissionSetup } from './permission-setup.js'
import { completeBrief } from './scenario.js'

/** What an operation's `prepare` works with: it acts as the owner. */
export interface PermissionHarness {
  atelier: Atelier
  storage: Storage
  /** The studio's owner by code (a staff actor without a role). */
  scope: Scope
  /** The system actor (the command line), the only one that adds members directly. */
  system: Scope
  stock: PermissionSetup
  /**
   * Writes a project of the second client in `stage` straight into storage, in one transaction,
   * with the parts asked for: a client-visible design file, a round, a pending sign-off.
   */
  plant(stage: ProjectStage, parts?: PlantParts): Promise<Partial<PermissionSetup>>
}

/** Everything the suite shares: the service, the studio, and a scope for every role. */
export interface PermissionWorld {
  harness: PermissionHarness
  /** A member of each role, acting signed in. */
  members: Record<Role, Scope>
  /** A secret key of each role. */
  keys: Record<Role, Scope>
  /** Every record of the studio, hashed kind by kind, read in one transaction. */
  fingerprint(): Promise<Record<string, string>>
  /** How many times the blob store was asked to store bytes. */
  blobPuts(): number
}

/**
 * A member's scope, as a signed-in request builds it: the member as actor, their role, and
 * the member as the credential checked live.
 *
 * @example
 * const scope = memberScope(studioId, await atelier.members.add(system, account))
 */
export function memberScope(studioId: string, member: MemberView): Scope {
  return {
    studioId,
    actor: { kind: 'member', id: member.id, label: member.name },
    role: member.role,
    credential: { kind: 'member', id: member.id },
  }
}

/**
 * Builds the world on a fresh storage: a studio with a member and a secret key of every role,
 * two clients, and stock records of every kind an operation reads (a project with a file, a
 * sign-off, a share, a consent, a project in revision with an open round, an invitation, a
 * client token).
 *
 * @example
 * const world = await buildPermissionWorld(memoryStorage())
 */
export async function buildPermissionWorld(storage: Storage): Promise<PermissionWorld> {
  const counted = countingPuts(memoryBlobStore())
  const atelier = createAtelier({ storage, blobs: counted.blobs })
  const studio = await atelier.studios.create({ name: 'Studio 权限 Permissions' })
  const studioId = studio.id
  const scope: Scope = { studioId, actor: { kind: 'staff', id: 'owner_code', label: 'Owner' } }
  const system: Scope = { studioId, actor: { kind: 'system', id: 'cli', label: 'CLI' } }

  const add = (role: Role, name: string) =>
    atelier.members.add(system, {
      userId: `usr_${name}`,
      name,
      email: `${name}@studio.example`,
      role,
    })
  const members = {} as Record<Role, Scope>
  const keys = {} as Record<Role, Scope>
  for (const role of roles) members[role] = memberScope(studioId, await add(role, `${role}_1`))
  for (const role of roles) {
    const { token } = await atelier.credentials.createKey(scope, {
      kind: 'secret',
      label: role,
      role,
    })
    const principal = await atelier.credentials.authenticate(token)
    if (principal.kind !== 'secret_key') throw new Error('a secret key authenticates as one')
    keys[role] = {
      studioId,
      actor: { kind: 'staff', id: principal.keyId, label: principal.label },
      role: principal.role,
      credential: credentialOf(principal),
    }
  }
  const bystander = await add('designer', 'bystander')

  const client = await atelier.clients.create(scope, { name: '李明', company: '青禾茶饮' })
  const other = await atelier.clients.create(scope, { name: '陈静', company: '山茶书店' })
  const project = await atelier.projects.create(scope, {
    clientId: client.id,
    title: '青禾茶饮 brand identity',
    brief: completeBrief,
  })
  const deliverable = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'design',
    title: 'Logo',
  })
  const version = await atelier.deliverables.addVersion(
    scope,
    { deliverableId: deliverable.id, filename: 'logo-v1.png', mediaType: 'image/png' },
    fakeFile('stock logo'),
  )
  const file = { deliverableId: deliverable.id, version: version.n }
  const signoff = await atelier.signoffs.create(scope, {
    projectId: project.id,
    purpose: 'review',
    files: [file],
  })
  const share = await atelier.grants.createShare(scope, {
    projectId: project.id,
    party: { name: '印刷厂 Printer' },
    email: 'print@printer.example',
    files: [file],
  })
  const consent = await atelier.grants.requestPortfolioConsent(scope, {
    projectId: project.id,
    scope: ['website'],
  })
  const invitation = await atelier.members.invite(scope, {
    email: 'invited@studio.example',
    role: 'viewer',
  })
  const clientToken = await atelier.credentials.issueClientToken(scope, { clientId: client.id })
  const keyId = keys.viewer.credential?.id ?? ''

  const plant = planter(storage, studioId, other.id, () => atelier.now().toISOString())

  const revision = await plant('revision', { round: {}, confidentiality: 'strict' })
  if (!revision.round) throw new Error('the planted round is missing')
  const otherScope: Scope = { studioId, actor: { kind: 'client', id: other.id, label: other.name } }
  await atelier.projects.view(otherScope, revision.round.projectId)
  const stock: PermissionSetup = {
    studioId,
    studioVersion: (await atelier.studios.get(studioId)).version,
    client: { id: client.id, version: client.version },
    project: { id: project.id, version: project.version },
    file,
    deliverableId: deliverable.id,
    round: revision.round,
    signoffId: signoff.signoff.id,
    grantId: share.grant.id,
    consentId: consent.consent.id,
    invitationId: invitation.invitation.id,
    member: { id: bystander.id, version: bystander.version },
    keyId,
    clientTokenId: clientToken.clientToken.id,
    unique: 'stock',
  }

  return {
    harness: { atelier, storage, scope, system, stock, plant },
    members,
    keys,
    blobPuts: counted.puts,
    fingerprint: () => studioFingerprint(storage, studioId),
  }
}
