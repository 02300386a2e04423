export * from './deliverable.js'
