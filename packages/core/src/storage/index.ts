export { memoryStorage } from './memory-storage.js'
export type * from './storage-port.js'
