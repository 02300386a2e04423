import type { ClientView } from '@atelier/core'
import { conceptArt, lockupArt, logoArt, packagingArt, posterArt } from './demo-art.js'
import { brief, type DemoProject, type DemoStudio } from './demo-studio.js'

// The demo studio's six projects, each a short story told through the real service on a clock
// that walks the last six weeks (see DemoStudio).

/** Brand identity: two rounds of changes, the second beyond the contract and quoted. */
export async function brandIdentity(d: DemoStudio, client: ClientView): Promise<DemoProject> {
  d.at(42)
  await d.start({
    clientId: client.id,
    title: '青禾茶饮品牌视觉识别 · Brand identity',
    services: ['logo', 'vi'],
    contract: { includedRounds: 1, dueDate: '2027-01-15' },
    brief,
  })
  d.at(40)
  await d.move('research')
  await d.atelier.projects.addNote(d.staff, {
    projectId: d.project.id,
    text: '调研了 12 家新茶饮品牌的视觉 · reviewed 12 tea brands',
    visibility: 'client',
  })
  d.at(36)
  await d.move('proposal')
  await d.approveProposal('Concept A 「清泉」', conceptArt('#2E6B3F', '清泉'), client.name)
  d.at(33)
  await d.move('production')
  const logo = await d.deliverable('final', '标志 Logo')
  await d.upload(logo.id, 'qinghe-logo-v1.svg', logoArt('#4E9A5E'))
  const lockup = await d.deliverable('final', '横版组合 Horizontal lock-up')
  await d.upload(lockup.id, 'qinghe-lockup-v1.svg', lockupArt('#4E9A5E'))
  d.at(28)
  let review = await d.atelier.projects.submitForReview(d.staff, {
    id: d.project.id,
    version: d.project.version,
  })
  d.at(26)
  await d.atelier.signoffs.decide(review.token, {
    outcome: 'changes_requested',
    name: client.name,
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
  d.at(8)
  const v2 = await d.upload(logo.id, 'qinghe-logo-v2.svg', logoArt('#2E6B3F'), '主色 #2E6B3F')
  await d.upload(lockup.id, 'qinghe-lockup-v2.svg', lockupArt('#2E6B3F'))
  let [round] = await d.atelier.revisions.list(d.staff, d.project.id)
  round = await d.atelier.revisions.resolveItem(d.staff, {
    roundId: round!.id,
    version: round!.version,
    itemId: round!.items[0]!.id,
    status: 'addressed',
    note: '主色改为 #2E6B3F',
    inVersion: { deliverableId: logo.id, version: v2.n },
  })
  round = await d.atelier.revisions.resolveItem(d.staff, {
    roundId: round.id,
    version: round.version,
    itemId: round.items[1]!.id,
    status: 'declined',
    note: '细字体在小尺寸下不清晰，保留原字重 · too thin at small sizes',
  })
  await d.refresh()
  d.at(7)
  review = await d.atelier.projects.submitForReview(d.staff, {
    id: d.project.id,
    version: d.project.version,
  })
  d.at(3)
  await d.atelier.signoffs.decideAsClient(d.as(client), review.signoff.id, {
    outcome: 'changes_requested',
    name: client.name,
    comment: '能否再做一套竖版组合？· could we also have a vertical lock-up?',
  })
  const rounds = await d.atelier.revisions.list(d.staff, d.project.id)
  d.at(2)
  const quote = await d.atelier.revisions.quote(d.staff, {
    roundId: rounds[1]!.id,
    version: rounds[1]!.version,
    scope: ['竖版组合一套 · one vertical lock-up', '应用示例两张 · two mock-ups'],
    days: 3,
    fee: { amount: 150_000, currency: 'CNY' },
  })
  return { ...d.summary('revision'), token: quote.token }
}

/** Spring poster: research skipped, a proposal waiting for the client's sign-off. */
export async function springPoster(d: DemoStudio, client: ClientView): Promise<DemoProject> {
  d.at(10)
  await d.start({
    clientId: client.id,
    title: '春日新茶海报 · Spring poster',
    services: ['poster'],
    brief: { ...brief, deliverableTypes: ['poster'] },
  })
  d.at(9)
  await d.move('proposal', '沿用品牌项目的调研 · reusing the brand research')
  const poster = await d.deliverable('proposal', '海报提案 Poster concepts')
  d.at(1)
  await d.upload(poster.id, 'spring-poster.svg', posterArt('#9FD3C7'))
  const posterSignoff = await d.atelier.signoffs.create(d.staff, {
    projectId: d.project.id,
    purpose: 'proposal',
    files: [{ deliverableId: poster.id, version: 1 }],
    message: '两个方向请选一个 · please pick a direction',
  })
  return { ...d.summary('proposal'), token: posterSignoff.token }
}

/** Tea tin: delivered ten days ago, in aftercare. */
export async function teaTin(d: DemoStudio, client: ClientView): Promise<DemoProject> {
  d.at(41)
  await d.start({
    clientId: client.id,
    title: '明前龙井包装 · Longjing tea tin',
    services: ['packaging'],
    brief: { ...brief, deliverableTypes: ['packaging'] },
  })
  d.at(39)
  await d.move('research')
  d.at(37)
  await d.move('proposal')
  await d.approveProposal(
    '包装方向 Packaging direction',
    conceptArt('#B5483A', '龙井'),
    client.name,
  )
  d.at(30)
  await d.move('production')
  const tin = await d.deliverable('final', '茶罐 Tea tin')
  await d.upload(tin.id, 'longjing-tin.svg', packagingArt('#B5483A'))
  d.at(16)
  const review = await d.atelier.projects.submitForReview(d.staff, {
    id: d.project.id,
    version: d.project.version,
  })
  d.at(12)
  await d.atelier.signoffs.decide(review.token, { outcome: 'approved', name: client.name })
  await d.refresh()
  d.at(10)
  await d.atelier.projects.recordDelivery(d.staff, {
    projectId: d.project.id,
    version: d.project.version,
    method: 'download',
    licence: '印刷与线上使用 · print and online use',
  })
  await d.refresh()
  await d.move('aftercare')
  return d.summary('aftercare')
}

/** Website: the brief is still missing pieces. */
export async function website(d: DemoStudio, client: ClientView): Promise<DemoProject> {
  d.at(2)
  await d.start({
    clientId: client.id,
    title: '官网改版 · Website refresh',
    services: ['web'],
    brief: { goals: '线上点单更顺畅 · smoother online ordering', usage: ['digital'] },
  })
  return d.summary('requirements')
}

/** Confidential: store signage under NDA, shown to outsiders only by its codename. */
export async function signage(d: DemoStudio, client: ClientView): Promise<DemoProject> {
  d.at(20)
  await d.start({
    clientId: client.id,
    title: '新店空间导视 · Flagship signage',
    codename: 'Jade Heron',
    confidentiality: 'nda',
    services: ['vi'],
    brief,
  })
  await d.move('research')
  d.at(15)
  await d.move('proposal')
  await d.approveProposal(
    '导视方向 Wayfinding direction',
    conceptArt('#24556B', '导视'),
    client.name,
  )
  d.at(8)
  await d.move('production')
  return d.summary('production')
}

/** An English-speaking client's catalogue, waiting for final approval. */
export async function catalogue(d: DemoStudio, client: ClientView): Promise<DemoProject> {
  d.at(30)
  await d.start({
    clientId: client.id,
    title: 'Autumn catalogue',
    services: ['brochure'],
    brief: { ...brief, goals: 'A calm, bookish catalogue for the autumn list' },
  })
  await d.move('proposal', 'Research came with the brief')
  d.at(25)
  const cover = await d.deliverable('proposal', 'Cover directions')
  await d.upload(cover.id, 'cover.svg', conceptArt('#6B4E9A', 'Autumn'))
  const coverSo = await d.atelier.signoffs.create(d.staff, {
    projectId: d.project.id,
    purpose: 'proposal',
    files: [{ deliverableId: cover.id, version: 1 }],
  })
  await d.atelier.signoffs.decide(coverSo.token, { outcome: 'approved', name: client.name })
  await d.refresh()
  await d.move('production')
  const spread = await d.deliverable('final', 'Catalogue spreads')
  d.at(4)
  await d.upload(spread.id, 'catalogue.svg', posterArt('#C9B7E0', '#6B4E9A'))
  await d.atelier.projects.submitForReview(d.staff, {
    id: d.project.id,
    version: d.project.version,
  })
  return d.summary('confirmation')
}
