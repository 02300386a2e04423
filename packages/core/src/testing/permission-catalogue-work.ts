import { expect } from 'vitest'
import { op } from './permission-operation.js'

/**
 * Revision rounds, sign-offs, shares and consents, and the audit chain.
 *
 * @example
 * workOperations.find((o) => o.name === 'revisions.quote')?.permission // 'round.quote'
 */
export const workOperations = [
  op({
    name: 'revisions.request',
    permission: 'round.open',
    prepare: (h) => h.plant('production'),
    run: (atelier, scope, setup) =>
      atelier.revisions.request(scope, {
        projectId: setup.project.id,
        items: [{ text: '颜色再深一点' }],
      }),
    check: ({ project, round }) => {
      expect(project.state).toBe('revision')
      expect(round).toMatchObject({ n: 1, status: 'open', billable: false })
    },
  }),
  op({
    name: 'revisions.list',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.revisions.list(scope, setup.round.projectId),
    check: (rounds, setup) => expect(rounds.map((r) => r.id)).toEqual([setup.round.id]),
  }),
  op({
    name: 'revisions.quote',
    permission: 'round.quote',
    prepare: (h) =>
      h.plant('revision', {
        includedRounds: 0,
        round: { status: 'awaiting_quote', billable: true },
      }),
    run: (atelier, scope, setup) =>
      atelier.revisions.quote(scope, {
        roundId: setup.round.id,
        version: setup.round.version,
        scope: ['横版标志一套'],
        days: 3,
        fee: { amount: 120_000, currency: 'CNY' },
      }),
    check: ({ round, signoff, token }) => {
      expect(round.status).toBe('quoted')
      expect(signoff).toMatchObject({ purpose: 'change_order', status: 'pending' })
      expect(token).toMatch(/^atl_so_/)
    },
  }),
  op({
    name: 'revisions.addItems',
    permission: 'round.item',
    prepare: (h) => h.plant('revision', { round: {} }),
    run: (atelier, scope, setup) =>
      atelier.revisions.addItems(scope, {
        roundId: setup.round.id,
        version: setup.round.version,
        items: [{ text: '标语换一种字体' }],
      }),
    check: (round) => expect(round.items.map((i) => i.text)).toContain('标语换一种字体'),
  }),
  op({
    name: 'revisions.resolveItem',
    permission: 'round.item',
    prepare: (h) => h.plant('revision', { round: {} }),
    run: (atelier, scope, setup) =>
      atelier.revisions.resolveItem(scope, {
        roundId: setup.round.id,
        version: setup.round.version,
        itemId: setup.round.itemId,
        status: 'declined',
        note: '超出合同范围',
      }),
    check: (round, setup) =>
      expect(round.items.find((i) => i.id === setup.round.itemId)?.resolution).toMatchObject({
        status: 'declined',
      }),
  }),
  op({
    name: 'signoffs.create',
    permission: 'signoff.create',
    run: (atelier, scope, setup) =>
      atelier.signoffs.create(scope, {
        projectId: setup.project.id,
        purpose: 'review',
        files: [setup.file],
      }),
    check: ({ signoff, token }) => {
      expect(signoff).toMatchObject({ purpose: 'review', status: 'pending' })
      expect(token).toMatch(/^atl_so_/)
    },
  }),
  op({
    name: 'signoffs.list',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.signoffs.list(scope, setup.project.id),
    check: (list, setup) => expect(list.map((s) => s.id)).toContain(setup.signoffId),
  }),
  op({
    name: 'signoffs.get',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.signoffs.get(scope, setup.signoffId),
    check: (signoff, setup) => expect(signoff.id).toBe(setup.signoffId),
  }),
  op({
    name: 'signoffs.revoke',
    permission: 'signoff.revoke',
    prepare: (h) => h.plant('production', { signoff: true }),
    run: (atelier, scope, setup) => atelier.signoffs.revoke(scope, setup.signoffId),
    check: (signoff) => expect(signoff.status).toBe('revoked'),
  }),
  op({
    name: 'grants.createShare',
    permission: 'share.manage',
    run: (atelier, scope, setup) =>
      atelier.grants.createShare(scope, {
        projectId: setup.project.id,
        party: { name: `开发商 ${setup.unique}` },
        email: `${setup.unique}@developer.example`,
        files: [setup.file],
      }),
    check: ({ grant, token, consent }) => {
      expect(token).toMatch(/^atl_sg_/)
      expect(grant.id).toMatch(/^grt_/)
      expect(consent.signoff).toMatchObject({ purpose: 'share_consent', status: 'pending' })
    },
  }),
  op({
    name: 'grants.listShares',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.grants.listShares(scope, setup.project.id),
    check: (list, setup) => expect(list.map((g) => g.id)).toContain(setup.grantId),
  }),
  op({
    name: 'grants.revokeShare',
    permission: 'share.manage',
    prepare: async (h, unique) => {
      const { grant } = await h.atelier.grants.createShare(h.scope, {
        projectId: h.stock.project.id,
        party: { name: `印刷厂 ${unique}` },
        email: `${unique}@printer.example`,
        files: [h.stock.file],
      })
      return { grantId: grant.id }
    },
    run: (atelier, scope, setup) => atelier.grants.revokeShare(scope, setup.grantId),
    check: (grant, setup) => {
      expect(grant.id).toBe(setup.grantId)
      expect(grant.status).toBe('revoked')
    },
  }),
  op({
    name: 'grants.requestPortfolioConsent',
    permission: 'consent.manage',
    run: (atelier, scope, setup) =>
      atelier.grants.requestPortfolioConsent(scope, {
        projectId: setup.project.id,
        scope: ['social'],
      }),
    check: ({ consent, token }) => {
      expect(consent).toMatchObject({ status: 'pending', scope: ['social'] })
      expect(token).toMatch(/^atl_so_/)
    },
  }),
  op({
    name: 'grants.revokePortfolioConsent',
    permission: 'consent.manage',
    prepare: async (h) => {
      const { consent, token } = await h.atelier.grants.requestPortfolioConsent(h.scope, {
        projectId: h.stock.project.id,
        scope: ['website'],
      })
      await h.atelier.signoffs.decide(token, { outcome: 'approved', name: '李明' })
      return { consentId: consent.id }
    },
    run: (atelier, scope, setup) => atelier.grants.revokePortfolioConsent(scope, setup.consentId),
    check: (consent, setup) => {
      expect(consent.id).toBe(setup.consentId)
      expect(consent.status).toBe('revoked')
    },
  }),
  op({
    name: 'grants.listPortfolioConsents',
    permission: 'project.read',
    run: (atelier, scope, setup) => atelier.grants.listPortfolioConsents(scope, setup.project.id),
    check: (list, setup) => expect(list.map((c) => c.id)).toContain(setup.consentId),
  }),
  op({
    name: 'audit.list',
    permission: 'audit.read',
    run: (atelier, scope, setup) => atelier.audit.list(scope, setup.project.id),
    check: (events) => expect(events[0]?.action).toBe('project.created'),
  }),
  op({
    name: 'audit.verify',
    permission: 'audit.read',
    run: (atelier, scope, setup) => atelier.audit.verify(scope, setup.project.id),
    check: (verification) => expect(verification.valid).toBe(true),
  }),
  op({
    name: 'audit.accessLog',
    permission: 'audit.read',
    run: (atelier, scope, setup) => atelier.audit.accessLog(scope, setup.round.projectId),
    check: (log) =>
      expect(log.map((e) => [e.viewer.kind, e.action])).toContainEqual(['client', 'view']),
  }),
]
