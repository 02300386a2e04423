export { type ProjectSnapshot, viewProject } from './view-project.js'
export type * from './view-types.js'
