import { setTimeout } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectProblem,
  type Json,
  logLines,
  ok,
  sha256,
  stopWithin,
} from './two-servers-support.js'
import { brief, twoServers } from './two-servers-world.js'

/*
 * Two `atelier serve` processes on one Postgres database, raced against each other over HTTP:
 * every race sends its requests to both processes at once (Promise.all), many rounds each.
 * Afterwards every project's audit chain verifies and holds exactly the events the successful
 * answers made, and nothing anywhere answered or logged a 5xx.
 */

const pgUrl = process.env.ATELIER_TEST_DATABASE_URL
if (!pgUrl)
  console.log(
    'two processes on Postgres skipped: ATELIER_TEST_DATABASE_URL is not set (CI sets it)',
  )

const approve = { outcome: 'approved', name: '李明' }
const changes = { outcome: 'changes_requested', name: '李明', comment: 'Warmer colours, please' }
const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.4\n% ${label}\n%%EOF\n`)
const research = 'the client brought their own research'

describe.skipIf(!pgUrl)('two atelier serve processes on one Postgres', () => {
  const w = twoServers(pgUrl!)
  const { call, across, tally } = w
  beforeAll(() => w.start())
  afterAll(() => w.close())

  /** A proposal-stage project with a proposal deliverable at version 1. */
  async function atProposal(
    s: Awaited<ReturnType<typeof w.studio>>,
    round: number,
    bytes: Uint8Array,
  ) {
    const project = await s.newProject(across(round), `Race ${round}`)
    await s.move(across(round), project.id, 'proposal', research)
    return {
      project,
      deliverableId: await s.newDeliverable(across(round), project.id, 'proposal', bytes),
    }
  }

  /** Four decisions at once, two per process: approve and request changes on each. */
  async function raceDecisions(token: string, round: number) {
    const decisions = [approve, changes, changes, approve]
    const sent = await Promise.all(
      decisions.map((json, i) =>
        call(across(i + round), 'POST', '/v1/signoff/decision', { token, json }),
      ),
    )
    const first = sent.filter(
      (a) => a.status === 200 && a.headers.get('idempotent-replayed') !== 'true',
    )
    expect(first, `round ${round}: ${sent.map((a) => a.status)}`).toHaveLength(1)
    const { signoff, receipt } = first[0]!.body
    for (const [i, answer] of sent.entries()) {
      if (decisions[i]!.outcome === signoff.status) {
        // The same decision again gets the stored result: the same sign-off and receipt.
        expect({ status: answer.status, ...answer.body }).toEqual({ status: 200, signoff, receipt })
      } else {
        expectProblem(answer, 409, 'conflict')
        expect(answer.body.reason).toBe('decided')
      }
    }
    return { outcome: signoff.status as string, receipt }
  }

  it('both processes migrated the empty database at once, one seeded the demo, both serve it', async () => {
    const seeded = w.running.filter((server) => server.output().includes('DEMO DATA'))
    expect(seeded).toHaveLength(1)
    expect(w.running.find((server) => !seeded.includes(server))!.output()).toContain(
      '(existing data',
    )
    for (const server of w.servers) {
      expect(ok(await call(server, 'GET', '/v1/studio', { token: w.rootKey })).id).toBe(w.studioId)
    }
  })

  it('PATCHes with one If-Match: one wins per round, the others get 412, no update is lost', async () => {
    const s = await w.studio('patch race')
    const project = await s.newProject(across(0), 'Patch race')
    const tracker = (server: (typeof w.servers)[number]) =>
      call(server, 'GET', `/v1/client/projects/${project.id}`, { token: w.clientToken })
    let version = project.version
    const now = { title: 'Patch race', goals: brief.goals }
    for (let round = 0; round < 16; round++) {
      // Even rounds change the title, odd ones the brief: each must survive the other's writes.
      const field = round % 2 ? 'goals' : 'title'
      const value = (i: number) => `round ${round} writer ${i}`
      const json = (i: number) =>
        field === 'title' ? { title: value(i) } : { brief: { goals: value(i) } }
      const [writes] = await Promise.all([
        Promise.all(
          [0, 1, 2, 3].map((i) =>
            s.send(across(i + round), 'PATCH', `/v1/projects/${project.id}`, {
              json: json(i),
              ifMatch: version,
            }),
          ),
        ),
        // The client's tracker is read meanwhile, on both processes.
        Promise.all(w.servers.map(tracker)),
      ])
      const won = writes.flatMap((answer, i) => (answer.status === 200 ? [i] : []))
      expect(won, `round ${round}: ${writes.map((a) => a.status)}`).toHaveLength(1)
      for (const [i, answer] of writes.entries())
        if (i !== won[0]) expectProblem(answer, 412, 'version_mismatch')
      version += 1
      expect(writes[won[0]!]!.headers.get('etag')).toBe(`"${version}"`)
      now[field] = value(won[0]!)
      tally(project.id, field === 'title' ? 'project.updated' : 'brief.updated')
      for (const server of w.servers) {
        const staff = await s.get(server, `/v1/projects/${project.id}`)
        expect({ version: staff.version, title: staff.title, goals: staff.brief.goals }).toEqual({
          version,
          ...now,
        })
        const client = ok(await tracker(server))
        expect({ title: client.title, goals: client.brief?.goals }).toEqual(now)
      }
    }
  })

  it('stage moves from one stage at once: exactly one is applied', async () => {
    const s = await w.studio('move race')
    const targets = [
      { to: 'research' },
      { to: 'proposal', reason: research },
      { to: 'cancelled', reason: 'the client withdrew' },
      { to: 'research' },
    ]
    for (let round = 0; round < 12; round++) {
      const project = await s.newProject(across(round), `Move race ${round}`)
      const moves = await Promise.all(
        targets.map((json, i) =>
          s.send(across(i + round), 'POST', `/v1/projects/${project.id}/moves`, {
            json,
            ifMatch: project.version,
          }),
        ),
      )
      const won = moves.flatMap((answer, i) => (answer.status === 200 ? [i] : []))
      expect(won, `round ${round}: ${moves.map((a) => a.status)}`).toHaveLength(1)
      for (const [i, answer] of moves.entries())
        if (i !== won[0]) expectProblem(answer, 412, 'version_mismatch')
      tally(project.id, 'project.moved')
      for (const server of w.servers) {
        const stored = await s.get(server, `/v1/projects/${project.id}`)
        expect({ state: stored.state, version: stored.version }).toEqual({
          state: targets[won[0]!]!.to,
          version: project.version + 1,
        })
      }
    }
  })

  it('approve and request changes on one proposal sign-off at once: one decision, one receipt', async () => {
    const s = await w.studio('decision race')
    const concept = pdf('concept')
    const { project, deliverableId } = await atProposal(s, 0, concept)
    const outcomes: string[] = []
    for (let round = 0; round < 12; round++) {
      const signoff = await s.requestSignoff(
        across(round),
        project.id,
        'proposal',
        deliverableId,
        1,
      )
      const { outcome, receipt } = await raceDecisions(signoff.token, round)
      tally(project.id, 'signoff.decided')
      outcomes.push(outcome)
      if (outcome === 'approved') await w.checkReceipt(project.id, receipt, concept, 1)
      else expect(receipt).toBeUndefined()
      for (const server of w.servers) {
        const stored = await s.signoff(server, project.id, signoff.id)
        expect({ status: stored.status, receiptId: stored.receiptId }).toEqual({
          status: outcome,
          receiptId: receipt?.id,
        })
      }
    }
    console.log(`decision race: ${outcomes.join(', ')}`)
  })

  it('approve and request changes on a final sign-off at once: one decision, its effect once', async () => {
    const s = await w.studio('final race')
    for (let round = 0; round < 4; round++) {
      const server = across(round)
      const concept = pdf(`concept ${round}`)
      const { project, deliverableId } = await atProposal(s, round, concept)
      const proposal = await s.requestSignoff(server, project.id, 'proposal', deliverableId, 1)
      const decision = { token: proposal.token, json: approve }
      const approved = ok(await call(server, 'POST', '/v1/signoff/decision', decision))
      tally(project.id, 'signoff.decided')
      await w.checkReceipt(project.id, approved.receipt, concept, 1)
      const production = await s.move(server, project.id, 'production')
      const final = pdf(`final ${round}`)
      await s.newDeliverable(server, project.id, 'final', final)
      const path = `/v1/projects/${project.id}/submissions`
      const submitted = ok(
        await s.send(server, 'POST', path, { json: {}, ifMatch: production.version }),
        201,
      )
      tally(project.id, 'signoff.created')
      tally(project.id, 'project.moved')
      const { outcome, receipt } = await raceDecisions(submitted.link.split('/s/')[1], round)
      // Approval moves the project to delivery; changes open round 1 and move it to revision.
      tally(project.id, 'signoff.decided')
      tally(project.id, 'project.moved')
      if (outcome === 'approved') await w.checkReceipt(project.id, receipt, final, 1)
      else tally(project.id, 'round.requested')
      for (const other of w.servers) {
        const stored = await s.get(other, `/v1/projects/${project.id}`)
        expect({ state: stored.state, version: stored.version }).toEqual({
          state: outcome === 'approved' ? 'delivery' : 'revision',
          version: submitted.project.version + 1,
        })
        const { items } = await s.get(other, `/v1/projects/${project.id}/rounds`)
        expect(items).toHaveLength(outcome === 'approved' ? 0 : 1)
      }
    }
  })

  it('an upload of a new version races a decision on the previous one: the receipt names the bytes decided', async () => {
    const s = await w.studio('upload race')
    const project = await s.newProject(across(0), 'Upload race')
    const bytes = [pdf('design v1')]
    const deliverableId = await s.newDeliverable(across(0), project.id, 'design', bytes[0]!)
    const seen: string[] = []
    for (let round = 0; round < 12; round++) {
      const n = bytes.length
      const signoff = await s.requestSignoff(across(round), project.id, 'review', deliverableId, n)
      bytes.push(pdf(`design v${n + 1}`))
      const decision = round % 2 ? changes : approve
      // The decision leaves 0 to 15 ms after the upload, so that over the rounds it meets the
      // upload's commit from both sides (sent together, the decision usually wins: the upload
      // streams, hashes and stores its bytes first).
      const [uploaded, decided] = await Promise.all([
        s.upload(across(round), project.id, deliverableId, bytes[n]!),
        setTimeout((Math.floor(round / 2) % 4) * 5).then(() =>
          call(across(round + 1), 'POST', '/v1/signoff/decision', {
            token: signoff.token,
            json: decision,
          }),
        ),
      ])
      expect({ status: uploaded.status, n: uploaded.body.n }).toEqual({ status: 201, n: n + 1 })
      expect(uploaded.headers.get('etag')).toBe(`"${await sha256(bytes[n]!)}"`)
      const stored = await s.signoff(across(round + 1), project.id, signoff.id)
      if (decided.status === 200) {
        seen.push('decided first')
        tally(project.id, 'signoff.decided')
        expect([decided.body.signoff.status, stored.status]).toEqual([
          decision.outcome,
          decision.outcome,
        ])
        if (decision === approve)
          await w.checkReceipt(project.id, decided.body.receipt, bytes[n - 1]!, n)
      } else {
        seen.push('uploaded first')
        tally(project.id, 'signoff.superseded')
        expectProblem(decided, 410, 'gone')
        expect([decided.body.reason, stored.status]).toEqual(['superseded', 'superseded'])
      }
    }
    // Every version's bytes, whichever process wrote them, are read back whole by both.
    for (const [i, written] of bytes.entries()) {
      const file = await s.send(
        across(i),
        'GET',
        `/v1/deliverables/${deliverableId}/versions/${i + 1}/file`,
      )
      expect(await sha256(ok(file))).toBe(await sha256(written))
    }
    console.log(`upload race: ${seen.join(', ')}`)
  })

  it('the studio withdraws a sign-off while the client decides it: one of the two, never a 412', async () => {
    const s = await w.studio('revoke race')
    const concept = pdf('concept')
    const { project, deliverableId } = await atProposal(s, 0, concept)
    const seen: string[] = []
    for (let round = 0; round < 12; round++) {
      const signoff = await s.requestSignoff(
        across(round),
        project.id,
        'proposal',
        deliverableId,
        1,
      )
      const [revoked, decided] = await Promise.all([
        s.send(across(round), 'POST', `/v1/signoffs/${signoff.id}/revoke`),
        call(across(round + 1), 'POST', '/v1/signoff/decision', {
          token: signoff.token,
          json: approve,
        }),
      ])
      const stored = await s.signoff(across(round), project.id, signoff.id)
      if (decided.status === 200) {
        seen.push('decided first')
        tally(project.id, 'signoff.decided')
        await w.checkReceipt(project.id, decided.body.receipt, concept, 1)
        expectProblem(revoked, 409, 'conflict')
        expect(stored.status).toBe('approved')
      } else {
        seen.push('withdrawn first')
        tally(project.id, 'signoff.revoked')
        expect([revoked.status, revoked.body.status]).toEqual([200, 'revoked'])
        expectProblem(decided, 410, 'gone')
        expect([decided.body.reason, stored.status]).toEqual(['revoked', 'revoked'])
      }
    }
    console.log(`revoke race: ${seen.join(', ')}`)
  })

  it('the studio cancels a project while the client decides its sign-off: one of the two, never a 412', async () => {
    const s = await w.studio('cancel race')
    const seen: string[] = []
    for (let round = 0; round < 8; round++) {
      const concept = pdf(`concept ${round}`)
      const { project, deliverableId } = await atProposal(s, round, concept)
      const { version } = await s.get(across(round), `/v1/projects/${project.id}`)
      const signoff = await s.requestSignoff(
        across(round),
        project.id,
        'proposal',
        deliverableId,
        1,
      )
      const json = { to: 'cancelled', reason: 'the client withdrew' }
      const [cancelled, decided] = await Promise.all([
        s.send(across(round), 'POST', `/v1/projects/${project.id}/moves`, {
          json,
          ifMatch: version,
        }),
        call(across(round + 1), 'POST', '/v1/signoff/decision', {
          token: signoff.token,
          json: approve,
        }),
      ])
      expect([cancelled.what, cancelled.status, cancelled.body.state]).toEqual([
        cancelled.what,
        200,
        'cancelled',
      ])
      tally(project.id, 'project.moved')
      const stored = await s.signoff(across(round), project.id, signoff.id)
      if (decided.status === 200) {
        seen.push('decided first')
        tally(project.id, 'signoff.decided')
        await w.checkReceipt(project.id, decided.body.receipt, concept, 1)
        expect(stored.status).toBe('approved')
      } else {
        seen.push('cancelled first')
        tally(project.id, 'signoff.revoked')
        expectProblem(decided, 410, 'gone')
        expect(stored.status).toBe('revoked')
      }
    }
    console.log(`cancel race: ${seen.join(', ')}`)
  })

  it('the same Idempotency-Key on both processes at once: one effect, the same answer replayed', async () => {
    const s = await w.studio('idempotency race')
    const made: { path: string; name: string; id: string }[] = []
    for (let round = 0; round < 12; round++) {
      const idempotencyKey = `two-processes-${round}`
      const name = `Idempotent ${round}`
      const [path, json] =
        round % 2
          ? ['/v1/clients', { name }]
          : ['/v1/projects', { clientId: w.clientId, title: name, brief }]
      const post = (i: number) => s.send(across(i), 'POST', path, { json, idempotencyKey })
      const sent = await Promise.all([0, 1, 2, 3].map((i) => post(i + round)))
      const first = sent.filter(
        (a) => a.status === 201 && a.headers.get('idempotent-replayed') !== 'true',
      )
      expect(first, `round ${round}: ${sent.map((a) => a.status)}`).toHaveLength(1)
      const body = first[0]!.body
      for (const answer of sent) {
        if (answer.status === 201) expect(answer.body).toEqual(body)
        else {
          expectProblem(answer, 409, 'idempotency_in_flight')
          expect(answer.headers.get('retry-after')).toBe('1')
        }
      }
      // Once the first has answered, both processes replay it.
      for (const i of [0, 1]) {
        const again = await post(i)
        expect([again.status, again.headers.get('idempotent-replayed'), again.body]).toEqual([
          201,
          'true',
          body,
        ])
      }
      if (path === '/v1/projects') tally(body.id, 'project.created')
      made.push({ path, name, id: body.id })
    }
    for (const { path, name, id } of made) {
      const all = await w.listAll(s.token, path)
      expect(all.filter((r: Json) => (r.title ?? r.name) === name).map((r: Json) => r.id)).toEqual([
        id,
      ])
    }
  })

  it("every project's audit chain verifies and holds exactly the events of the successful answers", async () => {
    await w.verifyChains()
  })

  it('no request anywhere got a 5xx, and both processes stop cleanly without logging an error', async () => {
    expect(w.answers.filter((a) => a.status >= 500).map((a) => `${a.what} ${a.status}`)).toEqual([])
    expect(w.answers.length).toBeGreaterThan(400)
    expect(await Promise.all(w.running.map((server) => stopWithin(server)))).toEqual([0, 0])
    for (const server of w.running) {
      const errors = logLines(server.output()).filter(
        (line) => line.level === 'error' || line.level === 'fatal' || Number(line.status) >= 500,
      )
      expect(errors).toEqual([])
    }
  })
})
