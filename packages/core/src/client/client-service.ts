import * as v from 'valibot'
import type { Scope } from '../internal/atoms.js'
import { idOf } from '../internal/atoms.js'
import { defined, type Page, toPage } from '../internal/page.js'
import { parseInput } from '../internal/validate.js'
import { applied, assertStaff, type Deps, found, inStudio } from '../service/context.js'
import { expectVersion } from '../service/load.js'
import {
  type Client,
  type CreateClientInput,
  createClientSchema,
  type UpdateClientInput,
  updateClientSchema,
} from './client.js'

export const listClientsSchema = v.strictObject({
  cursor: v.optional(idOf('cli')),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 20),
})
export type ListClientsInput = v.InferInput<typeof listClientsSchema>

/** Clients: the people and companies a studio works for. */
export function clientService(deps: Deps) {
  return {
    async create(scope: Scope, input: CreateClientInput): Promise<Client> {
      assertStaff(scope, 'create clients')
      const data = parseInput(createClientSchema, input, 'client')
      return inStudio(deps, scope.studioId, async (ctx) => {
        const client: Client = {
          ...data,
          id: ctx.id('cli'),
          studioId: scope.studioId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          version: 1,
        }
        await ctx.repos.clients.insert(client)
        return client
      })
    },

    /** A client by id; a client actor may read only themselves. */
    async get(scope: Scope, clientId: string): Promise<Client> {
      if (scope.actor.kind === 'client' && scope.actor.id !== clientId) {
        found(undefined, 'client', clientId)
      }
      return inStudio(
        deps,
        scope.studioId,
        async (ctx) => found(await ctx.repos.clients.get(clientId), 'client', clientId),
        {
          readOnly: true,
        },
      )
    },

    /** Clients newest first, a page at a time. */
    async list(scope: Scope, input: ListClientsInput = {}): Promise<Page<Client>> {
      assertStaff(scope, 'list clients')
      const query = parseInput(listClientsSchema, input, 'query')
      return inStudio(
        deps,
        scope.studioId,
        async (ctx) => {
          const rows = await ctx.repos.clients.list({
            cursor: query.cursor,
            limit: query.limit + 1,
          })
          return toPage(rows, query.limit)
        },
        { readOnly: true },
      )
    },

    async update(scope: Scope, input: UpdateClientInput): Promise<Client> {
      assertStaff(scope, 'update clients')
      const { id, version, ...changes } = parseInput(updateClientSchema, input, 'client')
      return inStudio(deps, scope.studioId, async (ctx) => {
        const client = found(await ctx.repos.clients.get(id), 'client', id)
        expectVersion(client, version, 'client')
        const next: Client = {
          ...client,
          ...defined(changes),
          updatedAt: ctx.now,
          version: version + 1,
        }
        applied(await ctx.repos.clients.update(next, version), 'client', id, version)
        return next
      })
    },
  }
}
