export {
  AtelierError,
  type ErrorDetails,
  type FieldIssue,
  isAtelierError,
  type StorageFailure,
} from './atelier-error.js'
export { type ErrorCode, errorCodes } from './error-codes.js'
