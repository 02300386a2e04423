import type { ChainHead } from '../audit/audit-chain.js'
import { canonicalJson } from '../internal/canonical-json.js'
import { createSha256, sha256Hex } from '../internal/hash.js'
import { signText, verifyText } from '../internal/signing.js'
import type { Quote, ResolutionMap } from '../revision/revision.js'
import type { SignoffPurpose, SignoffSubject } from './signoff.js'

/** What a receipt states, all of it covered by the signature. */
export interface ReceiptPayload {
  type: 'atelier.receipt'
  v: 1
  id: string
  issuedAt: string
  studio: { id: string; name: string }
  /** `title` only for standard-confidentiality projects; the codename always. */
  project: { id: string; codename: string; title?: string }
  signoff: { id: string; purpose: SignoffPurpose }
  files: {
    deliverableId: string
    version: number
    filename: string
    bytes: number
    sha256: string
  }[]
  round?: number
  quote?: Quote
  resolutions?: ResolutionMap
  party?: SignoffSubject['party']
  portfolio?: SignoffSubject['portfolio']
  decision: { outcome: 'approved'; name: string; at: string; userAgent?: string; ipHash?: string }
  auditHead: ChainHead
}

/** A signed receipt: the payload plus an Ed25519 signature over its canonical JSON. */
export interface Receipt extends ReceiptPayload {
  signature: { alg: 'Ed25519'; keyId: string; value: string }
}

/** A receipt as stored by a studio. */
export interface StoredReceipt {
  id: string
  studioId: string
  projectId: string
  signoffId: string
  receipt: Receipt
  createdAt: string
}

/** A studio's published key, as served by the public key endpoint. */
export interface PublicSigningKey {
  keyId: string
  publicKey: string
}

/** Signs a receipt payload with the studio's private key. */
export async function signReceipt(
  payload: ReceiptPayload,
  key: { keyId: string; privateKey: JsonWebKey },
): Promise<Receipt> {
  const value = await signText(key.privateKey, canonicalJson(payload))
  return { ...payload, signature: { alg: 'Ed25519', keyId: key.keyId, value } }
}

/** A file given to {@link verifyReceipt}: its bytes in any form a runtime has. */
export type FileBytes = Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>

export interface ReceiptVerification {
  /** Signature valid and every given file is one the receipt names. */
  valid: boolean
  signature: 'valid' | 'invalid' | 'unknown_key' | 'malformed'
  /** Each file the receipt names, and whether a given file matched its sha256. */
  files: { filename: string; sha256: string; matched: boolean }[]
  /** sha256 of given files that match nothing in the receipt. */
  unmatched: string[]
  problems: string[]
}

async function digest(file: FileBytes): Promise<string> {
  if (file instanceof Uint8Array) return sha256Hex(file)
  if (file instanceof ArrayBuffer) return sha256Hex(new Uint8Array(file))
  const stream = file instanceof Blob ? file.stream() : file
  const hash = createSha256()
  for await (const chunk of stream as AsyncIterable<Uint8Array>) hash.update(chunk)
  return hash.digestHex()
}

function isReceiptShaped(r: unknown): r is Receipt {
  const x = r as Receipt | null
  return (
    typeof x === 'object' &&
    x !== null &&
    x.type === 'atelier.receipt' &&
    typeof x.signature?.value === 'string' &&
    typeof x.signature.keyId === 'string' &&
    Array.isArray(x.files)
  )
}

/**
 * Verifies a receipt: the Ed25519 signature over its canonical JSON with the studio's public
 * key and, when `files` are given, that each file's sha256 is one the receipt names. Any change
 * to any field, a wrong key, or a different file makes it invalid. Never throws.
 *
 * @example
 * const result = await verifyReceipt(receipt, studioPublicKey, [finalPdfBytes])
 * result.valid // true
 */
export async function verifyReceipt(
  receipt: unknown,
  publicKey: string | readonly PublicSigningKey[],
  files: readonly FileBytes[] = [],
): Promise<ReceiptVerification> {
  if (!isReceiptShaped(receipt)) {
    return {
      valid: false,
      signature: 'malformed',
      files: [],
      unmatched: [],
      problems: ['not an Atelier receipt'],
    }
  }
  const problems: string[] = []
  const { signature, ...payload } = receipt
  const key =
    typeof publicKey === 'string'
      ? publicKey
      : publicKey.find((k) => k.keyId === signature.keyId)?.publicKey
  let sig: ReceiptVerification['signature'] = 'unknown_key'
  if (key === undefined) {
    problems.push(`no published key with id ${signature.keyId}`)
  } else {
    let message: string | undefined
    try {
      message = canonicalJson(payload)
    } catch {
      sig = 'malformed'
    }
    if (message !== undefined)
      sig = (await verifyText(key, message, signature.value)) ? 'valid' : 'invalid'
    if (sig !== 'valid')
      problems.push(
        'the signature does not match: the receipt was altered or signed with another key',
      )
  }
  const named = new Set(receipt.files.map((f) => f.sha256))
  const given = new Set<string>()
  const unmatched: string[] = []
  for (const file of files) {
    const sha = await digest(file)
    given.add(sha)
    if (!named.has(sha)) unmatched.push(sha)
  }
  for (const sha of unmatched)
    problems.push(`a given file (sha256 ${sha.slice(0, 12)}…) is not named in the receipt`)
  return {
    valid: sig === 'valid' && unmatched.length === 0,
    signature: sig,
    files: receipt.files.map((f) => ({
      filename: f.filename,
      sha256: f.sha256,
      matched: given.has(f.sha256),
    })),
    unmatched,
    problems,
  }
}
