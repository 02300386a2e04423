import { AtelierError } from '../errors/atelier-error.js'
import type { Scope } from '../internal/atoms.js'
import { todayIn } from '../internal/calendar.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import {
  embargoOn,
  type PortfolioConsent,
  type RequestPortfolioConsentInput,
  requestPortfolioConsentSchema,
} from '../sharing/grants.js'
import type { ConsentView } from '../view/view-types.js'
import { type Deps, found, inStudio } from './context.js'
import { type IssuedView, issuedView, issueSignoff } from './issue-signoff.js'
import { loadProject, readProject } from './load.js'
import { recordViews } from './views.js'

/** Portfolio consent: the client's permission to show the work, asked through a sign-off. */
export function consentService(deps: Deps) {
  return {
    /** Asks the client's permission to show the work in the portfolio (scope, embargo date). */
    async requestPortfolioConsent(
      scope: Scope,
      input: RequestPortfolioConsentInput,
    ): Promise<{ consent: ConsentView } & IssuedView> {
      authorize(scope, 'consent.manage')
      const data = parseInput(requestPortfolioConsentSchema, input, 'portfolio consent')
      return inStudio(deps, scope, async (ctx) => {
        const project = await loadProject(ctx, scope, data.projectId)
        const today = todayIn((await ctx.studio()).settings.timezone, ctx.now)
        parseInput(embargoOn(today), { embargoUntil: data.embargoUntil }, 'portfolio consent')
        const id = ctx.id('pfc')
        const issued = await issueSignoff(deps, ctx, scope, {
          project,
          purpose: 'portfolio_consent',
          subject: {
            files: [],
            consentId: id,
            portfolio: {
              scope: data.scope,
              ...(data.embargoUntil && { embargoUntil: data.embargoUntil }),
            },
          },
        })
        const consent: PortfolioConsent = {
          id,
          studioId: scope.studioId,
          projectId: project.id,
          scope: data.scope,
          ...(data.embargoUntil && { embargoUntil: data.embargoUntil }),
          ...(data.note && { note: data.note }),
          signoffId: issued.signoff.id,
          status: 'pending',
          createdAt: ctx.now,
          updatedAt: ctx.now,
          version: 1,
        }
        await ctx.repos.consents.insert(consent)
        const views = recordViews(scope, project, ctx.now)
        return { consent: views.consent(consent), ...issuedView(views)(issued) }
      })
    },

    /** A project's portfolio consents, as the scope's actor sees them. */
    async listPortfolioConsents(scope: Scope, projectId: string): Promise<ConsentView[]> {
      return readProject(deps, scope, projectId, async (ctx, project) =>
        recordViews(scope, project, ctx.now).consents(
          await ctx.repos.consents.listByProject(projectId),
        ),
      )
    },

    /**
     * Withdraws a portfolio consent; the client may do this at any time. Returns the consent as
     * the scope's actor sees it.
     */
    async revokePortfolioConsent(scope: Scope, consentId: string): Promise<ConsentView> {
      if (scope.actor.kind !== 'client') authorize(scope, 'consent.manage')
      return inStudio(deps, scope, async (ctx) => {
        const consent = found(
          await ctx.repos.consents.get(consentId),
          'portfolio consent',
          consentId,
        )
        const project = await loadProject(
          ctx,
          scope,
          consent.projectId,
          `portfolio consent ${consentId}`,
        )
        const view = (c: PortfolioConsent) => recordViews(scope, project, ctx.now).consent(c)
        if (consent.status === 'revoked') return view(consent)
        if (consent.status !== 'granted') {
          throw new AtelierError(
            'conflict',
            `the consent is ${consent.status}; only a granted consent is revoked`,
          )
        }
        const next = await ctx.write(
          ctx.repos.consents,
          consent,
          {
            ...consent,
            status: 'revoked' as const,
            revokedAt: ctx.now,
          },
          'portfolio consent',
        )
        await ctx.audit(consent.projectId, scope.actor, 'consent.revoked', { consentId }, 'client')
        return view(next)
      })
    },
  }
}
