import { AtelierError } from '../errors/atelier-error.js'
import { latestRound } from '../gates/gates.js'
import type { Scope } from '../internal/atoms.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import { type RecordDeliveryInput, recordDeliverySchema } from '../project/project.js'
import { resolutionMap } from '../revision/resolution-map.js'
import { type SubmitForReviewInput, submitForReviewSchema } from '../sign-off/signoff.js'
import type { ProjectView, SignoffView } from '../view/view-types.js'
import { type Deps, inStudio } from './context.js'
import { issueSignoff, supersedeSignoffs } from './issue-signoff.js'
import { expectVersion, loadGateContext, loadProject, resolveFiles, saveProject } from './load.js'
import { performMove } from './perform-move.js'
import { projectViewIn, recordViews, type StaffView, staffView } from './views.js'

/** The hand-offs: work put before the client for final review, and the delivery (输出). */
export function projectHandoffService(deps: Deps) {
  return {
    /**
     * Puts the current versions before the client for final review: creates a `final` sign-off
     * (with the round's resolution map when coming from revision) and moves the project to
     * `confirmation`. In `confirmation` it replaces a superseded submission without moving.
     * Returns the staff views of the project and the sign-off, and the sign-off's token (once).
     */
    async submitForReview(
      scope: Scope,
      input: SubmitForReviewInput,
    ): Promise<{ project: StaffView<ProjectView>; signoff: SignoffView; token: string }> {
      authorize(scope, 'deliverable.upload')
      const data = parseInput(submitForReviewSchema, input, 'submission')
      return inStudio(deps, scope, async (ctx) => {
        const project = await loadProject(ctx, scope, data.id)
        expectVersion(project, data.version, 'project')
        if (!['production', 'revision', 'confirmation'].includes(project.stage)) {
          throw new AtelierError(
            'conflict',
            `the project is in ${project.stage}; work is submitted for review from production or revision`,
          )
        }
        const gate = await loadGateContext(ctx, project)
        const refs =
          data.files ??
          gate.deliverables
            .filter(
              (d) =>
                d.visibility === 'client' &&
                (d.kind === 'design' || d.kind === 'final') &&
                d.latestVersion > 0,
            )
            .map((d) => ({ deliverableId: d.id, version: d.latestVersion }))
        if (refs.length === 0) {
          throw new AtelierError('invalid_input', 'invalid submission: files', {
            fields: [
              { path: 'files', message: 'no design or final version has been uploaded to submit' },
            ],
          })
        }
        const files = await resolveFiles(ctx, project.id, refs)
        const round = project.stage === 'revision' ? latestRound(gate.rounds) : undefined
        await supersedeSignoffs(ctx, scope, project.id, (s) => s.purpose === 'final', {
          reason: 'resubmitted',
        })
        const issued = await issueSignoff(deps, ctx, scope, {
          project,
          purpose: 'final',
          subject: { files, ...(round && { round: round.n, resolutions: resolutionMap(round) }) },
          signer: data.signer,
          message: data.message,
          ttlDays: data.ttlDays,
        })
        const moved =
          project.stage === 'confirmation'
            ? project
            : await performMove(
                ctx,
                scope,
                { ...gate, signoffs: await ctx.repos.signoffs.listByProject(project.id) },
                'confirmation',
              )
        return {
          project: staffView(await projectViewIn(ctx, scope, moved)),
          signoff: recordViews(scope, moved, ctx.now).signoff(issued.signoff),
          token: issued.token,
        }
      })
    },

    /**
     * Records the delivery manifest (输出): files with hashes, method and licence terms. Returns
     * the staff view of the project with its delivery.
     */
    async recordDelivery(
      scope: Scope,
      input: RecordDeliveryInput,
    ): Promise<StaffView<ProjectView>> {
      authorize(scope, 'delivery.record')
      const data = parseInput(recordDeliverySchema, input, 'delivery')
      return inStudio(deps, scope, async (ctx) => {
        const project = await loadProject(ctx, scope, data.projectId)
        expectVersion(project, data.version, 'project')
        if (project.stage !== 'delivery') {
          throw new AtelierError(
            'conflict',
            `the project is in ${project.stage}; a delivery is recorded in the delivery stage`,
          )
        }
        if (project.confidentiality === 'strict' && data.method === 'email_attachment') {
          throw new AtelierError(
            'forbidden',
            'strict projects send links, never attachments; choose email_link or download',
            {
              fields: [
                { path: 'method', message: 'email_attachment is not allowed on strict projects' },
              ],
            },
          )
        }
        const approved = (await ctx.repos.signoffs.listByProject(project.id))
          .filter((s) => s.purpose === 'final' && s.status === 'approved')
          .at(-1)
        const files = data.files
          ? await resolveFiles(ctx, project.id, data.files)
          : (approved?.subject.files ?? [])
        if (files.length === 0) {
          throw new AtelierError('invalid_input', 'invalid delivery: files', {
            fields: [
              {
                path: 'files',
                message: 'no files given and no approved final sign-off to take them from',
              },
            ],
          })
        }
        const next = await saveProject(ctx, project, {
          ...project,
          delivery: {
            deliveredAt: ctx.now,
            method: data.method,
            files,
            licence: data.licence,
            ...(data.note && { note: data.note }),
            ...(approved?.receiptId && { receiptId: approved.receiptId }),
          },
        })
        await ctx.audit(
          project.id,
          scope.actor,
          'delivery.recorded',
          {
            method: data.method,
            files: files.map(({ deliverableId, version, sha256 }) => ({
              deliverableId,
              version,
              sha256,
            })),
          },
          'client',
        )
        return staffView(await projectViewIn(ctx, scope, next))
      })
    },
  }
}
