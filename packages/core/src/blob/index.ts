export * from './blob-store.js'
export { memoryBlobStore } from './memory-blob-store.js'
