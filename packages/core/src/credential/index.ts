export * from './credential.js'
