export * from '../blob/blob-store.js'
export { memoryBlobStore } from '../blob/memory-blob-store.js'
export { memoryStorage } from './memory-storage.js'
export type * from './storage-port.js'
