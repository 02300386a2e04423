import pino, { type DestinationStream } from 'pino'
import type { LogLevel } from './config.js'

const TOKEN = /atl_[a-z]{2}_[A-Za-z0-9_-]+/g

export interface Logger {
  log(level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void
  /** One line per HTTP request (already redacted by whoever builds `entry`), `error` from 500 on. */
  request(entry: object): void
}

/** `value` with every string in it that holds something like a token redacted. */
function redact(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.includes('atl_')
      ? value.replace(TOKEN, (t) => `${t.slice(0, 7)}[redacted]`)
      : value
  }
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(redact)
  const out: Record<string, unknown> = {}
  for (const key in value) out[key] = redact((value as Record<string, unknown>)[key])
  return out
}

/**
 * Standard output, written asynchronously: lines logged while a write is under way go out
 * together in the next one, and pino writes what is left synchronously when the process exits.
 */
const stdout = () => pino.destination({ dest: 1, sync: false })

/**
 * A logger that writes one JSON object per line (`time`, `level`, the fields, `message`) with
 * pino. Nothing that looks like a token survives: every string field is passed through the same
 * redaction as paths.
 *
 * @example
 * const logger = createLogger('info')
 * logger.request({ method: 'GET', path: '/v1/studio', status: 200, durationMs: 1.2 })
 */
export function createLogger(level: LogLevel, destination: DestinationStream = stdout()): Logger {
  const out = pino(
    {
      level,
      base: null,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redact(fields) as Record<string, unknown>,
      },
    },
    destination,
  )
  return {
    log: (lvl, message, fields = {}) => out[lvl](fields, redact(message) as string),
    request: (entry) => {
      const { status } = entry as { status?: unknown }
      if (typeof status === 'number' && status >= 500) out.error(entry, 'request')
      else out.info(entry, 'request')
    },
  }
}
