/**
 * Response schemas of `viewProject`'s projection: core's schemas, whose output types are
 * core's `ProjectView` and its parts.
 */
export {
  accessLogViewSchema,
  activityViewSchema,
  deliverableViewSchema,
  projectViewSchema,
  versionViewSchema,
} from '@atelier/core'
