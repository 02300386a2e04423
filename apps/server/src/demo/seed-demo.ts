import { createAtelier } from '@atelier/core'
import type { BlobStore, Storage } from '@atelier/core/storage'
import type { MemberAuth } from '@atelier/hono'
import { type DemoMember, seedDemoMembers } from './demo-members.js'
import {
  brandIdentity,
  catalogue,
  signage,
  springPoster,
  teaTin,
  website,
} from './demo-projects.js'
import { DAY, type DemoProject, DemoStudio, type StaffScope } from './demo-studio.js'

/** Everything `atelier seed-demo --json` prints: ids, keys and links, all marked demo. */
export interface DemoSeed {
  demo: true
  studio: { id: string; name: string }
  keys: { secret: string; publishable: string }
  /** The studio's members and their logins (when seeded with member sign-in). */
  members?: DemoMember[]
  clients: { id: string; name: string; trackerLink: string; demoTrackerLink: string }[]
  projects: Record<string, Omit<DemoProject, 'token'>>
  links: {
    signoff: string
    changeOrder: string
    demoSite: string
    docs: string
    /** Where members sign in (`POST`, JSON `{ email, password }`), with member sign-in. */
    signIn?: string
  }
}

/**
 * Seeds a demo studio through the service itself, on a clock that walks through the last six
 * weeks so the tracker shows real dates: a brand identity in a billable revision round waiting
 * for the client's change order, a poster waiting for its proposal sign-off, a tea tin in
 * aftercare, a website still at the brief, a confidential signage project, and an English
 * client's catalogue waiting for final approval. Given member sign-in (`auth`, over the same
 * storage), the studio also gets an owner, a designer and a viewer who can sign in.
 */
export async function seedDemo(
  storage: Storage,
  blobs: BlobStore,
  publicUrl: string,
  auth?: MemberAuth,
): Promise<DemoSeed> {
  const end = Date.now()
  let t = end - 42 * DAY
  const atelier = createAtelier({ storage, blobs, clock: () => new Date(t) })
  const studio = await atelier.studios.create({
    name: 'Studio 山海 Shanhai (demo)',
    settings: { includedRounds: 2 },
  })
  const members = auth && (await seedDemoMembers(atelier, auth, studio.id))
  const staff: StaffScope = {
    studioId: studio.id,
    actor: { kind: 'staff', id: 'demo', label: '王设计 Wang' },
  }
  const secret = await atelier.credentials.createKey(staff, {
    kind: 'secret',
    label: 'demo backend',
  })
  const publishable = await atelier.credentials.createKey(staff, {
    kind: 'publishable',
    label: 'demo website',
  })
  const li = await atelier.clients.create(staff, {
    name: '李明',
    company: '青禾茶饮 Qinghe Tea',
    email: 'li.ming@qinghe.example',
    locale: 'zh-CN',
  })
  const emma = await atelier.clients.create(staff, {
    name: 'Emma Walsh',
    company: 'Northwind Books',
    email: 'emma@northwind.example',
    locale: 'en',
  })
  const d = new DemoStudio(atelier, staff, { set: (daysAgo) => (t = end - daysAgo * DAY) })
  const { token: changeOrder, ...brand } = await brandIdentity(d, li)
  const { token: proposal, ...spring } = await springPoster(d, li)
  const projects = {
    brand,
    spring,
    tea: await teaTin(d, li),
    web: await website(d, li),
    nda: await signage(d, li),
    catalogue: await catalogue(d, emma),
  }

  const links = async (client: { id: string; name: string }) => {
    const { token } = await atelier.credentials.issueClientToken(staff, {
      clientId: client.id,
      kind: 'access_link',
    })
    return {
      id: client.id,
      name: client.name,
      trackerLink: `${publicUrl}/track#t=${token}`,
      demoTrackerLink: `${publicUrl}/demo/track.html#t=${token}`,
    }
  }
  return {
    demo: true,
    studio: { id: studio.id, name: studio.name },
    keys: { secret: secret.token, publishable: publishable.token },
    ...(members && { members }),
    clients: [await links(li), await links(emma)],
    projects,
    links: {
      signoff: `${publicUrl}/s/${proposal}`,
      changeOrder: `${publicUrl}/s/${changeOrder}`,
      demoSite: `${publicUrl}/demo/`,
      docs: `${publicUrl}/docs`,
      ...(members && { signIn: `${publicUrl}/auth/sign-in/email` }),
    },
  }
}
