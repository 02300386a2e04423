import { runBlobStoreContract } from '../testing/blob-store-contract.js'
import { memoryBlobStore } from './memory-blob-store.js'

runBlobStoreContract({
  name: 'memory',
  create: memoryBlobStore,
  objects: async (store) => store.size,
})

// A store with only `put` and `get` (as stores written before ranges are): `readBlob` reads its
// ranges by skipping through `get`.
runBlobStoreContract({
  name: 'memory, without getRange or check',
  create: () => {
    const inner = memoryBlobStore()
    return { put: inner.put, get: inner.get, inner }
  },
  objects: async (store) => store.inner.size,
})
