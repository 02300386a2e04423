export { fixtureId, fixtures } from './fixtures.js'
export { fakeFile, type JourneyResult, runJourney } from './journey.js'
export { runServiceContract } from './service-contract.js'
export { runStorageContract, type StorageContractOptions } from './storage-contract.js'
