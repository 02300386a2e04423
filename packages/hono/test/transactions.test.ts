import { describe, expect, it } from 'vitest'
import { allRoutes } from './routes/all.js'
import type { RouteContext } from './routes/context.js'
import { conformance } from './support/conformance.js'
import { type CountedRequest, countedWorld } from './support/counted-world.js'
import { seed } from './support/scenario.js'

/*
 * One request, one transaction: every 2xx answer of every operation of /openapi.json does its
 * work in exactly one storage transaction, which also checks the credential live; the
 * rate-limit count runs outside any transaction (in memory on SQLite, one unflushed statement
 * on Postgres) and a token's first use in a process adds its lookup. A member's session adds
 * one read on studio routes: who the account is in its studio, and in which role (`M`), before
 * the operation's own transaction checks it again. The requests are routes.test.ts's own (the
 * route suites and the HTTP journey), re-run over a storage that records which request each
 * transaction ran for. Better Auth's own work (accounts, sessions) is in its tables, through
 * its adapter, and is not counted here.
 */

/**
 * The operations that may do their work in two transactions, and why. Every other operation
 * (a new route too) must do it in one.
 */
const twoOnPurpose: Record<string, string> = {
  uploadVersion:
    'a read-only check before the bytes stream to the blob store, the write after: no write transaction is held open for the length of an upload, and a refused upload stores nothing',
  getMyProject:
    'a stored view is read with its token in one read outside any transaction (`Storage.readClientView`); when none is current (the first read after a change) or the project is strict (every view is logged), one write transaction builds, stores or logs it',
  acceptInvitation:
    "one read-only transaction reads the invitation (which address, which studio); a new account is then created in Better Auth's tables, and a second transaction accepts: the account must exist before the member row names it",
}

/**
 * The operations whose work is all Better Auth's, in its own tables through its own adapter:
 * no Atelier storage transaction at all.
 */
const noneOnPurpose: Record<string, string> = {
  listSessions: "a member's sessions are Better Auth's rows, read through Better Auth",
  revokeSession: "a member's sessions are Better Auth's rows, deleted through Better Auth",
}

const is2xx = (r: CountedRequest) => r.status >= 200 && r.status < 300
const letter = { lookup: 'L', counters: 'C', member: 'M' } as const
/**
 * `L` credential or link lookup, `C` rate-limit count, `M` a session's member read, `R`/`W` the
 * route's read-only/write work.
 */
const sequence = (r: CountedRequest) =>
  r.transactions
    .map((t) => (t.kind === 'work' ? (t.readOnly ? 'R' : 'W') : letter[t.kind]))
    .join(' ')

/** route → transactions, from the 2xx request of each operation that ran the most. */
function table(operations: { id: string; route: string }[], requests: CountedRequest[]) {
  const rows = operations.map(({ id, route }) => {
    const ok = requests.filter((r) => r.operationId === id && is2xx(r))
    const counts = ok.map((r) => r.transactions.length)
    const worst = ok.reduce<CountedRequest | undefined>(
      (w, r) => (w && w.transactions.length >= r.transactions.length ? w : r),
      undefined,
    )
    const errors = requests.filter((r) => r.operationId === id && r.status >= 400)
    const kinds = (kind: string) => worst?.transactions.filter((t) => t.kind === kind).length ?? 0
    const min = Math.min(...counts)
    const max = Math.max(...counts)
    return {
      id,
      route,
      max: ok.length ? max : Number.NaN,
      cells: [
        id,
        route,
        String(ok.length),
        ok.length ? (min === max ? `${max}` : `${min}-${max}`) : '-',
        String(worst?.transactions.filter((t) => t.readOnly).length ?? '-'),
        String(worst?.transactions.filter((t) => !t.readOnly).length ?? '-'),
        String(kinds('lookup')),
        `${kinds('counters')}+${worst?.countersOutside ?? 0}`,
        String(kinds('work')),
        errors.length ? String(Math.max(...errors.map((r) => r.transactions.length))) : '-',
        worst ? sequence(worst) : '',
      ],
    }
  })
  const head = [
    'operation',
    'route',
    '2xx',
    'tx',
    'ro',
    'rw',
    'lookup',
    'rate',
    'work',
    'err tx',
    'in order',
  ]
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  const over = rows.filter((r) => r.max > 1)
  return {
    over: over.map((r) => r.id),
    text: [
      'Transactions per HTTP request (the 2xx request of each operation with the most; tx = min-max over its 2xx requests)',
      'ro/rw: read-only/write transactions; lookup: credential or link lookups; rate: rate-limit counts in a transaction + outside one;',
      'work: the route itself; err tx: most transactions of a 4xx answer; in order: L lookup, C rate count, M session member, R/W route work ro/rw',
      line(head),
      ...rows.map((r) => line(r.cells)),
      `${over.length} of ${rows.length} operations run more than one transaction`,
    ].join('\n'),
  }
}

describe('one request, one transaction', async () => {
  const world = countedWorld()
  const s = await seed(world)
  const context: RouteContext = {
    world,
    call: world.call,
    a: s.a,
    b: s.b,
    sk: { token: s.a.sk.token },
    ct: { token: s.a.ct1.token },
  }
  const ctx = () => context
  const { doc } = await conformance(world.app)
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      id: op.operationId,
      route: `${method.toUpperCase()} ${path}`,
      studio: JSON.stringify((op as { security?: unknown }).security).includes('secretKey'),
    })),
  )

  describe('the requests of routes.test.ts, counted', () => {
    allRoutes(ctx)
  })

  it('counted a 2xx request of every operation of the document, and prints the table', () => {
    const { text, over } = table(operations, world.requests)
    console.log(`${text}\nmore than one: ${over.join(', ')}`)
    const answered = new Set(world.requests.filter(is2xx).map((r) => r.operationId))
    expect(operations.map((o) => o.id).filter((id) => !answered.has(id))).toEqual([])
  })

  it('counted studio routes called with a session (one member read each) and with a key', () => {
    const studio = new Set(operations.filter((o) => o.studio).map((o) => o.id))
    const ok = world.requests.filter((r) => is2xx(r) && studio.has(r.operationId ?? ''))
    expect(ok.some((r) => r.session)).toBe(true)
    expect(ok.some((r) => !r.session)).toBe(true)
  })

  for (const { id, route, studio } of operations) {
    const why = twoOnPurpose[id]
    const none = noneOnPurpose[id]
    const how = none ? 'no transaction' : why ? 'one or two transactions' : 'one transaction'
    it(`${id} (${route}): every 2xx answer does its work in ${how}`, () => {
      const ok = world.requests.filter((r) => r.operationId === id && is2xx(r))
      expect(ok.length, `no 2xx request of ${id} was counted`).toBeGreaterThan(0)
      const seen = ok.map((r) => ({
        request: `${r.method} ${r.path} → ${r.status}`,
        order: sequence(r),
        work: r.transactions.filter((t) => t.kind === 'work').length,
        memberReads: r.transactions.filter((t) => t.kind === 'member').length,
        countedInTransaction: r.transactions.filter((t) => t.kind === 'counters').length,
        lookups: Math.min(1, r.transactions.filter((t) => t.kind === 'lookup').length),
      }))
      const allowed = seen.map((r, i) => ({
        ...r,
        work: none ? 0 : why ? Math.min(2, Math.max(1, r.work)) : 1,
        // Who a session is in its studio, read before the operation: on studio routes only.
        memberReads: studio && ok[i]!.session ? 1 : 0,
        countedInTransaction: 0,
      }))
      expect(seen).toEqual(allowed)
    })
  }

  it('a stored tracker view is read in one read-only transaction', async () => {
    const read = () => world.call('GET', `/v1/client/projects/${s.a.p1}`, { token: s.a.ct1.token })
    expect((await read()).status).toBe(200)
    expect((await read()).status).toBe(200)
    const last = world.requests.at(-1)
    expect(last && sequence(last)).toBe('R')
  })
})
