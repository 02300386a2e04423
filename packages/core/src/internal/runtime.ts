/** What the service needs from its surroundings: time and randomness, injectable for tests. */
export interface Runtime {
  /** @default () => new Date() */
  clock: () => Date
  /** Cryptographically secure random bytes. @default crypto.getRandomValues */
  random: (length: number) => Uint8Array
}

export const defaultRuntime: Runtime = {
  clock: () => new Date(),
  random: (length) => crypto.getRandomValues(new Uint8Array(length)),
}

/** ISO-8601 UTC instant with milliseconds, the one time format stored and returned. */
export function isoNow(runtime: Runtime): string {
  return runtime.clock().toISOString()
}

export const DAY_MS = 86_400_000

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString()
}
