import { AtelierError } from '../errors/atelier-error.js'
import {
  hashToken,
  newToken,
  type TokenKind,
  tokenKind,
  tokenLookupKey,
} from '../internal/tokens.js'
import type { Lookup } from '../storage/storage-port.js'
import type { Deps, StudioTx } from './context.js'

/**
 * A fresh token of `kind` for the record `refId`, registered in the global lookup in the
 * current transaction. The caller stores `hash` on the record and hands `token` out once.
 */
export async function mintToken(
  deps: Deps,
  ctx: StudioTx,
  kind: TokenKind,
  refId: string,
): Promise<{ token: string; hash: string }> {
  const minted = newToken(kind, deps.runtime)
  await ctx.tx.lookups.insert({
    key: tokenLookupKey(kind, minted.hash),
    studioId: ctx.studioId,
    refId,
  })
  return minted
}

/** Where a raw token of `kind` points (its studio and record); undefined when malformed or unknown. */
export async function lookupToken(
  deps: Deps,
  token: string,
  kind: TokenKind,
): Promise<Lookup | undefined> {
  if (tokenKind(token) !== kind) return undefined
  const key = tokenLookupKey(kind, hashToken(token))
  return deps.storage.transaction((tx) => tx.lookups.get(key), { readOnly: true })
}

/**
 * Where a raw token of `kind` points: its studio and record. A malformed or unknown token gets
 * `not_found` with `unknown` as the message (links are found, not authenticated).
 */
export async function resolveToken(
  deps: Deps,
  token: string,
  kind: TokenKind,
  unknown: string,
): Promise<Lookup> {
  const lookup = await lookupToken(deps, token, kind)
  if (!lookup) throw new AtelierError('not_found', unknown)
  return lookup
}
