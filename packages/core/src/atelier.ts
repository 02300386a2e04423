import type { BlobStore } from './blob/blob-store.js'
import { memoryBlobStore } from './blob/memory-blob-store.js'
import type { Scope } from './internal/atoms.js'
import { defaultRuntime } from './internal/runtime.js'
import { auditService } from './service/audit-service.js'
import { clientService } from './service/client-service.js'
import { consentService } from './service/consent-service.js'
import type { Deps } from './service/context.js'
import { credentialService } from './service/credential-service.js'
import { deliverableService } from './service/deliverable-service.js'
import { grantService } from './service/grant-service.js'
import { projectHandoffService } from './service/handoff-service.js'
import { invitationService } from './service/invitation-service.js'
import { memberService } from './service/member-service.js'
import { projectService } from './service/project-service.js'
import { projectViewService } from './service/project-view-service.js'
import { requestStateService } from './service/request-state-service.js'
import { revisionService } from './service/revision-service.js'
import { signoffService } from './service/signoff-service.js'
import { studioService } from './service/studio-service.js'
import { viewDocument } from './service/view-document.js'
import type { Storage } from './storage/storage-port.js'

export interface AtelierOptions {
  /** Where records live: `memoryStorage()`, or `sqlStorage` from `@atelier/sql`. */
  storage: Storage
  /** Where file bytes live. @default memoryBlobStore() */
  blobs?: BlobStore
  /** @default () => new Date() */
  clock?: () => Date
  /** Cryptographically secure random bytes. @default crypto.getRandomValues */
  random?: (length: number) => Uint8Array
  /** Largest accepted upload, in bytes. @default 104857600 (100 MiB) */
  maxUploadBytes?: number
}

/**
 * Creates the Atelier service: every operation of the domain, grouped by feature. Inputs are
 * validated with the exported valibot schemas; failures throw `AtelierError` with a stable code.
 *
 * @example
 * const atelier = createAtelier({ storage: memoryStorage() })
 * const studio = await atelier.studios.create({ name: 'Studio Lumen' })
 * const scope = { studioId: studio.id, actor: { kind: 'staff', id: 'me', label: 'Me' } } as const
 * const client = await atelier.clients.create(scope, { name: '李明', company: '青禾茶饮' })
 */
export function createAtelier(options: AtelierOptions) {
  const deps: Deps = {
    storage: options.storage,
    blobs: options.blobs ?? memoryBlobStore(),
    runtime: {
      clock: options.clock ?? defaultRuntime.clock,
      random: options.random ?? defaultRuntime.random,
    },
    maxUploadBytes: options.maxUploadBytes ?? 100 * 1024 * 1024,
  }
  const projects = projectService(deps)
  return {
    studios: studioService(deps),
    members: { ...memberService(deps), ...invitationService(deps) },
    credentials: credentialService(deps),
    clients: clientService(deps),
    projects: {
      ...projects,
      ...projectHandoffService(deps),
      ...projectViewService(deps, projects),
      /** The scope's view of a project as a JSON document with its ETag (a client's is kept stored). */
      viewDocument: (scope: Scope, projectId: string) => viewDocument(deps, scope, projectId),
    },
    deliverables: deliverableService(deps),
    revisions: revisionService(deps),
    signoffs: signoffService(deps),
    grants: { ...grantService(deps), ...consentService(deps) },
    audit: auditService(deps),
    /** Idempotency and rate-limit state for adapters such as the HTTP API. */
    requests: requestStateService(deps),
    /** The clock the service runs on, for adapters that compute expiry the same way. */
    now: () => deps.runtime.clock(),
    /** Closes the storage. */
    close: () => deps.storage.close(),
  }
}

/** The service returned by {@link createAtelier}. */
export type Atelier = ReturnType<typeof createAtelier>
