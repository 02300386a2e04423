export * from './deliverable.js'
export type { DeliverableWithVersions, OpenedFile } from './deliverable-service.js'
