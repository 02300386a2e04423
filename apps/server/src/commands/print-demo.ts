import type { DemoSeed } from '../demo/seed-demo.js'

/** Prints a freshly seeded demo studio: marked as demo, every key and link shown this once. */
export function printDemo(seed: DemoSeed, out: (text: string) => void): void {
  out('')
  out(`DEMO DATA — a demo studio was seeded: ${seed.studio.name} (${seed.studio.id})`)
  out('  These keys and links are shown once; Atelier stores only their hashes.')
  out(`  secret key (servers only)   ${seed.keys.secret}`)
  out(`  publishable key (web pages) ${seed.keys.publishable}`)
  if (seed.members?.length) {
    out(`  studio members: e-mail and password (sign in: POST ${seed.links.signIn})`)
    for (const m of seed.members) out(`    ${m.role.padEnd(9)} ${m.email.padEnd(25)} ${m.password}`)
  }
  for (const client of seed.clients) {
    out(`  ${client.name}'s tracker on the demo site  ${client.demoTrackerLink}`)
    out(`  ${client.name}'s access link               ${client.trackerLink}`)
  }
  out(`  a proposal waiting for sign-off  ${seed.links.signoff}`)
  out(`  a change order waiting           ${seed.links.changeOrder}`)
  out('')
}
