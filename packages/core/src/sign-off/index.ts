export * from './receipt.js'
export * from './signoff.js'
