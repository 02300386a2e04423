import { beforeAll, describe, expect, it } from 'vitest'
import { type Atelier, createAtelier } from './atelier.js'
import { isAtelierError } from './errors/atelier-error.js'
import { memoryStorage } from './storage/memory-storage.js'
import { fakeFile } from './testing/journey.js'
import { advanceTo, type Scenario, seedProject } from './testing/scenario.js'

let s: Scenario
let atelier: Atelier
let ids: {
  projectId: string
  deliverableId: string
  roundId: string
  itemId: string
  token: string
  version: number
  roundVersion: number
}

beforeAll(async () => {
  atelier = createAtelier({ storage: memoryStorage() })
  s = await seedProject(atelier)
  const project = await advanceTo(s, 'revision')
  const [round] = await atelier.revisions.list(s.scope, project.id)
  const logo = (await atelier.deliverables.list(s.scope, project.id)).find(
    (d) => d.kind === 'final',
  )!
  const review = await atelier.signoffs.create(s.scope, {
    projectId: project.id,
    purpose: 'review',
    files: [{ deliverableId: logo.id, version: 1 }],
  })
  ids = {
    projectId: project.id,
    deliverableId: logo.id,
    roundId: round!.id,
    itemId: round!.items[0]!.id,
    token: review.token,
    version: project.version,
    roundVersion: round!.version!,
  }
})

/** Everything the service can read about the studio: any write would change it. */
async function fingerprint(): Promise<string> {
  const { scope } = s
  const [
    studio,
    keys,
    clients,
    projects,
    project,
    deliverables,
    rounds,
    signoffs,
    audit,
    shares,
    consents,
  ] = await Promise.all([
    atelier.studios.get(s.studioId),
    atelier.credentials.listKeys(scope),
    atelier.clients.list(scope, { limit: 100 }),
    atelier.projects.list(scope, { limit: 100 }),
    atelier.projects.get(scope, ids.projectId),
    atelier.deliverables.list(scope, ids.projectId),
    atelier.revisions.list(scope, ids.projectId),
    atelier.signoffs.list(scope, ids.projectId),
    atelier.audit.list(scope, ids.projectId),
    atelier.grants.listShares(scope, ids.projectId),
    atelier.grants.listPortfolioConsents(scope, ids.projectId),
  ])
  return JSON.stringify({
    studio,
    keys,
    clients,
    projects,
    project,
    deliverables,
    rounds,
    signoffs,
    audit,
    shares,
    consents,
  })
}

const file = () => ({ deliverableId: ids.deliverableId, version: 1 })
const money = { amount: 100, currency: 'CNY' }

/** [operation, call, the field the error must name] */
const cases: [string, () => Promise<unknown>, string][] = [
  ['studios.create', () => atelier.studios.create({ name: ' ' }), 'name'],
  [
    'studios.create (unknown field)',
    () => atelier.studios.create({ name: 'x', owner: 'me' } as never),
    'owner',
  ],
  [
    'studios.update',
    () => atelier.studios.update(s.scope, { version: 1, settings: { signoffTtlDays: 91 } }),
    'settings.signoffTtlDays',
  ],
  [
    'studios.update (origin)',
    () =>
      atelier.studios.update(s.scope, {
        version: 1,
        settings: { allowedOrigins: ['http://evil.example'] },
      }),
    'settings.allowedOrigins.0',
  ],
  [
    'credentials.createKey',
    () => atelier.credentials.createKey(s.scope, { kind: 'root' as never }),
    'kind',
  ],
  [
    'credentials.issueClientToken',
    () => atelier.credentials.issueClientToken(s.scope, { clientId: 'nope' }),
    'clientId',
  ],
  [
    'credentials.issueClientToken (ttl)',
    () =>
      atelier.credentials.issueClientToken(s.scope, {
        clientId: s.clientId,
        kind: 'session',
        ttlSeconds: 7 * 86_400,
      }),
    'ttlSeconds',
  ],
  [
    'clients.create',
    () => atelier.clients.create(s.scope, { name: '王', email: 'not-an-email' }),
    'email',
  ],
  ['clients.create (NUL)', () => atelier.clients.create(s.scope, { name: 'a\u0000b' }), 'name'],
  [
    'projects.addNote (broken Unicode)',
    () => atelier.projects.addNote(s.scope, { projectId: ids.projectId, text: 'x\uD800y' }),
    'text',
  ],
  [
    'clients.update',
    () => atelier.clients.update(s.scope, { id: s.clientId, version: 0 }),
    'version',
  ],
  ['clients.list', () => atelier.clients.list(s.scope, { limit: 1000 }), 'limit'],
  [
    'projects.create',
    () =>
      atelier.projects.create(s.scope, {
        clientId: s.clientId,
        title: 'x',
        confidentiality: 'secret' as never,
      }),
    'confidentiality',
  ],
  ['projects.create (null)', () => atelier.projects.create(s.scope, null as never), ''],
  [
    'projects.update',
    () =>
      atelier.projects.update(s.scope, {
        id: ids.projectId,
        version: ids.version,
        brief: { budget: { amount: -1, currency: 'CNY' } },
      }),
    'brief.budget.amount',
  ],
  [
    'projects.move',
    () =>
      atelier.projects.move(s.scope, {
        id: ids.projectId,
        version: ids.version,
        to: 'nowhere' as never,
      }),
    'to',
  ],
  [
    'projects.addNote',
    () => atelier.projects.addNote(s.scope, { projectId: ids.projectId, text: '' }),
    'text',
  ],
  [
    'projects.submitForReview',
    () =>
      atelier.projects.submitForReview(s.scope, {
        id: ids.projectId,
        version: ids.version,
        files: [],
      }),
    'files',
  ],
  [
    'projects.recordDelivery',
    () =>
      atelier.projects.recordDelivery(s.scope, {
        projectId: ids.projectId,
        version: ids.version,
        method: 'pigeon' as never,
        licence: 'x',
      }),
    'method',
  ],
  ['projects.list', () => atelier.projects.list(s.scope, { stage: 'somewhere' as never }), 'stage'],
  [
    'deliverables.create',
    () =>
      atelier.deliverables.create(s.scope, {
        projectId: ids.projectId,
        kind: 'poster' as never,
        title: 'x',
      }),
    'kind',
  ],
  [
    'deliverables.addVersion',
    () =>
      atelier.deliverables.addVersion(
        s.scope,
        { deliverableId: ids.deliverableId, filename: '../etc/passwd', mediaType: 'image/png' },
        fakeFile('x'),
      ),
    'filename',
  ],
  [
    'deliverables.addVersion (media type)',
    () =>
      atelier.deliverables.addVersion(
        s.scope,
        { deliverableId: ids.deliverableId, filename: 'a.png', mediaType: 'png' },
        fakeFile('x'),
      ),
    'mediaType',
  ],
  [
    'revisions.request',
    () => atelier.revisions.request(s.clientScope, { projectId: ids.projectId, items: [] }),
    'items',
  ],
  [
    'revisions.quote',
    () =>
      atelier.revisions.quote(s.scope, {
        roundId: ids.roundId,
        version: ids.roundVersion,
        scope: [],
        days: 1,
        fee: money,
      }),
    'scope',
  ],
  [
    'revisions.addItems',
    () =>
      atelier.revisions.addItems(s.scope, {
        roundId: ids.roundId,
        version: ids.roundVersion,
        items: [{ text: 'x', file: file(), pin: { x: 2, y: 0 } }],
      }),
    'items.0.pin.x',
  ],
  [
    'revisions.addItems (pin without file)',
    () =>
      atelier.revisions.addItems(s.scope, {
        roundId: ids.roundId,
        version: ids.roundVersion,
        items: [{ text: 'x', pin: { x: 0.5, y: 0.5 } }],
      }),
    'items.0.pin',
  ],
  [
    'revisions.resolveItem',
    () =>
      atelier.revisions.resolveItem(s.scope, {
        roundId: ids.roundId,
        version: ids.roundVersion,
        itemId: ids.itemId,
        status: 'done' as never,
        note: 'x',
      }),
    'status',
  ],
  [
    'revisions.resolveItem (version)',
    () =>
      atelier.revisions.resolveItem(s.scope, {
        roundId: ids.roundId,
        version: ids.roundVersion,
        itemId: ids.itemId,
        status: 'addressed',
        note: 'x',
        inVersion: file(),
      }),
    'inVersion',
  ],
  [
    'signoffs.create',
    () =>
      atelier.signoffs.create(s.scope, {
        projectId: ids.projectId,
        purpose: 'final' as never,
        files: [file()],
      }),
    'purpose',
  ],
  [
    'signoffs.create (file)',
    () =>
      atelier.signoffs.create(s.scope, {
        projectId: ids.projectId,
        purpose: 'review',
        files: [{ deliverableId: ids.deliverableId, version: 99 }],
      }),
    'files.0',
  ],
  [
    'signoffs.decide (outcome)',
    () => atelier.signoffs.decide(ids.token, { outcome: 'maybe' as never, name: '李明' }),
    'outcome',
  ],
  [
    'signoffs.decide (name)',
    () => atelier.signoffs.decide(ids.token, { outcome: 'approved', name: '' }),
    'name',
  ],
  [
    'grants.createShare',
    () =>
      atelier.grants.createShare(s.scope, {
        projectId: ids.projectId,
        party: { name: 'Printer' },
        email: 'bad',
        files: [file()],
      }),
    'email',
  ],
  [
    'grants.requestPortfolioConsent',
    () =>
      atelier.grants.requestPortfolioConsent(s.scope, {
        projectId: ids.projectId,
        scope: ['tv' as never],
      }),
    'scope.0',
  ],
  // Input rules (DESIGN §3, atoms.ts): each decided once in core's schemas.
  [
    'projects.update (a day that does not exist)',
    () =>
      atelier.projects.update(s.scope, {
        id: ids.projectId,
        version: ids.version,
        contract: { dueDate: '2027-02-30' },
      }),
    'contract.dueDate',
  ],
  [
    'projects.update (year 0000)',
    () =>
      atelier.projects.update(s.scope, {
        id: ids.projectId,
        version: ids.version,
        brief: { deadline: '0000-01-01' },
      }),
    'brief.deadline',
  ],
  [
    'projects.update (currency ZZZ)',
    () =>
      atelier.projects.update(s.scope, {
        id: ids.projectId,
        version: ids.version,
        brief: { budget: { amount: 100, currency: 'ZZZ' } },
      }),
    'brief.budget.currency',
  ],
  [
    'studios.update (currency ZZZ)',
    () => atelier.studios.update(s.scope, { version: 1, settings: { currency: 'ZZZ' } }),
    'settings.currency',
  ],
  [
    'revisions.quote (currency ZZZ)',
    () =>
      atelier.revisions.quote(s.scope, {
        roundId: ids.roundId,
        version: ids.roundVersion,
        scope: ['x'],
        days: 1,
        fee: { amount: 1, currency: 'ZZZ' },
      }),
    'fee.currency',
  ],
  [
    'grants.requestPortfolioConsent (embargo a century ago)',
    () =>
      atelier.grants.requestPortfolioConsent(s.scope, {
        projectId: ids.projectId,
        scope: ['website'],
        embargoUntil: '1926-06-01',
      }),
    'embargoUntil',
  ],
  [
    'grants.requestPortfolioConsent (embargo already over)',
    () =>
      atelier.grants.requestPortfolioConsent(s.scope, {
        projectId: ids.projectId,
        scope: ['website'],
        embargoUntil: '2001-01-01',
      }),
    'embargoUntil',
  ],
  ['clients.create (newline)', () => atelier.clients.create(s.scope, { name: '李\n明' }), 'name'],
  [
    'clients.create (ANSI escape)',
    () => atelier.clients.create(s.scope, { name: '\u001b[2J\u001b[31m李明' }),
    'name',
  ],
  [
    'clients.create (only zero-width characters)',
    () => atelier.clients.create(s.scope, { name: '\u200B\u200C\u200D\u2060' }),
    'name',
  ],
  [
    'projects.create (bidi override in the title)',
    () => atelier.projects.create(s.scope, { clientId: s.clientId, title: 'Logo \u202Egnp.exe' }),
    'title',
  ],
  [
    'deliverables.addVersion (bidi override in the file name)',
    () =>
      atelier.deliverables.addVersion(
        s.scope,
        {
          deliverableId: ids.deliverableId,
          filename: 'logo\u202Egnp.exe',
          mediaType: 'image/png',
        },
        fakeFile('x'),
      ),
    'filename',
  ],
  [
    'signoffs.decide (newline in the name)',
    () => atelier.signoffs.decide(ids.token, { outcome: 'approved', name: '李明\n王' }),
    'name',
  ],
]

describe('bad input', () => {
  it.each(cases)('%s: invalid_input naming the field, nothing written', async (_, call, path) => {
    const before = await fingerprint()
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isAtelierError(error, 'invalid_input')).toBe(true)
    if (!isAtelierError(error)) return
    expect(error.details.fields?.map((f) => f.path)).toContain(path)
    expect(error.message).toMatch(/^invalid /)
    expect(await fingerprint()).toBe(before)
  })
})
