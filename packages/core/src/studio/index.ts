export * from './studio.js'
