import * as v from 'valibot'
import { int, named, timestamp } from '../internal/view-atoms.js'
import type { Studio } from './studio.js'
import { createStudioSchema, studioSettingsSchema } from './studio.js'

/**
 * A studio as `viewStudio` returns it: its settings and its receipt-signing keys, public halves
 * only; no private key and no IP salt.
 *
 * @example
 * const studio: StudioView = viewStudio(await atelier.studios.get(studioId))
 */
export const studioViewSchema = named(
  'Studio',
  v.strictObject({
    id: v.string(),
    name: createStudioSchema.entries.name,
    settings: v.required(studioSettingsSchema),
    signingKeys: v.array(
      v.strictObject({
        keyId: v.string(),
        publicKey: v.string(),
        createdAt: timestamp,
        retiredAt: v.optional(timestamp),
      }),
    ),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: int,
  }),
  'The studio: settings and the public halves of its receipt-signing keys.',
)

/**
 * What `viewStudio` returns (see {@link studioViewSchema}).
 *
 * @example
 * const current = (s: StudioView) => s.signingKeys.find((k) => !k.retiredAt)
 */
export type StudioView = v.InferOutput<typeof studioViewSchema>

/**
 * A studio as its staff see it: settings and public signing keys, never a private key or salt.
 *
 * @example
 * viewStudio(studio).signingKeys[0]?.publicKey
 */
export function viewStudio(studio: Studio): StudioView {
  return {
    id: studio.id,
    name: studio.name,
    settings: studio.settings,
    signingKeys: studio.signingKeys.map(({ keyId, publicKey, createdAt, retiredAt }) => ({
      keyId,
      publicKey,
      createdAt,
      ...(retiredAt && { retiredAt }),
    })),
    createdAt: studio.createdAt,
    updatedAt: studio.updatedAt,
    version: studio.version,
  }
}
