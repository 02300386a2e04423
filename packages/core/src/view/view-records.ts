import type { Client } from '../client/client.js'
import type { ClientView } from '../client/client-view.js'
import type { ApiKey, ClientToken } from '../credential/credential.js'
import type { ApiKeyView, ClientTokenView } from '../credential/credential-view.js'
import type { Studio } from '../studio/studio.js'
import type { StudioView } from '../studio/studio-view.js'

/**
 * Projections of the records that are not projects. Like `viewProject`, they are the only way
 * a record leaves the service: token hashes, private keys and salts never do.
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

/** A client as staff see it (clients see themselves through `viewProject`). */
export function viewClient(client: Client): ClientView {
  const { studioId: _, ...rest } = client
  return rest
}

export function viewApiKey(key: ApiKey): ApiKeyView {
  const { tokenHash: _h, studioId: _s, ...rest } = key
  return rest
}

export function viewClientToken(token: ClientToken): ClientTokenView {
  const { tokenHash: _h, studioId: _s, ...rest } = token
  return rest
}
