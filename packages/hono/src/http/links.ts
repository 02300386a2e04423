/**
 * The links tokens travel in, under the server's `publicUrl`. Sign-off links carry the token in
 * the path (`/s/<token>`, a page the server renders); tracker, share and invitation links carry
 * it in the `#fragment`, which browsers never send to a server. (Password-reset links are made
 * by `memberAuth`.)
 *
 * @example
 * linksFor('https://studio.example').signoff('atl_so_…') // 'https://studio.example/s/atl_so_…'
 */
export function linksFor(publicUrl: string) {
  return {
    signoff: (token: string) => `${publicUrl}/s/${token}`,
    track: (token: string) => `${publicUrl}/track#t=${token}`,
    shared: (token: string) => `${publicUrl}/shared#t=${token}`,
    join: (token: string) => `${publicUrl}/join#t=${token}`,
  }
}
