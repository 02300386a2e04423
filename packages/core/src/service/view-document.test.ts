import { describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { memoryStorage } from '../storage/memory-storage.js'
import { seedProject } from '../testing/scenario.js'

const decoded = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body))

describe('projects.viewDocument', () => {
  it('an update with nothing to change writes nothing, so the stored view stays current', async () => {
    let now = Date.parse('2027-03-01T09:00:00.000Z')
    const atelier = createAtelier({ storage: memoryStorage(), clock: () => new Date(now) })
    const s = await seedProject(atelier)
    const stored = await atelier.projects.viewDocument(s.clientScope, s.project.id)
    now += 60_000
    const read = await atelier.projects.get(s.scope, s.project.id)
    const same = await atelier.projects.update(s.scope, { id: read.id, version: read.version })
    expect(same.version).toBe(read.version)
    const audit = await atelier.audit.list(s.scope, s.project.id)
    expect(audit.map((e) => e.action)).not.toContain('project.updated')
    const after = await atelier.projects.viewDocument(s.clientScope, s.project.id)
    expect(after.etag).toBe(stored.etag)
    expect(decoded(after.body)).toEqual(await atelier.projects.view(s.clientScope, s.project.id))
  })

  it('a change to the project is seen on the next read (the audit head moved)', async () => {
    const atelier = createAtelier({ storage: memoryStorage() })
    const s = await seedProject(atelier)
    const before = await atelier.projects.viewDocument(s.clientScope, s.project.id)
    const read = await atelier.projects.get(s.scope, s.project.id)
    await atelier.projects.update(s.scope, {
      id: read.id,
      version: read.version,
      title: '春日新茶海报 · 第二版',
    })
    const after = await atelier.projects.viewDocument(s.clientScope, s.project.id)
    expect(after.etag).not.toBe(before.etag)
    expect(decoded(after.body).title).toBe('春日新茶海报 · 第二版')
  })
})
