export { resolutionMap } from './resolution-map.js'
export * from './revision.js'
