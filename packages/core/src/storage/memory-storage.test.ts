import { runStorageContract } from '../testing/storage-contract.js'
import { memoryStorage } from './memory-storage.js'

runStorageContract({ name: 'memory', create: () => memoryStorage() })
