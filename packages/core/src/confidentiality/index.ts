export * from './visibility.js'
