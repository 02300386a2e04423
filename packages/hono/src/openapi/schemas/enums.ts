import {
  confidentialityLevels,
  deliverableKinds,
  deliveryMethods,
  portfolioScopes,
  projectStages,
  roundStatuses,
  services,
  signoffPurposes,
  stageOrder,
} from '@atelier/core'
import * as v from 'valibot'

/**
 * The enumerations of the response schemas, from core's own lists where core has one.
 *
 * @example
 * v.parse(enums.stage, 'proposal')
 */
export const enums = {
  stage: v.picklist(projectStages),
  openStage: v.picklist(stageOrder),
  service: v.picklist(services),
  confidentiality: v.picklist(confidentialityLevels),
  deliverableKind: v.picklist(deliverableKinds),
  deliveryMethod: v.picklist(deliveryMethods),
  purpose: v.picklist(signoffPurposes),
  roundStatus: v.picklist(roundStatuses),
  portfolioScope: v.picklist(portfolioScopes),
  visibility: v.picklist(['client', 'internal']),
  outcome: v.picklist(['approved', 'changes_requested', 'declined']),
  signoffStatus: v.picklist([
    'pending',
    'approved',
    'changes_requested',
    'declined',
    'revoked',
    'superseded',
    'expired',
  ]),
}
