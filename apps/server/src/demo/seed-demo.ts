import {
  type Atelier,
  type BlobStore,
  createAtelier,
  type Project,
  type Scope,
  type Storage,
} from '@atelier/core'
import { conceptArt, lockupArt, logoArt, packagingArt, posterArt } from './demo-art.js'

const DAY = 86_400_000

/** Everything `atelier seed-demo --json` prints: ids, keys and links, all marked demo. */
export interface DemoSeed {
  demo: true
  studio: { id: string; name: string }
  keys: { secret: string; publishable: string }
  clients: { id: string; name: string; trackerLink: string; demoTrackerLink: string }[]
  projects: Record<string, { id: string; title: string; stage: string }>
  links: { signoff: string; changeOrder: string; demoSite: string; docs: string }
}

const brief = {
  goals: '年轻化的品牌形象，让 25 岁的人也愿意走进来 — a brand young people walk into',
  audience: '18–30 岁的城市白领 · urban professionals aged 18–30',
  style: '清新、自然、留白 · fresh, natural, airy',
  usage: ['print', 'digital'] as ('print' | 'digital')[],
  deliverableTypes: ['logo', 'VI manual', 'signage'],
  budget: { amount: 4_800_000, currency: 'CNY' },
  deadline: '2027-02-28',
}

/**
 * Seeds a demo studio through the service itself, on a clock that walks through the last six
 * weeks so the tracker shows real dates: a brand identity in a billable revision round waiting
 * for the client's change order, a poster waiting for its proposal sign-off, a tea tin in
 * aftercare, a website still at the brief, a confidential signage project, and an English
 * client's catalogue waiting for final approval.
 */
export async function seedDemo(
  storage: Storage,
  blobs: BlobStore,
  publicUrl: string,
): Promise<DemoSeed> {
  const end = Date.now()
  let t = end - 42 * DAY
  // Each project walks its own timeline forward; the clock jumps back between projects.
  const at = (daysAgo: number) => {
    t = end - daysAgo * DAY
  }
  const atelier: Atelier = createAtelier({ storage, blobs, clock: () => new Date(t) })
  const studio = await atelier.studios.create({
    name: 'Studio 山海 Shanhai (demo)',
    settings: { includedRounds: 2 },
  })
  const staff: Scope = {
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
  const as = (client: { id: string; name: string }): Scope => ({
    studioId: studio.id,
    actor: { kind: 'client', id: client.id, label: client.name },
  })

  let project: Project
  const move = async (to: Project['stage'], reason?: string) => {
    project = await atelier.projects.move(staff, {
      id: project.id,
      version: project.version,
      to,
      ...(reason && { reason }),
    })
  }
  const refresh = async () => {
    project = await atelier.projects.get(staff, project.id)
  }
  const upload = (deliverableId: string, filename: string, bytes: Uint8Array, note?: string) =>
    atelier.deliverables.addVersion(
      staff,
      { deliverableId, filename, mediaType: 'image/svg+xml', ...(note && { note }) },
      bytes,
    )
  const deliverable = (kind: 'proposal' | 'design' | 'final', title: string) =>
    atelier.deliverables.create(staff, { projectId: project.id, kind, title })
  const approveProposal = async (title: string, art: Uint8Array) => {
    const concept = await deliverable('proposal', title)
    await upload(concept.id, 'concept.svg', art)
    const so = await atelier.signoffs.create(staff, {
      projectId: project.id,
      purpose: 'proposal',
      files: [{ deliverableId: concept.id, version: 1 }],
    })
    await atelier.signoffs.decide(so.token, { outcome: 'approved', name: li.name })
    await refresh()
  }

  // 1. Brand identity: two rounds of changes, the second beyond the contract and quoted.
  at(42)
  project = await atelier.projects.create(staff, {
    clientId: li.id,
    title: '青禾茶饮品牌视觉识别 · Brand identity',
    services: ['logo', 'vi'],
    contract: { includedRounds: 1, dueDate: '2027-01-15' },
    brief,
  })
  at(40)
  await move('research')
  await atelier.projects.addNote(staff, {
    projectId: project.id,
    text: '调研了 12 家新茶饮品牌的视觉 · reviewed 12 tea brands',
    visibility: 'client',
  })
  at(36)
  await move('proposal')
  await approveProposal('Concept A 「清泉」', conceptArt('#2E6B3F', '清泉'))
  at(33)
  await move('production')
  const logo = await deliverable('final', '标志 Logo')
  await upload(logo.id, 'qinghe-logo-v1.svg', logoArt('#4E9A5E'))
  const lockup = await deliverable('final', '横版组合 Horizontal lock-up')
  await upload(lockup.id, 'qinghe-lockup-v1.svg', lockupArt('#4E9A5E'))
  at(28)
  let review = await atelier.projects.submitForReview(staff, {
    id: project.id,
    version: project.version,
  })
  at(26)
  await atelier.signoffs.decide(review.token, {
    outcome: 'changes_requested',
    name: li.name,
    items: [
      {
        text: '绿色再深一点，更沉稳 · a deeper, calmer green',
        file: { deliverableId: logo.id, version: 1 },
        pin: { x: 0.5, y: 0.4 },
      },
      {
        text: '中文字体换成更细的 · a lighter Chinese typeface',
        file: { deliverableId: logo.id, version: 1 },
        pin: { x: 0.5, y: 0.83 },
      },
    ],
  })
  at(8)
  const v2 = await upload(logo.id, 'qinghe-logo-v2.svg', logoArt('#2E6B3F'), '主色 #2E6B3F')
  await upload(lockup.id, 'qinghe-lockup-v2.svg', lockupArt('#2E6B3F'))
  let [round] = await atelier.revisions.list(staff, project.id)
  round = await atelier.revisions.resolveItem(staff, {
    roundId: round!.id,
    version: round!.version,
    itemId: round!.items[0]!.id,
    status: 'addressed',
    note: '主色改为 #2E6B3F',
    inVersion: { deliverableId: logo.id, version: v2.n },
  })
  round = await atelier.revisions.resolveItem(staff, {
    roundId: round.id,
    version: round.version,
    itemId: round.items[1]!.id,
    status: 'declined',
    note: '细字体在小尺寸下不清晰，保留原字重 · too thin at small sizes',
  })
  await refresh()
  at(7)
  review = await atelier.projects.submitForReview(staff, {
    id: project.id,
    version: project.version,
  })
  at(3)
  await atelier.signoffs.decideAsClient(as(li), review.signoff.id, {
    outcome: 'changes_requested',
    name: li.name,
    comment: '能否再做一套竖版组合？· could we also have a vertical lock-up?',
  })
  const rounds = await atelier.revisions.list(staff, project.id)
  at(2)
  const quote = await atelier.revisions.quote(staff, {
    roundId: rounds[1]!.id,
    version: rounds[1]!.version,
    scope: ['竖版组合一套 · one vertical lock-up', '应用示例两张 · two mock-ups'],
    days: 3,
    fee: { amount: 150_000, currency: 'CNY' },
  })
  const brand = { id: project.id, title: project.title, stage: 'revision' }

  // 2. Spring poster: research skipped, a proposal waiting for the client's sign-off.
  at(10)
  project = await atelier.projects.create(staff, {
    clientId: li.id,
    title: '春日新茶海报 · Spring poster',
    services: ['poster'],
    brief: { ...brief, deliverableTypes: ['poster'] },
  })
  at(9)
  await move('proposal', '沿用品牌项目的调研 · reusing the brand research')
  const poster = await deliverable('proposal', '海报提案 Poster concepts')
  at(1)
  await upload(poster.id, 'spring-poster.svg', posterArt('#9FD3C7'))
  const posterSignoff = await atelier.signoffs.create(staff, {
    projectId: project.id,
    purpose: 'proposal',
    files: [{ deliverableId: poster.id, version: 1 }],
    message: '两个方向请选一个 · please pick a direction',
  })
  const spring = { id: project.id, title: project.title, stage: 'proposal' }

  // 3. Tea tin: delivered ten days ago, in aftercare.
  at(41)
  project = await atelier.projects.create(staff, {
    clientId: li.id,
    title: '明前龙井包装 · Longjing tea tin',
    services: ['packaging'],
    brief: { ...brief, deliverableTypes: ['packaging'] },
  })
  at(39)
  await move('research')
  at(37)
  await move('proposal')
  await approveProposal('包装方向 Packaging direction', conceptArt('#B5483A', '龙井'))
  at(30)
  await move('production')
  const tin = await deliverable('final', '茶罐 Tea tin')
  await upload(tin.id, 'longjing-tin.svg', packagingArt('#B5483A'))
  at(16)
  review = await atelier.projects.submitForReview(staff, {
    id: project.id,
    version: project.version,
  })
  at(12)
  await atelier.signoffs.decide(review.token, { outcome: 'approved', name: li.name })
  await refresh()
  at(10)
  await atelier.projects.recordDelivery(staff, {
    projectId: project.id,
    version: project.version,
    method: 'download',
    licence: '印刷与线上使用 · print and online use',
  })
  await refresh()
  await move('aftercare')
  const tea = { id: project.id, title: project.title, stage: 'aftercare' }

  // 4. Website: the brief is still missing pieces.
  at(2)
  project = await atelier.projects.create(staff, {
    clientId: li.id,
    title: '官网改版 · Website refresh',
    services: ['web'],
    brief: { goals: '线上点单更顺畅 · smoother online ordering', usage: ['digital'] },
  })
  const web = { id: project.id, title: project.title, stage: 'requirements' }

  // 5. Confidential: store signage under NDA, shown to outsiders only by its codename.
  at(20)
  project = await atelier.projects.create(staff, {
    clientId: li.id,
    title: '新店空间导视 · Flagship signage',
    codename: 'Jade Heron',
    confidentiality: 'nda',
    services: ['vi'],
    brief,
  })
  await move('research')
  at(15)
  await move('proposal')
  await approveProposal('导视方向 Wayfinding direction', conceptArt('#24556B', '导视'))
  at(8)
  await move('production')
  const nda = { id: project.id, title: project.title, stage: 'production' }

  // 6. An English-speaking client's catalogue, waiting for final approval.
  at(30)
  project = await atelier.projects.create(staff, {
    clientId: emma.id,
    title: 'Autumn catalogue',
    services: ['brochure'],
    brief: { ...brief, goals: 'A calm, bookish catalogue for the autumn list' },
  })
  await move('proposal', 'Research came with the brief')
  at(25)
  const cover = await deliverable('proposal', 'Cover directions')
  await upload(cover.id, 'cover.svg', conceptArt('#6B4E9A', 'Autumn'))
  const coverSo = await atelier.signoffs.create(staff, {
    projectId: project.id,
    purpose: 'proposal',
    files: [{ deliverableId: cover.id, version: 1 }],
  })
  await atelier.signoffs.decide(coverSo.token, { outcome: 'approved', name: emma.name })
  await refresh()
  await move('production')
  const spread = await deliverable('final', 'Catalogue spreads')
  at(4)
  await upload(spread.id, 'catalogue.svg', posterArt('#C9B7E0', '#6B4E9A'))
  await atelier.projects.submitForReview(staff, { id: project.id, version: project.version })
  const catalogue = { id: project.id, title: project.title, stage: 'confirmation' }

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
    clients: [await links(li), await links(emma)],
    projects: { brand, spring, tea, web, nda, catalogue },
    links: {
      signoff: `${publicUrl}/s/${posterSignoff.token}`,
      changeOrder: `${publicUrl}/s/${quote.token}`,
      demoSite: `${publicUrl}/demo/`,
      docs: `${publicUrl}/docs`,
    },
  }
}
