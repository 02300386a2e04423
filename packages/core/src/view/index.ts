export { type ProjectSnapshot, viewProject } from './view-project.js'
export * from './view-records.js'
export type * from './view-types.js'
