import { beforeAll, describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { type Viewer, visibilityMatrix } from '../confidentiality/visibility.js'
import type { Confidentiality } from '../project/project.js'
import { memoryStorage } from '../storage/memory-storage.js'
import type { ScopedRepositories } from '../storage/storage-port.js'
import { fakeFile } from '../testing/journey.js'
import { advanceTo, seedProject } from '../testing/scenario.js'
import type { ProjectSnapshot } from './view-project.js'
import { viewProject } from './view-project.js'

const SECRET = {
  note: 'BACKSTAGE-NOTE margin is thin',
  clientNotes: 'CLIENT-NOTES pays late',
  briefNotes: 'BRIEF-INTERNAL keep it cheap',
  deliverable: 'INTERNAL-WORKING-FILE',
}

let snapshot: ProjectSnapshot
let ids: { signoffId: string; grantId: string; clientId: string; now: string }

beforeAll(async () => {
  const storage = memoryStorage()
  const atelier = createAtelier({ storage })
  const s = await seedProject(atelier, { title: 'Spring tea rebrand' })
  /** Stored records, read as the service reads them (operations return views). */
  const stored = <T>(read: (repos: ScopedRepositories) => Promise<T>) =>
    storage.transaction((tx) => read(tx.scoped(s.studioId)), { readOnly: true })
  const { scope } = s
  await atelier.clients.update(scope, { id: s.clientId, version: 1, notes: SECRET.clientNotes })
  const project = await advanceTo(s, 'aftercare')
  await atelier.projects.update(scope, {
    id: project.id,
    version: project.version,
    brief: { internalNotes: SECRET.briefNotes },
  })
  await atelier.projects.addNote(scope, {
    projectId: project.id,
    text: SECRET.note,
    visibility: 'internal',
  })
  await atelier.projects.addNote(scope, {
    projectId: project.id,
    text: 'Files are ready',
    visibility: 'client',
  })
  const working = await atelier.deliverables.create(scope, {
    projectId: project.id,
    kind: 'source',
    title: SECRET.deliverable,
    visibility: 'internal',
  })
  await atelier.deliverables.addVersion(
    scope,
    { deliverableId: working.id, filename: 'work.ai', mediaType: 'application/postscript' },
    fakeFile('ai'),
  )
  const [logo] = (await atelier.deliverables.list(scope, project.id)).filter(
    (d) => d.kind === 'final',
  )
  const share = await atelier.grants.createShare(scope, {
    projectId: project.id,
    party: { name: 'Printer Wang' },
    email: 'print@example.com',
    files: [{ deliverableId: logo!.id, version: 1 }],
  })
  await atelier.signoffs.decide(
    share.consent.token,
    { outcome: 'approved', name: '李明' },
    { ip: '203.0.113.1' },
  )
  await atelier.grants.requestPortfolioConsent(scope, { projectId: project.id, scope: ['website'] })
  const review = await atelier.signoffs.create(scope, {
    projectId: project.id,
    purpose: 'review',
    files: [{ deliverableId: logo!.id, version: 1 }],
  })
  await atelier.signoffs.open(review.token)
  const staffView = await atelier.projects.view(scope, project.id)
  expect(staffView.viewer).toBe('staff')
  // Build the full snapshot straight from the service's storage reads.
  const events = await atelier.audit.list(scope, project.id)
  snapshot = {
    project: await atelier.projects.get(scope, project.id),
    client: await stored((repos) => repos.clients.get(s.clientId)),
    deliverables: await stored((repos) => repos.deliverables.listByProject(project.id)),
    versions: await stored((repos) => repos.versions.listByProject(project.id)),
    rounds: await stored((repos) => repos.rounds.listByProject(project.id)),
    signoffs: await stored((repos) => repos.signoffs.listByProject(project.id)),
    grants: await stored((repos) => repos.grants.listByProject(project.id)),
    consents: await stored((repos) => repos.consents.listByProject(project.id)),
    activity: events.reverse(),
    accessLog: await stored((repos) => repos.accessLog.list(project.id)),
  }
  ids = {
    signoffId: review.signoff.id,
    grantId: share.grant.id,
    clientId: s.clientId,
    now: new Date().toISOString(),
  }
})

const viewers = (): Record<Viewer['kind'], Viewer> => ({
  staff: { kind: 'staff' },
  client: { kind: 'client', clientId: ids.clientId },
  signer: { kind: 'signer', signoffId: ids.signoffId },
  third_party: { kind: 'third_party', grantId: ids.grantId },
  public: { kind: 'public' },
})

const at = (level: Confidentiality): ProjectSnapshot => ({
  ...snapshot,
  project: { ...snapshot.project, confidentiality: level },
})

/** The top-level keys each viewer gets, by level (DESIGN.md §2 Confidentiality). */
function expectedKeys(kind: Viewer['kind'], level: Confidentiality): string[] {
  const base = ['viewer', 'id', 'name', 'codename', 'confidentiality']
  const std = level === 'standard'
  switch (kind) {
    case 'staff':
      return [
        ...base,
        'title',
        'client',
        'state',
        'stages',
        'services',
        'contract',
        'roundsUsage',
        'waitingFor',
        'delivery',
        'warranty',
        'createdAt',
        'updatedAt',
        'brief',
        'research',
        'version',
        'accessLog',
        'deliverables',
        'rounds',
        'signoffs',
        'activity',
        'receipts',
        'grants',
        'consents',
      ]
    case 'client':
      return [
        ...base,
        'title',
        'client',
        'state',
        'stages',
        'services',
        'contract',
        'roundsUsage',
        'waitingFor',
        'delivery',
        'warranty',
        'createdAt',
        'updatedAt',
        'brief',
        'deliverables',
        'rounds',
        'signoffs',
        'activity',
        'receipts',
        'grants',
        'consents',
      ]
    case 'signer':
      return [
        ...base,
        ...(std ? ['title', 'client'] : []),
        'deliverables',
        'rounds',
        'signoffs',
        'receipts',
      ]
    case 'third_party':
      return [...base, ...(std ? ['title', 'client'] : []), 'deliverables', 'grants']
    case 'public':
      return [...base, ...(std ? ['title'] : [])]
  }
}

const levels: Confidentiality[] = ['standard', 'nda', 'strict']
const kinds = Object.keys(visibilityMatrix.title) as Viewer['kind'][]

describe('viewProject: exactly what each viewer may see', () => {
  it.each(kinds.flatMap((k) => levels.map((l) => [k, l] as const)))('%s at %s', (kind, level) => {
    const view = viewProject(at(level), viewers()[kind], ids.now)
    expect(Object.keys(view).sort()).toEqual(expectedKeys(kind, level).sort())
    const json = JSON.stringify(view)
    const staff = kind === 'staff'
    for (const secret of Object.values(SECRET)) expect(json.includes(secret)).toBe(staff)
    expect(json).not.toMatch(/tokenHash|blobKey|ipSalt|privateKey/)
    expect(json.includes('"ipHash"')).toBe(staff)
    expect(json.includes(snapshot.project.title)).toBe(
      staff || kind === 'client' || level === 'standard',
    )
    expect(json.includes('青禾茶饮')).toBe(
      staff || kind === 'client' || (level === 'standard' && kind !== 'public'),
    )
    expect(json.includes('li@qinghe.example')).toBe(staff || kind === 'client')
    expect(view.name).toBe(
      staff || kind === 'client' || level === 'standard'
        ? snapshot.project.title
        : snapshot.project.codename,
    )
  })

  it('gives the client only frontstage activity and client-visible files', () => {
    const view = viewProject(snapshot, viewers().client, ids.now)
    expect(view.activity!.length).toBeGreaterThan(0)
    expect(view.activity!.every((a) => !('visibility' in a))).toBe(true)
    const staffView = viewProject(snapshot, viewers().staff, ids.now)
    const internal = staffView
      .activity!.filter((a) => a.visibility === 'internal')
      .map((a) => a.seq)
    expect(internal.length).toBeGreaterThan(0)
    expect(view.activity!.some((a) => internal.includes(a.seq))).toBe(false)
    expect(view.deliverables!.map((d) => d.title).sort()).toEqual(['Concept A', 'Logo'])
    expect(view.brief).not.toHaveProperty('internalNotes')
    expect(view.client).not.toHaveProperty('notes')
  })

  it('gives a signer the files of their sign-off only, and a third party the granted files only', () => {
    const signer = viewProject(snapshot, viewers().signer, ids.now)
    expect(signer.signoffs!.map((s) => s.id)).toEqual([ids.signoffId])
    expect(
      signer.deliverables!.flatMap((d) => d.versions.map((v) => `${d.title} v${v.n}`)),
    ).toEqual(['Logo v1'])
    const third = viewProject(snapshot, viewers().third_party, ids.now)
    expect(third.deliverables!.flatMap((d) => d.versions.map((v) => `${d.title} v${v.n}`))).toEqual(
      ['Logo v1'],
    )
    expect(third.grants!.map((g) => [g.id, g.status])).toEqual([[ids.grantId, 'active']])
    expect(third.grants![0]).not.toHaveProperty('email')
  })

  it('shows a third party nothing while the client has not consented', () => {
    const pending = {
      ...snapshot,
      grants: snapshot.grants!.map((g) => ({ ...g, consent: 'pending' as const })),
    }
    const third = viewProject(pending, viewers().third_party, ids.now)
    expect(third.deliverables).toEqual([])
    expect(third.grants![0]!.files).toEqual([])
  })

  it('shows the warranty left in aftercare and what the studio waits for', () => {
    const view = viewProject(snapshot, viewers().client, ids.now)
    expect(view.state).toBe('aftercare')
    expect(view.warranty).toMatchObject({ active: true })
    expect(view.warranty!.daysLeft).toBeGreaterThan(28)
    expect(view.waitingFor!.map((w) => w.kind === 'signoff' && w.purpose)).toEqual(
      expect.arrayContaining(['portfolio_consent', 'review']),
    )
    expect(view.stages!.map((s) => s.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'not_needed',
      'done',
      'done',
      'current',
    ])
  })

  it('refuses to project one client through another', () => {
    expect(() =>
      viewProject(snapshot, { kind: 'client', clientId: 'cli_someone_else' }, ids.now),
    ).toThrow()
  })

  it('names the studio, not its keys or people, to everyone outside it', () => {
    const withStudio = { ...snapshot, studio: { id: 'std_x', name: 'Studio 山海' } }
    const client = viewProject(withStudio, viewers().client, ids.now)
    expect(client.studio).toEqual({ id: 'std_x', name: 'Studio 山海' })
    const studioActs = client.activity!.filter((a) => a.actor.kind === 'studio')
    expect(studioActs.length).toBeGreaterThan(0)
    expect(new Set(studioActs.map((a) => a.actor.label))).toEqual(new Set(['Studio 山海']))
    expect(client.activity!.some((a) => a.actor.kind === 'staff')).toBe(false)
    const staff = viewProject(withStudio, viewers().staff, ids.now)
    expect(
      staff.activity!.some((a) => a.actor.kind === 'staff' && a.actor.label === '王设计'),
    ).toBe(true)
  })
})
