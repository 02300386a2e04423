import { type Atelier, createAtelier, memoryStorage, type Scope } from '@atelier/core'
import type { Storage } from '@atelier/core/storage'
import type { Hono } from 'hono'
import { type AtelierApiOptions, atelierApi } from '../../src/index.js'
import { type Caller, callerFor } from './call.js'

export const PUBLIC_URL = 'https://studio.example'
export const ORIGIN_A = 'https://shanhai.example'

/** A controllable clock: time moves only when a test says so. */
export function testClock(start = '2026-11-22T08:00:00.000Z') {
  let now = Date.parse(start)
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms
    },
  }
}

export interface StudioHandle {
  studioId: string
  scope: Scope
  sk: string
  skId: string
}

/** One app over memory storage with a test clock, and helpers to make studios and tokens. */
export interface World {
  atelier: Atelier
  app: Hono
  clock: ReturnType<typeof testClock>
  call: Caller
  studio(
    name: string,
    settings?: { allowedOrigins?: string[]; includedRounds?: number },
  ): Promise<StudioHandle>
}

/**
 * A fresh world: `createAtelier` on memory storage, `atelierApi` over it (rate limits off
 * unless given), and `call` to make requests that are checked against /openapi.json.
 */
export function createWorld(
  options: Partial<AtelierApiOptions> | ((atelier: Atelier) => Partial<AtelierApiOptions>) = {},
  storage: Storage = memoryStorage(),
): World {
  const clock = testClock()
  const atelier = createAtelier({ storage, clock: clock.now })
  const extra = typeof options === 'function' ? options(atelier) : options
  const app = atelierApi(atelier, { publicUrl: PUBLIC_URL, rateLimit: false, ...extra })
  return {
    atelier,
    app,
    clock,
    call: callerFor(app),
    async studio(name, settings = {}) {
      const studio = await atelier.studios.create({ name, settings })
      const scope: Scope = {
        studioId: studio.id,
        actor: { kind: 'staff', id: 'setup', label: 'Setup' },
      }
      const { key, token } = await atelier.credentials.createKey(scope, {
        kind: 'secret',
        label: 'server',
      })
      return { studioId: studio.id, scope, sk: token, skId: key.id }
    },
  }
}
