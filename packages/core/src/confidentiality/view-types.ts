import type { Visibility } from '../audit/audit-chain.js'
import type { DeliverableKind } from '../deliverable/deliverable.js'
import type { FileRef } from '../internal/atoms.js'
import type {
  Brief,
  Confidentiality,
  Contract,
  DeliveryMethod,
  Service,
  SubjectFile,
} from '../project/project.js'
import type { ProjectStage, Stage } from '../project/stages.js'
import type { ItemResolution, Quote, ResolutionMap, RoundStatus } from '../revision/revision.js'
import type { GrantStatus, PortfolioConsent } from '../sharing/grants.js'
import type {
  Decision,
  SignoffPurpose,
  SignoffStatus,
  SignoffSubject,
} from '../sign-off/signoff.js'
import type { ViewerKind } from './visibility.js'

/** One of the eight stages as the tracker shows it. */
export interface StageView {
  key: Stage
  n: number
  status: 'done' | 'current' | 'upcoming' | 'skipped' | 'not_needed'
  enteredAt?: string
  leftAt?: string
  reason?: string
}

export interface VersionView {
  deliverableId: string
  n: number
  filename: string
  mediaType: string
  bytes: number
  sha256: string
  note?: string
  round?: number
  createdAt: string
}

export interface DeliverableView {
  id: string
  kind: DeliverableKind
  title: string
  visibility?: Visibility
  latestVersion: number
  versions: VersionView[]
}

export interface RoundView {
  id: string
  n: number
  status: RoundStatus
  billable: boolean
  quote?: Quote
  items: {
    id: string
    text: string
    file?: FileRef
    pin?: { x: number; y: number; page?: number }
    resolution?: ItemResolution
  }[]
  summary: Omit<ResolutionMap, 'items'> & { open: number }
  openedAt: string
  activatedAt?: string
  dueAt?: string
  version?: number
}

export interface SignoffView {
  id: string
  purpose: SignoffPurpose
  status: SignoffStatus | 'expired'
  expiresAt: string
  createdAt: string
  files: SubjectFile[]
  round?: number
  quote?: Quote
  resolutions?: ResolutionMap
  party?: SignoffSubject['party']
  portfolio?: SignoffSubject['portfolio']
  message?: string
  signer?: { name?: string; email?: string }
  decision?: Pick<Decision, 'outcome' | 'name' | 'comment' | 'items' | 'at'> &
    Partial<Pick<Decision, 'via' | 'userAgent' | 'ipHash'>>
  receiptId?: string
}

export interface ActivityView {
  seq: number
  at: string
  action: string
  /** Who acted; for non-staff viewers the studio's people and keys are `{ kind: 'studio', label: <studio name> }`. */
  actor: { kind: string; label: string }
  data: Record<string, unknown>
  visibility?: Visibility
}

export interface GrantView {
  id: string
  party: { name: string; organisation?: string }
  email?: string
  purpose?: string
  files: SubjectFile[]
  status: GrantStatus
  expiresAt: string
}

export type ConsentView = Pick<
  PortfolioConsent,
  'id' | 'scope' | 'embargoUntil' | 'note' | 'status' | 'grantedAt' | 'revokedAt' | 'signoffId'
>

/** What the studio waits for from the client. */
export type WaitingItem =
  | { kind: 'signoff'; signoffId: string; purpose: SignoffPurpose; expiresAt: string }
  | { kind: 'brief'; missing: string[] }

/**
 * A project as one viewer may see it. Only `viewProject` builds it; every API response and
 * element renders one of these, never a stored record.
 */
export interface ProjectView {
  viewer: ViewerKind
  /** The studio whose project this is. */
  studio?: { id: string; name: string }
  id: string
  /** What to call the project: the title where the viewer may see it, else the codename. */
  name: string
  codename: string
  title?: string
  confidentiality: Confidentiality
  client?: {
    id: string
    name?: string
    company?: string
    email?: string
    phone?: string
    notes?: string
  }
  state?: ProjectStage
  stages?: StageView[]
  services?: Service[]
  contract?: Contract
  rounds?: RoundView[]
  roundsUsage?: { used: number; included: number; billable: number }
  brief?: Brief
  research?: { notes?: string; references?: string[]; skippedReason?: string }
  deliverables?: DeliverableView[]
  signoffs?: SignoffView[]
  waitingFor?: WaitingItem[]
  activity?: ActivityView[]
  receipts?: { id: string; signoffId: string; purpose: SignoffPurpose; issuedAt: string }[]
  grants?: GrantView[]
  consents?: ConsentView[]
  delivery?: {
    deliveredAt: string
    method: DeliveryMethod
    files: SubjectFile[]
    licence: string
    note?: string
    receiptId?: string
  }
  warranty?: { endsAt: string; daysLeft: number; active: boolean }
  accessLog?: { at: string; viewer: { kind: string; id: string }; action: string; file?: FileRef }[]
  version?: number
  createdAt?: string
  updatedAt?: string
}
