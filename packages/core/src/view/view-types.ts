/**
 * The view types: each is the output type of its view schema, declared once in the feature
 * folder that owns the record.
 */
export type { ActivityView } from '../audit/activity-view.js'
export type { ClientView } from '../client/client-view.js'
export type { ApiKeyView, ClientTokenView } from '../credential/credential-view.js'
export type { DeliverableView, VersionView } from '../deliverable/deliverable-view.js'
export type { StageView } from '../project/stage-view.js'
export type { RoundView } from '../revision/round-view.js'
export type { ConsentView } from '../sharing/consent-view.js'
export type { GrantView } from '../sharing/grant-view.js'
export type { SignoffView } from '../sign-off/signoff-view.js'
export type { StudioView } from '../studio/studio-view.js'

export type { ProjectView, WaitingItem } from './project-view.js'
