import * as v from 'valibot'
import { int, named, timestamp } from '../internal/view-atoms.js'
import type { Client } from './client.js'
import { createClientSchema } from './client.js'

/**
 * A client as staff see it (`viewClient`); clients see themselves through `viewProject`.
 *
 * @example
 * const client: ClientView = viewClient(stored)
 */
export const clientViewSchema = named(
  'Client',
  v.strictObject({
    ...createClientSchema.entries,
    id: v.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: int,
  }),
  "A studio's client: the person or company a project is for.",
)

/**
 * What `viewClient` returns (see {@link clientViewSchema}).
 *
 * @example
 * const label = (c: ClientView) => c.company ?? c.name
 */
export type ClientView = v.InferOutput<typeof clientViewSchema>

/** A client as staff see it (clients see themselves through `viewProject`). */
export function viewClient(client: Client): ClientView {
  const { studioId: _, ...rest } = client
  return rest
}
