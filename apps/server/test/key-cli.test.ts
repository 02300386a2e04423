import { beforeAll, describe, expect, it } from 'vitest'
import { cliBesideServer, type Json } from './member-support.js'

/*
 * `atelier key create` against a running server on a SQLite file: a secret key acts in the
 * role `--role` gives it (`owner` by default), a publishable key has none, and a bad `--role`
 * is one line on stderr that mints nothing.
 */

let studioId: string

const { cli, json, server } = cliBesideServer('key-cli')
beforeAll(async () => {
  studioId = (await json(['studio', 'create', '--name', 'Studio 钥匙'])).id
})

describe('atelier key create --role', () => {
  let ownerKey: string
  const asKey = async (token: string, path: string) => {
    const res = await fetch(`${server().url}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    return { status: res.status, body: (await res.json()) as Json }
  }

  it('mints a secret key in the role given (owner by default), which it then acts in', async () => {
    const owner = await json(['key', 'create', '--studio', studioId])
    expect(owner).toMatchObject({ kind: 'secret', role: 'owner' })
    expect((await asKey(owner.token, '/v1/keys')).status).toBe(200)
    ownerKey = owner.token

    const viewer = await json(['key', 'create', '--studio', studioId, '--role', 'viewer'])
    expect(viewer).toMatchObject({ kind: 'secret', role: 'viewer', label: 'cli' })
    expect((await asKey(viewer.token, '/v1/clients')).status).toBe(200)
    const denied = await asKey(viewer.token, '/v1/keys')
    expect(denied.status).toBe(403)
    expect(denied.body).toMatchObject({ code: 'forbidden' })

    const text = await cli(['key', 'create', '--studio', studioId, '--role', 'designer'])
    expect(text.stdout).toMatch(
      /^secret key key_\w+ \(designer\) created\. It is shown this once:\natl_sk_/,
    )
    const publishable = await json(['key', 'create', '--studio', studioId, '--kind', 'publishable'])
    expect(publishable).toMatchObject({ kind: 'publishable' })
    expect(publishable).not.toHaveProperty('role')
  })

  it.each([
    [
      ['--kind', 'publishable', '--role', 'viewer'],
      /^atelier: --role goes with a secret key; a publishable key has none \(it reaches public routes only\)$/,
    ],
    [
      ['--role', 'boss'],
      /^atelier: --role must be one of owner, manager, designer, viewer, not "boss"$/,
    ],
  ])('refuses %j with one clear line, minting nothing', async (args, message) => {
    const before = await asKey(ownerKey, '/v1/keys')
    expect(before.status).toBe(200)
    const result = await cli(['key', 'create', '--studio', studioId, ...args])
    // A usage error: exit 2, one line on stderr.
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' })
    expect(result.stderr.trim()).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(await asKey(ownerKey, '/v1/keys')).toEqual(before)
  })

  it('names --role in its help, and studio create names --owner-name', async () => {
    const key = await cli(['key', 'create', '--help'])
    expect(key.stdout).toContain('[--role <role>]')
    expect(key.stdout).toMatch(
      /--role\s+a secret key's role: owner \(default\), manager, designer or viewer/,
    )
    const studio = await cli(['studio', 'create', '--help'])
    expect(studio.stdout).toContain('[--owner-email <address> [--owner-name "<name>"]]')
  })
})
