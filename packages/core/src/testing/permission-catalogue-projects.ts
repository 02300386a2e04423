import { expect } from 'vitest'
import { fakeFile } from './journey.js'
import { op } from './permission-operation.js'

const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text()

/**
 * Projects (with their hand-offs and views) and their files.
 *
 * @example
 * projectOperations.find((o) => o.name === 'projects.move→closed')?.permission // 'project.close'
 */
export const projectOperations = [
  op({
    name: 'projects.create',
    permission: 'project.create',
    run: (atelier, scope, setup) =>
      atelier.projects.create(scope, {
        clientId: setup.client.id,
        title: `新项目 ${setup.unique}`,
      }),
    check: (project, setup) => {
      expect(project.title).toBe(`新项目 ${setup.unique}`)
      expect(project.state).toBe('requirements')
    },
  }),
  op({
    name: 'projects.get',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.projects.get(scope, setup.project.id),
    check: (project, setup) => expect(project.id).toBe(setup.project.id),
  }),
  op({
    name: 'projects.list',
    permission: 'project.read',
    run: (atelier, scope, setup) =>
      atelier.projects.list(scope, { clientId: setup.client.id, limit: 100 }),
    check: (page, setup) => expect(page.items.map((p) => p.id)).toContain(setup.project.id),
  }),
  op({
    name: 'projects.update',
    permission: 'project.update',
    prepare: (h) => h.plant('requirements'),
    run: (atelier, scope, setup) =>
      atelier.projects.update(scope, { ...setup.project, title: `改名 ${setup.unique}` }),
    check: (project, setup) => {
      expect(project.title).toBe(`改名 ${setup.unique}`)
      expect(project.version).toBe(setup.project.version + 1)
    },
  }),
  op({
    name: 'projects.move',
    permission: 'project.move',
    prepare: (h) => h.plant('requirements'),
    run: (atelier, scope, setup) =>
      atelier.projects.move(scope, { ...setup.project, to: 'research' }),
    check: (project) => expect(project.state).toBe('research'),
  }),
  op({
    name: 'projects.move→cancelled',
    permission: 'project.cancel',
    prepare: (h) => h.plant('requirements'),
    run: (atelier, scope, setup) =>
      atelier.projects.move(scope, { ...setup.project, to: 'cancelled', reason: '客户取消了项目' }),
    check: (project) => expect(project.state).toBe('cancelled'),
  }),
  op({
    name: 'projects.move→closed',
    permission: 'project.close',
    prepare: (h) => h.plant('aftercare'),
    run: (atelier, scope, setup) =>
      atelier.projects.move(scope, { ...setup.project, to: 'closed', reason: '提前结项' }),
    check: (project) => expect(project.state).toBe('closed'),
  }),
  op({
    name: 'projects.checkMove',
    permission: 'project.read',
    run: (atelier, scope, setup) =>
      atelier.projects.checkMove(scope, { id: setup.project.id, to: 'research' }),
    check: (check) => expect(check.ok).toBe(true),
  }),
  op({
    name: 'projects.addNote',
    permission: 'project.note',
    run: (atelier, scope, setup) =>
      atelier.projects.addNote(scope, {
        projectId: setup.project.id,
        text: `备注 ${setup.unique}`,
      }),
    check: async (_, setup, h) => {
      const events = await h.atelier.audit.list(h.scope, setup.project.id)
      expect(events.at(-1)).toMatchObject({
        action: 'note.added',
        data: { text: `备注 ${setup.unique}` },
      })
    },
  }),
  op({
    name: 'projects.submitForReview',
    permission: 'deliverable.upload',
    prepare: (h) => h.plant('production', { file: true }),
    run: (atelier, scope, setup) => atelier.projects.submitForReview(scope, setup.project),
    check: ({ project, signoff, token }, setup) => {
      expect(project.state).toBe('confirmation')
      expect(signoff).toMatchObject({ purpose: 'final', status: 'pending' })
      expect(signoff.files.map((f) => f.deliverableId)).toEqual([setup.file.deliverableId])
      expect(token).toMatch(/^atl_so_/)
    },
  }),
  op({
    name: 'projects.recordDelivery',
    permission: 'delivery.record',
    prepare: (h) => h.plant('delivery', { file: true }),
    run: (atelier, scope, setup) =>
      atelier.projects.recordDelivery(scope, {
        projectId: setup.project.id,
        version: setup.project.version,
        method: 'download',
        licence: '全部使用权 — full rights',
        files: [setup.file],
      }),
    check: (project) => expect(project.delivery).toMatchObject({ method: 'download' }),
  }),
  op({
    name: 'projects.view',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.projects.view(scope, setup.project.id),
    check: (view, setup) => {
      expect(view.id).toBe(setup.project.id)
      // The studio's view: with its version and the backstage deliverables.
      expect(view.version).toBe(setup.project.version)
    },
  }),
  op({
    name: 'projects.listViews',
    permission: 'project.read',
    run: (atelier, scope, setup) =>
      atelier.projects.listViews(scope, { clientId: setup.client.id, limit: 100 }),
    check: (page, setup) => expect(page.items.map((p) => p.id)).toContain(setup.project.id),
  }),
  op({
    name: 'projects.viewDocument',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.projects.viewDocument(scope, setup.project.id),
    check: ({ body, etag }, setup) => {
      expect(JSON.parse(new TextDecoder().decode(body))).toMatchObject({ id: setup.project.id })
      expect(etag).toMatch(/^[0-9a-f]{32}$/)
    },
  }),
  op({
    name: 'deliverables.create',
    permission: 'deliverable.create',
    run: (atelier, scope, setup) =>
      atelier.deliverables.create(scope, {
        projectId: setup.project.id,
        kind: 'design',
        title: `海报 ${setup.unique}`,
      }),
    check: (d, setup) => expect(d).toMatchObject({ title: `海报 ${setup.unique}`, kind: 'design' }),
  }),
  op({
    name: 'deliverables.list',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.deliverables.list(scope, setup.project.id),
    check: (list, setup) => {
      const d = list.find((x) => x.id === setup.file.deliverableId)
      expect(d?.versions.map((v) => v.n)).toContain(setup.file.version)
    },
  }),
  op({
    name: 'deliverables.addVersion',
    permission: 'deliverable.upload',
    prepare: async (h, unique) => {
      const d = await h.atelier.deliverables.create(h.scope, {
        projectId: h.stock.project.id,
        kind: 'design',
        title: `海报 ${unique}`,
      })
      return { deliverableId: d.id }
    },
    run: (atelier, scope, setup) =>
      atelier.deliverables.addVersion(
        scope,
        { deliverableId: setup.deliverableId, filename: 'poster.png', mediaType: 'image/png' },
        fakeFile(`poster ${setup.unique}`),
      ),
    check: (version) => expect(version).toMatchObject({ n: 1, filename: 'poster.png' }),
  }),
  op({
    name: 'deliverables.open',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.deliverables.open(scope, setup.file),
    check: async (opened) =>
      expect(await text(await opened.read())).toBe(
        new TextDecoder().decode(fakeFile('stock logo')),
      ),
  }),
]
