import * as v from 'valibot'
import { calendarDate, currency, expectedVersion, idOf, line, text } from '../internal/atoms.js'
import type { Runtime } from '../internal/runtime.js'
import { type Brief, briefSchema } from './brief.js'
import { type ProjectStage, projectStages, type Stage } from './stages.js'

export const services = [
  'logo',
  'vi',
  'poster',
  'packaging',
  'brochure',
  'web',
  'illustration',
  'other',
] as const
export type Service = (typeof services)[number]

/** How secret a project is (保密). */
export const confidentialityLevels = ['standard', 'nda', 'strict'] as const
export type Confidentiality = (typeof confidentialityLevels)[number]

const contractFields = {
  includedRounds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)),
  warrantyDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650)),
  dueDate: calendarDate,
  currency,
}

/** The contract terms a project runs against. Defaults come from the studio settings. */
export interface Contract {
  includedRounds: number
  warrantyDays: number
  dueDate?: string
  currency: string
}

/** How the final files left the studio (输出). */
export const deliveryMethods = [
  'download',
  'email_link',
  'email_attachment',
  'cloud_link',
  'print',
] as const
export type DeliveryMethod = (typeof deliveryMethods)[number]

/** A file as it was delivered or put before a signer: exact bytes by sha256. */
export interface SubjectFile {
  deliverableId: string
  version: number
  title: string
  filename: string
  mediaType: string
  bytes: number
  sha256: string
}

/** The delivery manifest: what was delivered, how, under which licence. */
export interface Delivery {
  deliveredAt: string
  method: DeliveryMethod
  files: SubjectFile[]
  licence: string
  note?: string
  /** The receipt of the approved final sign-off the delivered files match. */
  receiptId?: string
}

/** One entry in a project's stage history. */
export interface StageEntry {
  stage: ProjectStage
  at: string
  reason?: string
  skipped?: Stage
}

/** A design project (DESIGN.md §2). */
export interface Project {
  id: string
  studioId: string
  clientId: string
  title: string
  codename: string
  services: Service[]
  confidentiality: Confidentiality
  stage: ProjectStage
  stageHistory: StageEntry[]
  contract: Contract
  brief: Brief
  research: { notes?: string; references?: string[]; skippedReason?: string }
  delivery?: Delivery
  createdAt: string
  updatedAt: string
  version: number
}

export const researchSchema = v.strictObject({
  notes: v.optional(text(10_000)),
  references: v.optional(v.pipe(v.array(line(500)), v.maxLength(100))),
})

export const createProjectSchema = v.strictObject({
  clientId: idOf('cli'),
  title: line(160),
  codename: v.optional(line(60)),
  services: v.optional(v.pipe(v.array(v.picklist(services)), v.maxLength(services.length)), []),
  confidentiality: v.optional(v.picklist(confidentialityLevels), 'standard'),
  contract: v.optional(v.partial(v.strictObject(contractFields)), {}),
  brief: v.optional(briefSchema, {}),
})
export type CreateProjectInput = v.InferInput<typeof createProjectSchema>

export const updateProjectSchema = v.strictObject({
  id: idOf('prj'),
  version: expectedVersion,
  title: v.optional(line(160)),
  codename: v.optional(line(60)),
  services: v.optional(v.pipe(v.array(v.picklist(services)), v.maxLength(services.length))),
  confidentiality: v.optional(v.picklist(confidentialityLevels)),
  contract: v.optional(v.partial(v.strictObject(contractFields))),
  /** Merged field by field into the stored brief. */
  brief: v.optional(briefSchema),
  research: v.optional(researchSchema),
})
export type UpdateProjectInput = v.InferInput<typeof updateProjectSchema>

export const moveProjectSchema = v.strictObject({
  id: idOf('prj'),
  version: expectedVersion,
  to: v.picklist(projectStages),
  /** Free text: a sentence or a paragraph, so line breaks are kept. */
  reason: v.optional(v.pipe(text(1_000), v.minLength(1, 'must not be empty'))),
})
export type MoveProjectInput = v.InferInput<typeof moveProjectSchema>

export const listProjectsSchema = v.strictObject({
  clientId: v.optional(idOf('cli')),
  stage: v.optional(v.picklist(projectStages)),
  cursor: v.optional(idOf('prj')),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
})
export type ListProjectsInput = v.InferInput<typeof listProjectsSchema>

export const addNoteSchema = v.strictObject({
  projectId: idOf('prj'),
  text: v.pipe(text(5_000), v.minLength(1, 'must not be empty')),
  visibility: v.optional(v.picklist(['client', 'internal']), 'internal'),
})
export type AddNoteInput = v.InferInput<typeof addNoteSchema>

export const recordDeliverySchema = v.strictObject({
  projectId: idOf('prj'),
  version: expectedVersion,
  method: v.picklist(deliveryMethods),
  licence: v.pipe(text(5_000), v.minLength(1, 'must not be empty')),
  note: v.optional(text(2_000)),
  /** Files delivered; defaults to the files of the approved final sign-off. */
  files: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          deliverableId: idOf('dlv'),
          version: v.pipe(v.number(), v.integer(), v.minValue(1)),
        }),
      ),
      v.minLength(1),
      v.maxLength(200),
    ),
  ),
})
export type RecordDeliveryInput = v.InferInput<typeof recordDeliverySchema>

export type { Brief }

const ADJECTIVES = [
  'Amber',
  'Cobalt',
  'Jade',
  'Ivory',
  'Scarlet',
  'Indigo',
  'Silver',
  'Saffron',
  'Slate',
  'Coral',
  'Olive',
  'Onyx',
  'Pearl',
  'Teal',
  'Umber',
  'Violet',
]
const NOUNS = [
  'Heron',
  'Lantern',
  'Willow',
  'Comet',
  'Harbor',
  'Falcon',
  'Maple',
  'Orchid',
  'Summit',
  'Ember',
  'Crane',
  'Delta',
  'Fjord',
  'Meadow',
  'Quill',
  'Tide',
]

/** A neutral codename such as "Cobalt Heron 42", for projects created without one. */
export function generateCodename(runtime: Runtime): string {
  const [a = 0, b = 0, c = 0] = runtime.random(3)
  return `${ADJECTIVES[a % 16]} ${NOUNS[b % 16]} ${(c % 90) + 10}`
}
