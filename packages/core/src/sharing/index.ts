export * from './grants.js'
