import { AtelierError } from '../errors/atelier-error.js'
import {
  hashToken,
  newToken,
  type TokenKind,
  tokenKind,
  tokenLookupKey,
} from '../internal/tokens.js'
import type { Lookup, StorageTransaction, TransactionOptions } from '../storage/storage-port.js'
import { type Deps, inStudio, type StudioTx } from './context.js'

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
 * Runs `fn` in one transaction of the studio a raw token of `kind` points to, with the record it
 * names: the token is looked up in that same transaction (the `lookups` index is global). A
 * malformed or unknown token gets `unauthorized` with `unknown` as the message, like every
 * other credential nobody issued.
 *
 * @example
 * const view = await inToken(deps, token, 'signoff', 'unknown link', (ctx, signoffId) =>
 *   ctx.repos.signoffs.get(signoffId),
 * )
 */
export async function inToken<T>(
  deps: Deps,
  token: string,
  kind: TokenKind,
  unknown: string,
  fn: (ctx: StudioTx, refId: string) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (tokenKind(token) !== kind) throw new AtelierError('unauthorized', unknown)
  const key = tokenLookupKey(kind, hashToken(token))
  let refId = ''
  const locate = async (tx: StorageTransaction) => {
    const lookup = await tx.lookups.get(key)
    if (!lookup) throw new AtelierError('unauthorized', unknown)
    refId = lookup.refId
    return lookup.studioId
  }
  return inStudio(deps, locate, (ctx) => fn(ctx, refId), options)
}
