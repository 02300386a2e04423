export { type BlobStoreContractOptions, runBlobStoreContract } from './blob-store-contract.js'
export { fixtureId, fixtures } from './fixtures.js'
export { fakeFile, type JourneyResult, runJourney } from './journey.js'
export { permissionCatalogue, unscopedOperations } from './permission-catalogue.js'
export {
  keyOperations,
  type PermissionContractOptions,
  runPermissionContract,
} from './permission-contract.js'
export type { PermissionOperation } from './permission-operation.js'
export type { PermissionSetup } from './permission-setup.js'
export { memberScope } from './permission-world.js'
export { advanceTo, completeBrief, type Scenario, seedProject, stepForward } from './scenario.js'
export { runServiceContract } from './service-contract.js'
export { runStorageContract, type StorageContractOptions } from './storage-contract.js'
