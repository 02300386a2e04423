import type { Caller, CallInit, Reply } from './call.js'
import type { Fixture } from './fixtures.js'

/** Sends a fixture with a token and extra headers. */
export function send(
  call: Caller,
  fixture: Fixture,
  token: string | undefined,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const init: CallInit = { headers: { ...headers } }
  if (token) init.token = token
  if (fixture.ifMatch !== undefined) init.ifMatch = fixture.ifMatch
  if (fixture.json !== undefined) init.json = fixture.json
  if (fixture.upload) {
    init.body = fixture.upload.bytes
    init.headers!['Content-Type'] = fixture.upload.type
  }
  return call(fixture.method, fixture.path, init)
}
