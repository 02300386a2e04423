import {
  type Atelier,
  type Confidentiality,
  createAtelier,
  credentialOf,
  memoryStorage,
} from '@atelier/core'
import type { Storage } from '@atelier/core/storage'
import { type Scenario, seedProject, stepForward } from '@atelier/core/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { onEachDatabase } from './databases.js'

const DAY = 86_400_000
const levels: Confidentiality[] = ['standard', 'nda', 'strict']

const step = fc.oneof(
  fc.record({ op: fc.constant('forward' as const), p: fc.nat(2) }),
  fc.record({
    op: fc.constant('note' as const),
    p: fc.nat(2),
    visibility: fc.constantFrom('client' as const, 'internal' as const),
  }),
  fc.record({ op: fc.constant('renameClient' as const), p: fc.nat(2) }),
  fc.record({ op: fc.constant('renameStudio' as const), p: fc.nat(2) }),
  fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 20 * DAY }) }),
  fc.record({ op: fc.constant('revokeToken' as const), p: fc.nat(2) }),
)
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

async function apply(atelier: Atelier, s: Scenario, st: Step, clock: { t: number; moves: number }) {
  switch (st.op) {
    case 'forward':
      // A project at the end of its way has no step left; count the ones that moved.
      if (
        await stepForward(s).then(
          () => true,
          () => false,
        )
      )
        clock.moves++
      return
    case 'note':
      await atelier.projects.addNote(s.scope, {
        projectId: s.project.id,
        text: `note ${st.visibility}`,
        visibility: st.visibility,
      })
      return
    case 'renameClient': {
      const client = await atelier.clients.get(s.scope, s.clientId)
      await atelier.clients.update(s.scope, {
        id: s.clientId,
        version: client.version,
        name: `${client.name}·`,
      })
      return
    }
    case 'renameStudio': {
      const studio = await atelier.studios.get(s.studioId)
      await atelier.studios.update(s.scope, { version: studio.version, name: `${studio.name}·` })
      return
    }
    case 'tick':
      clock.t += st.ms
      return
    case 'revokeToken': {
      const { token, clientToken } = await atelier.credentials.issueClientToken(s.scope, {
        clientId: s.clientId,
      })
      // As the HTTP API does: the principal is identified (kept in process after the first
      // look), the scope carries the credential and the operation checks it live.
      const principal = await atelier.credentials.identify(token)
      const scope = {
        studioId: principal.studioId,
        actor: { kind: 'client' as const, id: s.clientId, label: 'client' },
        credential: credentialOf(principal),
      }
      await atelier.projects.viewDocument(scope, s.project.id)
      await atelier.credentials.revokeClientToken(s.scope, clientToken.id)
      // Refused on the very next request, whether the view is stored or built.
      for (const read of [
        () => atelier.projects.viewDocument(scope, s.project.id),
        () => atelier.projects.view(scope, s.project.id),
        () => atelier.credentials.authenticate(token),
      ]) {
        await expect(read()).rejects.toMatchObject({ code: 'unauthorized' })
      }
    }
  }
}

/**
 * After every step of a random sequence (stage moves with their uploads, sign-offs, decisions
 * and rounds; notes on both sides of the line; client and studio renamed; time passing),
 * the client's stored view of each project equals the projection computed from scratch, for
 * every confidentiality level, read twice (a build, then a stored read).
 */
function viewsStayFresh(storage: () => Promise<Storage>, runs: number) {
  it('stored client views equal the fresh projection after every step', async () => {
    let moves = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 18 }), async (steps) => {
        const clock = { t: Date.parse('2027-03-01T09:00:00.000Z'), moves: 0 }
        const atelier = createAtelier({ storage: await storage(), clock: () => new Date(clock.t) })
        try {
          const worlds = []
          for (const confidentiality of levels)
            worlds.push(await seedProject(atelier, { confidentiality, includedRounds: 1 }))
          for (const st of steps) {
            const world = 'p' in st ? worlds[st.p % worlds.length] : undefined
            await apply(atelier, world ?? (worlds[0] as Scenario), st, clock)
            for (const s of worlds) {
              const fresh = await atelier.projects.view(s.clientScope, s.project.id)
              for (const read of [1, 2]) {
                const stored = await atelier.projects.viewDocument(s.clientScope, s.project.id)
                expect(
                  JSON.parse(new TextDecoder().decode(stored.body)),
                  `${st.op}, read ${read}`,
                ).toEqual(fresh)
              }
            }
          }
        } finally {
          moves += clock.moves
          await atelier.close()
        }
      }),
      { numRuns: runs },
    )
    expect(moves).toBeGreaterThan(0)
  }, 240_000)
}

describe('stored views · memory', () => {
  viewsStayFresh(async () => memoryStorage(), 25)
})

onEachDatabase('stored views', (open) => {
  viewsStayFresh(open, 8)
})
