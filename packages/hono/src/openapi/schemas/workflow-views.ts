/**
 * Response schemas of the workflow parts of a project view (rounds, sign-offs, grants,
 * consents) and of a move check: core's schemas.
 */
export {
  consentViewSchema,
  grantViewSchema,
  moveCheckSchema,
  roundViewSchema,
  signoffViewSchema,
} from '@atelier/core'
