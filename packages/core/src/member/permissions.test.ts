import { memoryStorage } from '../storage/memory-storage.js'
import { runPermissionContract } from '../testing/permission-contract.js'

runPermissionContract({ name: 'memory', create: () => memoryStorage() })
