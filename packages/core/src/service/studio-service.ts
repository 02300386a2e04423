import type { Scope } from '../internal/atoms.js'
import { bytesToHex } from '../internal/encoding.js'
import { newId } from '../internal/ids.js'
import { defined } from '../internal/page.js'
import { generateSigningKey } from '../internal/signing.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import type { PublicSigningKey } from '../sign-off/receipt.js'
import {
  type CreateStudioInput,
  createStudioSchema,
  type Studio,
  type UpdateStudioInput,
  updateStudioSchema,
} from '../studio/studio.js'
import { viewStudio } from '../studio/studio-view.js'
import type { StudioView } from '../view/view-types.js'
import { type Deps, found, inStudio } from './context.js'
import { expectVersion } from './load.js'

/**
 * Studios: the tenants, their settings and their receipt-signing keys. Operations return
 * `viewStudio` output: public key halves only, never a private key or the IP salt.
 */
export function studioService(deps: Deps) {
  const stored = (studioId: string): Promise<Studio> =>
    deps.storage.transaction(
      async (tx) => found(await tx.studios.get(studioId), 'studio', studioId),
      {
        readOnly: true,
      },
    )

  return {
    /** Creates a studio with an Ed25519 signing key pair and default settings. */
    async create(input: CreateStudioInput): Promise<StudioView> {
      const data = parseInput(createStudioSchema, input, 'studio')
      const key = await generateSigningKey()
      const now = deps.runtime.clock().toISOString()
      const studio: Studio = {
        id: newId('std', deps.runtime),
        name: data.name,
        settings: data.settings,
        signingKeys: [{ ...key, createdAt: now }],
        ipSalt: bytesToHex(deps.runtime.random(16)),
        createdAt: now,
        updatedAt: now,
        version: 1,
      }
      await deps.storage.transaction((tx) => tx.studios.insert(studio))
      return viewStudio(studio)
    },

    /** A studio by id, or the studio of a scope (whose credential is then checked live). */
    async get(where: string | Scope): Promise<StudioView> {
      if (typeof where === 'string') return viewStudio(await stored(where))
      return inStudio(deps, where, async (ctx) => viewStudio(await ctx.studio()), {
        readOnly: true,
      })
    },

    async list(): Promise<StudioView[]> {
      const studios = await deps.storage.transaction((tx) => tx.studios.list(), { readOnly: true })
      return studios.map(viewStudio)
    },

    /** Changes the name or settings (merged field by field). */
    async update(scope: Scope, input: UpdateStudioInput): Promise<StudioView> {
      authorize(scope, 'studio.update')
      const data = parseInput(updateStudioSchema, input, 'studio')
      return inStudio(deps, scope, async (ctx) => {
        const studio = await ctx.studio()
        expectVersion(studio, data.version, 'studio')
        const next = await ctx.write(
          ctx.tx.studios,
          studio,
          {
            ...studio,
            name: data.name ?? studio.name,
            settings: { ...studio.settings, ...defined(data.settings ?? {}) },
          },
          'studio',
        )
        return viewStudio(next)
      })
    },

    /** Retires the current signing key (it keeps verifying old receipts) and makes a new one. */
    async rotateSigningKey(scope: Scope, input: { version: number }): Promise<StudioView> {
      authorize(scope, 'studio.sign')
      const key = await generateSigningKey()
      return inStudio(deps, scope, async (ctx) => {
        const studio = await ctx.studio()
        expectVersion(studio, input.version, 'studio')
        const next = await ctx.write(
          ctx.tx.studios,
          studio,
          {
            ...studio,
            signingKeys: [
              ...studio.signingKeys.map(({ privateKey: _, ...k }) => ({
                ...k,
                retiredAt: k.retiredAt ?? ctx.now,
              })),
              { ...key, createdAt: ctx.now },
            ],
          },
          'studio',
        )
        return viewStudio(next)
      })
    },

    /** The public keys receipts of this studio verify with, current first. Public. */
    async publicKeys(studioId: string): Promise<PublicSigningKey[]> {
      const studio = await stored(studioId)
      return [...studio.signingKeys]
        .sort((a, b) => Number(!!a.retiredAt) - Number(!!b.retiredAt))
        .map(({ keyId, publicKey }) => ({ keyId, publicKey }))
    },
  }
}
