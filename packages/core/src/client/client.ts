import * as v from 'valibot'
import { email, expectedVersion, idOf, line, locale, text } from '../internal/atoms.js'

const phone = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^\+?[0-9 ()-]{5,32}$/, 'must be a phone number'),
)

const clientFields = {
  name: line(120),
  company: v.optional(line(160)),
  email: v.optional(email),
  phone: v.optional(phone),
  locale: v.optional(locale),
  /** Internal notes; never shown to the client. */
  notes: v.optional(text(5_000)),
}

export const createClientSchema = v.strictObject(clientFields)
export type CreateClientInput = v.InferInput<typeof createClientSchema>

export const updateClientSchema = v.strictObject({
  id: idOf('cli'),
  version: expectedVersion,
  ...v.partial(v.strictObject(clientFields)).entries,
})
export type UpdateClientInput = v.InferInput<typeof updateClientSchema>

/** A studio's client: the person or company a project is for. */
export interface Client {
  id: string
  studioId: string
  name: string
  company?: string
  email?: string
  phone?: string
  locale?: 'zh-CN' | 'en'
  notes?: string
  createdAt: string
  updatedAt: string
  version: number
}

/** A page of clients: cursor and size. */
export const listClientsSchema = v.strictObject({
  cursor: v.optional(idOf('cli')),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
})
export type ListClientsInput = v.InferInput<typeof listClientsSchema>
