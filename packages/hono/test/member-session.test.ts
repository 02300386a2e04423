import { describe, expect, it } from 'vitest'
import { createMemberWorld, PASSWORD } from './support/member-world.js'
import { PUBLIC_URL } from './support/world.js'

describe('a member session', () => {
  it('signs in, drives /v1 with the cookie, and a viewer may not move a stage', async () => {
    const world = createMemberWorld()
    const studio = await world.studio('Studio 山海')
    const owner = await world.member(studio, 'owner', 'Owner')
    const viewer = await world.member(studio, 'viewer', 'Viewer')
    // On an https public URL the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax.
    expect(owner.cookie).toMatch(/^__Secure-better-auth\.session_token=/)
    const again = await world.signIn(owner.email, PASSWORD)
    const set = again.reply.headers.getSetCookie().find((c) => c.includes('session_token='))
    expect(set).toMatch(/; Secure/)
    expect(set).toMatch(/; HttpOnly/)
    expect(set).toMatch(/; SameSite=Lax/)
    const client = await world.call('POST', '/v1/clients', {
      json: { name: '李明' },
      headers: { Cookie: owner.cookie, Origin: PUBLIC_URL },
    })
    expect(client.status, client.text).toBe(201)
    const project = await world.call('POST', '/v1/projects', {
      json: { clientId: client.json.id, title: 'VI', services: ['logo'] },
      headers: { Cookie: owner.cookie, Origin: PUBLIC_URL },
    })
    expect(project.status, project.text).toBe(201)
    const move = await world.call('POST', `/v1/projects/${project.json.id}/moves`, {
      json: { to: 'research' },
      ifMatch: project.json.version,
      headers: { Cookie: viewer.cookie, Origin: PUBLIC_URL },
    })
    expect(move.status, move.text).toBe(403)
    expect(move.json.code).toBe('forbidden')
    expect(move.json.permission).toBe('project.move')
    const audit = await world.call('GET', `/v1/projects/${project.json.id}/audit`, {
      headers: { Cookie: viewer.cookie },
    })
    expect(audit.json.items[0].actor).toMatchObject({ kind: 'member', label: 'Owner' })
    const wrong = await world.signIn(owner.email, `${PASSWORD}x`)
    expect(wrong.reply.status).toBe(401)
    expect(wrong.reply.json.code).toBe('unauthorized')
    const csrf = await world.call('POST', '/v1/clients', {
      json: { name: 'Evil' },
      headers: { Cookie: owner.cookie, Origin: 'https://evil.example' },
    })
    expect(csrf.status).toBe(403)
  })
})
