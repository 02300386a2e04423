import type {
  AuditEvent,
  ChainVerification,
  MoveCheck,
  ProjectView,
  PublicSigningKey,
  Receipt,
  ReceiptVerification,
  SignerView,
  viewApiKey,
  viewClient,
  viewClientToken,
  viewStudio,
} from '@atelier/core'
import type * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import type * as views from '../src/openapi/schemas/project-view.js'
import type * as records from '../src/openapi/schemas/records.js'
import type * as workflow from '../src/openapi/schemas/workflow-views.js'

type Out<S extends v.GenericSchema> = v.InferOutput<S>
type Item<T> = T extends readonly (infer I)[] ? I : never
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
/** Every value of core's type is one the schema describes. */
type Covers<Schema, Core> = [Core] extends [Schema] ? true : false

/**
 * The response schemas of the OpenAPI document describe core's projection types exactly:
 * run by Vitest's typecheck mode (and at runtime every response is validated against the document).
 */
describe('response schemas match core types', () => {
  it('projections of projects', () => {
    expectTypeOf<Same<Out<typeof views.projectViewSchema>, ProjectView>>().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof workflow.signoffViewSchema>, Item<ProjectView['signoffs']>>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof workflow.roundViewSchema>, Item<ProjectView['rounds']>>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof views.deliverableViewSchema>, Item<ProjectView['deliverables']>>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof workflow.grantViewSchema>, Item<ProjectView['grants']>>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof workflow.consentViewSchema>, Item<ProjectView['consents']>>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof views.accessLogViewSchema>, Item<ProjectView['accessLog']>>
    >().toEqualTypeOf<true>()
    expectTypeOf<Same<Out<typeof workflow.moveCheckSchema>, MoveCheck>>().toEqualTypeOf<true>()
  })

  it('projections of records, audit and receipts', () => {
    expectTypeOf<
      Same<Out<typeof records.studioViewSchema>, ReturnType<typeof viewStudio>>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof records.clientViewSchema>, ReturnType<typeof viewClient>>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof records.apiKeyViewSchema>, ReturnType<typeof viewApiKey>>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof records.clientTokenViewSchema>, ReturnType<typeof viewClientToken>>
    >().toEqualTypeOf<true>()
    expectTypeOf<Same<Out<typeof records.auditEventSchema>, AuditEvent>>().toEqualTypeOf<true>()
    // A `head: undefined` in core is an absent `head` on the wire.
    expectTypeOf<
      Covers<Out<typeof records.chainVerificationSchema>, ChainVerification>
    >().toEqualTypeOf<true>()
    expectTypeOf<Same<Out<typeof records.receiptSchema>, Receipt>>().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof records.receiptVerificationSchema>, ReceiptVerification>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Same<Out<typeof records.publicKeySchema>, PublicSigningKey>
    >().toEqualTypeOf<true>()
    expectTypeOf<Same<Out<typeof records.signerViewSchema>, SignerView>>().toEqualTypeOf<true>()
  })
})
