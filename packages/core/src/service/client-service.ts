import {
  type Client,
  type CreateClientInput,
  createClientSchema,
  type ListClientsInput,
  listClientsSchema,
  type UpdateClientInput,
  updateClientSchema,
} from '../client/client.js'
import { viewClient } from '../client/client-view.js'
import type { Scope } from '../internal/atoms.js'
import { defined, type Page, toPage } from '../internal/page.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import type { ClientView } from '../view/view-types.js'
import { type Deps, found, inStudio } from './context.js'
import { expectVersion } from './load.js'

/** Clients: the people and companies a studio works for. Every operation returns `viewClient` output. */
export function clientService(deps: Deps) {
  return {
    async create(scope: Scope, input: CreateClientInput): Promise<ClientView> {
      authorize(scope, 'client.create')
      const data = parseInput(createClientSchema, input, 'client')
      return inStudio(deps, scope, async (ctx) => {
        const client: Client = {
          ...data,
          id: ctx.id('cli'),
          studioId: scope.studioId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          version: 1,
        }
        await ctx.repos.clients.insert(client)
        return viewClient(client)
      })
    },

    /** A client by id; a client actor may read only themselves. */
    async get(scope: Scope, clientId: string): Promise<ClientView> {
      if (scope.actor.kind === 'client' && scope.actor.id !== clientId) {
        found(undefined, 'client', clientId)
      }
      return inStudio(
        deps,
        scope,
        async (ctx) => viewClient(found(await ctx.repos.clients.get(clientId), 'client', clientId)),
        {
          readOnly: true,
        },
      )
    },

    /** Clients newest first, a page at a time. */
    async list(scope: Scope, input: ListClientsInput = {}): Promise<Page<ClientView>> {
      authorize(scope, 'client.read')
      const query = parseInput(listClientsSchema, input, 'query')
      return inStudio(
        deps,
        scope,
        async (ctx) => {
          const rows = await ctx.repos.clients.list({
            cursor: query.cursor,
            limit: query.limit + 1,
          })
          const page = toPage(rows, query.limit)
          return { ...page, items: page.items.map(viewClient) }
        },
        { readOnly: true },
      )
    },

    async update(scope: Scope, input: UpdateClientInput): Promise<ClientView> {
      authorize(scope, 'client.update')
      const { id, version, ...changes } = parseInput(updateClientSchema, input, 'client')
      return inStudio(deps, scope, async (ctx) => {
        const client = found(await ctx.repos.clients.get(id), 'client', id)
        expectVersion(client, version, 'client')
        const next = { ...client, ...defined(changes) }
        return viewClient(await ctx.write(ctx.repos.clients, client, next, 'client'))
      })
    },
  }
}
