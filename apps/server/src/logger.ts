import type { LogLevel } from './config.js'

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

const TOKEN = /atl_[a-z]{2}_[A-Za-z0-9_-]+/g

export interface Logger {
  log(level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void
  /** One line per HTTP request (already redacted by whoever builds `entry`). */
  request(entry: Record<string, unknown>): void
}

/**
 * A logger that writes one JSON object per line. Nothing that looks like a token survives:
 * every string field is passed through the same redaction as paths.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, record: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return
    const line = JSON.stringify(
      { time: new Date().toISOString(), level: lvl, ...record },
      (_, value) =>
        typeof value === 'string'
          ? value.replace(TOKEN, (t) => `${t.slice(0, 7)}[redacted]`)
          : value,
    )
    write(line)
  }
  return {
    log: (lvl, message, fields = {}) => emit(lvl, { message, ...fields }),
    request: (entry) =>
      emit(typeof entry.status === 'number' && entry.status >= 500 ? 'error' : 'info', {
        message: 'request',
        ...entry,
      }),
  }
}
