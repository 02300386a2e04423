import {
  type AuditEvent,
  type Confidentiality,
  createAtelier,
  memoryStorage,
  type Project,
  type ProjectStage,
  type Scope,
  type Studio,
} from '@atelier/core'
import { completeBrief, fakeFile, type Scenario, stepForward } from '@atelier/core/testing'
import { type Rng, seeded } from './random.ts'
import { type RecordedTable, recordingStorage } from './recording-storage.ts'

/** Where generated projects stand, with how common each is (weights). */
export const stageMix: readonly [ProjectStage, number][] = [
  ['requirements', 18],
  ['research', 14],
  ['proposal', 16],
  ['production', 14],
  ['confirmation', 7],
  ['revision', 6],
  ['delivery', 3],
  ['aftercare', 7],
  ['closed', 9],
  ['cancelled', 6],
]

/** How secret generated projects are, with weights. */
export const confidentialityMix: readonly [Confidentiality, number][] = [
  ['standard', 75],
  ['nda', 20],
  ['strict', 5],
]

/** One project as the real service left it, with every row it wrote. */
export interface Template {
  stage: ProjectStage
  confidentiality: Confidentiality
  /** Rows of the project's tables (not the client, studio or lookups), by table. */
  rows: Partial<Record<RecordedTable, Record<string, unknown>[]>>
  client: Record<string, unknown>
  events: AuditEvent[]
  /** The studio the templates were recorded in (its id is replaced when stamping). */
  studioId: string
  start: number
  end: number
}

const NOTES: [string, 'client' | 'internal'][] = [
  ['已和客户电话确认交付时间 — confirmed the delivery date by phone', 'client'],
  ['Moodboard shared with the client; waiting for feedback', 'client'],
  ['客户偏好暖色调，避免荧光色', 'internal'],
  ['Printer quote received: 5,000 copies, 157 g art paper', 'internal'],
  ['已上传字体授权文件 (思源黑体, SIL OFL)', 'client'],
  ['Kick-off call notes: the client wants the mark to work at 16 px', 'internal'],
  ['本周五前提交第二版草图', 'client'],
  ['Client asked about adding a WeChat mini-program banner later', 'internal'],
]

/**
 * Runs the real service (over `memoryStorage()`, recorded) through one journey per stage and
 * confidentiality level, and `studios` studios created the way `atelier studios create` does.
 * Everything is seeded, so the same call records the same shapes.
 *
 * @example
 * const { templates, studios } = await recordTemplates(100)
 */
export async function recordTemplates(
  studios: number,
): Promise<{ templates: Template[]; studios: Studio[] }> {
  const rng = seeded(7)
  let now = Date.UTC(2023, 0, 2, 1)
  const storage = recordingStorage(memoryStorage())
  const atelier = createAtelier({
    storage,
    clock: () => new Date(now),
    random: (n) => rng.bytes(n),
  })
  const tick = (hours: number) => {
    now += Math.round(hours * 3_600_000 * (0.5 + rng.next()))
  }
  const made: Studio[] = []
  for (let i = 0; i < studios; i++) {
    const { id } = await atelier.studios.create({ name: `Studio ${i} 山海设计 · Shanhai Design` })
    // The stored studio, private key and all, for the bulk load (the service returns its view).
    made.push(storage.recorded.get('studios')!.get(id) as unknown as Studio)
    now += 1
  }
  const home = made[0]!
  const scope: Scope = { studioId: home.id, actor: { kind: 'staff', id: 'stf_1', label: '王设计' } }
  const journeys: { stage: ProjectStage; confidentiality: Confidentiality; project: string }[] = []
  for (const [stage] of stageMix) {
    for (const [confidentiality] of confidentialityMix) {
      const start = now
      const project = await journey(atelier, scope, stage, confidentiality, rng, tick)
      journeys.push({ stage, confidentiality, project: project.id })
      if (now === start) tick(1)
    }
  }
  const templates = journeys.map(({ stage, confidentiality, project }) =>
    templateOf(storage.recorded, home.id, stage, confidentiality, project),
  )
  return { templates, studios: made }
}

function templateOf(
  recorded: ReturnType<typeof recordingStorage>['recorded'],
  studioId: string,
  stage: ProjectStage,
  confidentiality: Confidentiality,
  projectId: string,
): Template {
  const rows: Template['rows'] = {}
  for (const [table, byKey] of recorded) {
    if (table === 'studios' || table === 'lookups' || table === 'clients') continue
    const mine = [...byKey.values()].filter((r) => (r.projectId ?? r.id) === projectId)
    if (table !== 'audit' && mine.length) rows[table] = mine
  }
  const project = rows.projects![0] as unknown as Project
  const client = recorded.get('clients')!.get(project.clientId)!
  const events = [...recorded.get('audit')!.values()]
    .filter((e) => e.projectId === projectId)
    .sort((a, b) => (a.seq as number) - (b.seq as number)) as unknown as AuditEvent[]
  return {
    stage,
    confidentiality,
    rows,
    client,
    events,
    studioId,
    start: Date.parse(project.createdAt),
    end: Date.parse(events.at(-1)!.at),
  }
}

async function journey(
  atelier: ReturnType<typeof createAtelier>,
  scope: Scope,
  target: ProjectStage,
  confidentiality: Confidentiality,
  rng: Rng,
  tick: (hours: number) => void,
): Promise<{ id: string }> {
  const client = await atelier.clients.create(scope, {
    name: rng.pick(['李明', '陈静', 'Anna Keller', '王芳', 'Tom Hughes']),
    company: rng.pick(['青禾茶饮', '山野咖啡', 'Nordlicht GmbH', '云间书店']),
    email: 'client@example.com',
  })
  tick(2)
  const brief = target === 'requirements' ? { goals: completeBrief.goals } : completeBrief
  const project = await atelier.projects.create(scope, {
    clientId: client.id,
    title: rng.pick([
      '品牌视觉识别 brand identity',
      '春季海报 poster series',
      '包装设计 packaging',
    ]),
    services: ['logo', 'vi'],
    confidentiality,
    brief,
  })
  const s: Scenario = {
    atelier,
    scope,
    clientScope: {
      studioId: scope.studioId,
      actor: { kind: 'client', id: client.id, label: client.name },
    },
    studioId: scope.studioId,
    clientId: client.id,
    project,
  }
  const note = async () => {
    const [text, visibility] = rng.pick(NOTES)
    await atelier.projects.addNote(scope, { projectId: project.id, text, visibility })
  }
  await note()
  const stageOf = async () => (await atelier.projects.get(scope, project.id)).stage
  const until = async (stage: ProjectStage, towards?: 'revision') => {
    while ((await stageOf()) !== stage) {
      tick(30)
      await stepForward(s, towards)
      if (rng.next() < 0.3) await note()
    }
  }
  if (target === 'requirements') return project
  const path: Record<string, () => Promise<void>> = {
    research: () => until('research'),
    proposal: async () => {
      await until('proposal')
      tick(48)
      const d = await atelier.deliverables.create(scope, {
        projectId: project.id,
        kind: 'proposal',
        title: 'Concept A',
      })
      const file = { deliverableId: d.id, filename: 'concept-a.pdf', mediaType: 'application/pdf' }
      const v = await atelier.deliverables.addVersion(scope, file, fakeFile('concept'))
      await atelier.signoffs.create(scope, {
        projectId: project.id,
        purpose: 'proposal',
        files: [{ deliverableId: d.id, version: v.n }],
      })
    },
    production: () => until('production'),
    confirmation: () => until('confirmation'),
    revision: () => until('revision', 'revision'),
    delivery: async () => {
      await until('revision', 'revision')
      await until('delivery')
    },
    aftercare: async () => {
      await until('revision', 'revision')
      await until('aftercare')
    },
    closed: async () => {
      await until('revision', 'revision')
      await until('aftercare')
      for (let i = 0; i < 3; i++) tick(24 * 30)
      const p = await atelier.projects.get(scope, project.id)
      await atelier.projects.move(scope, { id: p.id, version: p.version, to: 'closed' })
    },
    cancelled: async () => {
      await until('production')
      tick(72)
      const p = await atelier.projects.get(scope, project.id)
      const reason = '客户预算调整，项目暂停 — budget cut on the client side'
      await atelier.projects.move(scope, { id: p.id, version: p.version, to: 'cancelled', reason })
    },
  }
  await path[target]!()
  return atelier.projects.get(scope, project.id)
}
