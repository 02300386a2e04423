import type { ResolvedOptions } from '../options.js'

/**
 * The links tokens travel in. Sign-off links carry the token in the path (`/s/<token>`, a
 * page the server renders); tracker and share links carry it in the `#fragment`, which
 * browsers never send to a server.
 *
 * @example
 * linksFor(opts).signoff('atl_so_…') // 'https://studio.example/s/atl_so_…'
 */
export function linksFor(opts: ResolvedOptions) {
  return {
    signoff: (token: string) => `${opts.publicUrl}/s/${token}`,
    track: (token: string) => `${opts.publicUrl}/track#t=${token}`,
    shared: (token: string) => `${opts.publicUrl}/shared#t=${token}`,
  }
}
