import type { Atelier } from '../atelier.js'
import type { Scope } from '../internal/atoms.js'
import type { Brief, Confidentiality, Project } from '../project/project.js'
import type { Stage } from '../project/stages.js'
import type { ProjectView } from '../view/view-types.js'
import { fakeFile } from './journey.js'

/** A brief with every field the requirements gate asks for. */
export const completeBrief: Brief = {
  goals: '年轻化的品牌形象',
  audience: '18–30 岁的城市白领',
  style: '清新、自然',
  usage: ['print', 'digital'],
  deliverableTypes: ['logo', 'VI manual'],
  budget: { amount: 4_800_000, currency: 'CNY' },
  deadline: '2027-01-31',
}

export interface Scenario {
  atelier: Atelier
  scope: Scope
  clientScope: Scope
  studioId: string
  clientId: string
  /** The project as created (its staff view). */
  project: ProjectView
}

/** A studio, its staff scope, a client and a project in `requirements` with a complete brief. */
export async function seedProject(
  atelier: Atelier,
  options: { confidentiality?: Confidentiality; includedRounds?: number; title?: string } = {},
): Promise<Scenario> {
  const studio = await atelier.studios.create({ name: 'Studio 山海 Shanhai' })
  const scope: Scope = {
    studioId: studio.id,
    actor: { kind: 'staff', id: 'staff_1', label: '王设计' },
  }
  const client = await atelier.clients.create(scope, {
    name: '李明',
    company: '青禾茶饮',
    email: 'li@qinghe.example',
  })
  const project = await atelier.projects.create(scope, {
    clientId: client.id,
    title: options.title ?? '青禾茶饮 brand identity',
    confidentiality: options.confidentiality ?? 'standard',
    contract: { includedRounds: options.includedRounds ?? 2 },
    brief: completeBrief,
  })
  const clientScope: Scope = {
    studioId: studio.id,
    actor: { kind: 'client', id: client.id, label: client.name },
  }
  return { atelier, scope, clientScope, studioId: studio.id, clientId: client.id, project }
}

/** The newest version of a deliverable of `kind`, uploading one (and creating it) when there is none. */
async function ensureVersion(
  s: Scenario,
  kind: 'proposal' | 'final',
  title: string,
): Promise<{ deliverableId: string; version: number }> {
  const { atelier, scope } = s
  const existing = (await atelier.deliverables.list(scope, s.project.id)).find(
    (d) => d.kind === kind,
  )
  if (existing && existing.latestVersion > 0)
    return { deliverableId: existing.id, version: existing.latestVersion }
  const d =
    existing ?? (await atelier.deliverables.create(scope, { projectId: s.project.id, kind, title }))
  const name = kind === 'proposal' ? 'concept-a.pdf' : 'logo-v1.png'
  const v = await atelier.deliverables.addVersion(
    scope,
    {
      deliverableId: d.id,
      filename: name,
      mediaType: kind === 'proposal' ? 'application/pdf' : 'image/png',
    },
    fakeFile(`${title} v1`),
  )
  return { deliverableId: d.id, version: v.n }
}

/**
 * Moves the open revision round along: quotes it when it awaits a quote, accepts the change
 * order as the client when quoted, and when open uploads a revised version, resolves every item
 * and submits for review.
 */
async function workRound(s: Scenario): Promise<void> {
  const { atelier, scope } = s
  const round = (await atelier.revisions.list(scope, s.project.id)).at(-1)!
  if (round.status === 'awaiting_quote') {
    await atelier.revisions.quote(scope, {
      roundId: round.id,
      version: round.version!,
      scope: ['横版标志'],
      days: 3,
      fee: { amount: 120_000, currency: 'CNY' },
    })
    return
  }
  if (round.status === 'quoted') {
    const order = (await atelier.signoffs.list(scope, s.project.id)).find(
      (x) => x.purpose === 'change_order' && x.status === 'pending',
    )
    if (order)
      await atelier.signoffs.decideAsClient(s.clientScope, order.id, {
        outcome: 'approved',
        name: '李明',
      })
    return
  }
  const logo = await ensureVersion(s, 'final', 'Logo')
  const made = await atelier.deliverables.addVersion(
    scope,
    { deliverableId: logo.deliverableId, filename: `logo-r${round.n}.png`, mediaType: 'image/png' },
    fakeFile(`logo round ${round.n} ${Math.random()}`),
  )
  let current = round
  for (const item of round.items.filter((i) => !i.resolution)) {
    current = await atelier.revisions.resolveItem(scope, {
      roundId: round.id,
      version: current.version!,
      itemId: item.id,
      status: 'addressed',
      note: '已修改',
      inVersion: { deliverableId: made.deliverableId, version: made.n },
    })
  }
  const project = await atelier.projects.get(scope, s.project.id)
  await atelier.projects.submitForReview(scope, { id: project.id, version: project.version })
}

const ORDER: Stage[] = [
  'requirements',
  'research',
  'proposal',
  'production',
  'confirmation',
  'revision',
  'delivery',
  'aftercare',
]

/**
 * Takes the natural next step along the happy path from wherever the project is: research,
 * an approved proposal, production with a final deliverable, submission for review, then in
 * confirmation either a client's request for changes (`towards: 'revision'`) or approval,
 * delivery. Returns the project as it then is.
 */
export async function stepForward(s: Scenario, towards?: Stage): Promise<Project> {
  const { atelier, scope } = s
  const project = await atelier.projects.get(scope, s.project.id)
  let { version } = project
  const move = async (to: Project['stage']) => {
    version = (await atelier.projects.move(scope, { id: project.id, version, to })).version
  }
  switch (project.stage) {
    case 'requirements':
      await move('research')
      break
    case 'research':
      await move('proposal')
      break
    case 'proposal': {
      const concept = await ensureVersion(s, 'proposal', 'Concept A')
      const so = await atelier.signoffs.create(scope, {
        projectId: project.id,
        purpose: 'proposal',
        files: [concept],
      })
      await atelier.signoffs.decide(so.token, { outcome: 'approved', name: '李明' })
      await move('production')
      await ensureVersion(s, 'final', 'Logo')
      break
    }
    case 'production':
      await ensureVersion(s, 'final', 'Logo')
      await atelier.projects.submitForReview(scope, { id: project.id, version })
      break
    case 'confirmation': {
      const pending = (await atelier.signoffs.list(scope, project.id)).find(
        (x) => x.purpose === 'final' && x.status === 'pending',
      )
      if (towards === 'revision' || !pending) {
        await atelier.revisions.request(s.clientScope, {
          projectId: project.id,
          items: [{ text: '颜色再深一点' }],
        })
      } else {
        await atelier.signoffs.decideAsClient(s.clientScope, pending.id, {
          outcome: 'approved',
          name: '李明',
        })
      }
      break
    }
    case 'revision':
      await workRound(s)
      break
    case 'delivery':
      version = (
        await atelier.projects.recordDelivery(scope, {
          projectId: project.id,
          version,
          method: 'download',
          licence: 'full rights',
        })
      ).version
      await move('aftercare')
      break
    default:
      break
  }
  return atelier.projects.get(scope, project.id)
}

/** Steps a seeded project forward along the happy path until it is in `stage`. */
export async function advanceTo(s: Scenario, stage: Stage): Promise<Project> {
  let project = await s.atelier.projects.get(s.scope, s.project.id)
  while (ORDER.indexOf(project.stage as Stage) < ORDER.indexOf(stage))
    project = await stepForward(s, stage)
  return project
}
