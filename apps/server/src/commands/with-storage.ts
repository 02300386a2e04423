import { isAtelierError } from '@atelier/core'
import { CliError } from '../cli-error.js'
import type { ServerConfig } from '../config.js'
import { type OpenedStorage, openStorage } from '../open-storage.js'

/**
 * Opens the database for one command and always closes it; an `AtelierError` becomes one
 * clear line (its message, and the fields it names).
 *
 * @example
 * await withStorage(config, async ({ storage }) => out(String((await storage.transaction((tx) => tx.studios.list())).length)))
 */
export async function withStorage<T>(
  config: ServerConfig,
  fn: (opened: OpenedStorage) => Promise<T>,
  migrate = true,
): Promise<T> {
  const opened = await openStorage(config.db, { migrate })
  try {
    return await fn(opened)
  } catch (error) {
    if (isAtelierError(error)) {
      const fields = error.details.fields?.map((f) => `${f.path}: ${f.message}`).join('; ')
      throw new CliError(fields ? `${error.message} (${fields})` : error.message, 1)
    }
    throw error
  } finally {
    await opened.storage.close()
  }
}
