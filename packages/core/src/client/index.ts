export * from './client.js'
export { type ListClientsInput, listClientsSchema } from './client-service.js'
