import { createReadStream, existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createAtelier, type PublicSigningKey, verifyReceipt } from '@atelier/core'
import { CliError } from '../cli-error.js'
import { isPostgres, type ServerConfig } from '../config.js'
import { openStorage } from '../open-storage.js'

type Out = (text: string) => void

async function readReceipt(
  path: string,
): Promise<{ receipt: unknown; publicKeys?: PublicSigningKey[] }> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      1,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new CliError(
      `${path} is not JSON; pass the receipt as saved from the sign-off page or GET /v1/receipts/<id>`,
      1,
    )
  }
  const wrapped = json as { receipt?: unknown; publicKeys?: PublicSigningKey[] }
  return wrapped && typeof wrapped === 'object' && 'receipt' in wrapped
    ? { receipt: wrapped.receipt, publicKeys: wrapped.publicKeys }
    : { receipt: json }
}

/** The studio's keys from this server's database, when there is one to ask. */
async function keysFromDatabase(
  config: ServerConfig,
  studioId: unknown,
): Promise<PublicSigningKey[] | undefined> {
  if (typeof studioId !== 'string' || (!isPostgres(config.db) && !existsSync(config.db)))
    return undefined
  const { storage } = await openStorage(config.db)
  try {
    return await createAtelier({ storage }).studios.publicKeys(studioId)
  } catch {
    return undefined
  } finally {
    await storage.close()
  }
}

/**
 * `atelier verify <receipt.json> [files...]`: checks the receipt's Ed25519 signature and that
 * each given file is one it names. The key comes from `--key`, else this server's database,
 * else the keys saved beside the receipt (said so, since those are only as trustworthy as the
 * file). Exit code 0 when valid, 1 when not.
 */
export async function verifyCommand(
  config: ServerConfig,
  path: string | undefined,
  files: string[],
  key: string | undefined,
  out: Out,
): Promise<number> {
  if (!path) throw new CliError('verify needs a receipt: atelier verify <receipt.json> [files...]')
  const { receipt, publicKeys } = await readReceipt(path)
  const studioId = (receipt as { studio?: { id?: unknown } } | null)?.studio?.id
  const fromDb = key ? undefined : await keysFromDatabase(config, studioId)
  const keys = key ?? fromDb ?? publicKeys
  const source = key
    ? '--key'
    : fromDb
      ? "this server's database"
      : "the file itself (compare it with the studio's published key)"
  if (!keys) {
    throw new CliError(
      `no public key to check with: pass --key <key> (the studio publishes it at /v1/studios/${String(studioId)}/public-keys)`,
      1,
    )
  }
  for (const f of files) if (!existsSync(f)) throw new CliError(`cannot read ${f}: no such file`, 1)
  const streams = files.map(
    (f) => Readable.toWeb(createReadStream(f)) as ReadableStream<Uint8Array>,
  )
  const result = await verifyReceipt(receipt, keys, streams)
  const r = receipt as {
    id?: string
    signoff?: { purpose?: string }
    decision?: { name?: string; at?: string }
    signature?: { keyId?: string }
  }
  out(
    result.signature === 'valid'
      ? `✓ signature valid (key ${r.signature?.keyId} from ${source})`
      : `✗ signature ${result.signature.replace('_', ' ')}: ${result.problems[0] ?? 'not signed by this key'}`,
  )
  for (const file of result.files) {
    out(
      `${file.matched ? '✓' : '·'} ${file.filename} sha256 ${file.sha256.slice(0, 16)}… ${file.matched ? 'matches a given file' : 'not given'}`,
    )
  }
  for (const sha of result.unmatched)
    out(`✗ a given file (sha256 ${sha.slice(0, 16)}…) is not in the receipt`)
  out(
    result.valid
      ? `VALID: receipt ${r.id} — ${r.decision?.name} approved the ${r.signoff?.purpose} sign-off at ${r.decision?.at}`
      : `INVALID: receipt ${r.id ?? '(unknown)'} does not verify`,
  )
  return result.valid ? 0 : 1
}
