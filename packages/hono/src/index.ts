export { atelierApi } from './api.js'
export {
  authTables,
  type MemberAuth,
  type MemberAuthOptions,
  memberAuth,
  type SignedIn,
} from './auth/member-auth.js'
export type { Problem, ProblemCode } from './errors.js'
export { contentDisposition } from './http/files.js'
export { linksFor } from './http/links.js'
export { redactPath } from './middleware/request-log.js'
export type { AtelierApiOptions, RateLimitOptions, RequestLog } from './options.js'
