import { checkMove, type MoveCheck } from '../gates/gates.js'
import type { Scope } from '../internal/atoms.js'
import { defined, type Page, toPage } from '../internal/page.js'
import { parseInput } from '../internal/validate.js'
import { authorize, movePermission } from '../member/roles.js'
import {
  type AddNoteInput,
  addNoteSchema,
  type CreateProjectInput,
  createProjectSchema,
  generateCodename,
  type ListProjectsInput,
  listProjectsSchema,
  type MoveProjectInput,
  moveProjectSchema,
  type Project,
  type UpdateProjectInput,
  updateProjectSchema,
} from '../project/project.js'
import type { ProjectStage } from '../project/stages.js'
import type { ProjectView } from '../view/view-types.js'
import { type Deps, found, inStudio } from './context.js'
import { expectVersion, loadGateContext, loadProject, readProject, saveProject } from './load.js'
import { performMove } from './perform-move.js'
import { projectViewIn, type StaffView, staffView } from './views.js'

/** Projects: creation, the brief, stage moves through their gates, review and delivery. */
export function projectService(deps: Deps) {
  return {
    /**
     * Creates a project in `requirements`; contract terms default from the studio settings.
     * Returns the staff view of the new project.
     */
    async create(scope: Scope, input: CreateProjectInput): Promise<StaffView<ProjectView>> {
      authorize(scope, 'project.create')
      const data = parseInput(createProjectSchema, input, 'project')
      return inStudio(deps, scope, async (ctx) => {
        found(await ctx.repos.clients.get(data.clientId), 'client', data.clientId)
        const { settings } = await ctx.studio()
        const project: Project = {
          id: ctx.id('prj'),
          studioId: scope.studioId,
          clientId: data.clientId,
          title: data.title,
          codename: data.codename ?? generateCodename(deps.runtime),
          services: data.services,
          confidentiality: data.confidentiality,
          stage: 'requirements',
          stageHistory: [{ stage: 'requirements', at: ctx.now }],
          contract: {
            includedRounds: settings.includedRounds,
            warrantyDays: settings.warrantyDays,
            currency: settings.currency,
            ...defined(data.contract),
          },
          brief: data.brief,
          research: {},
          createdAt: ctx.now,
          updatedAt: ctx.now,
          version: 1,
        }
        await ctx.repos.projects.insert(project)
        await ctx.audit(
          project.id,
          scope.actor,
          'project.created',
          { stage: 'requirements' },
          'client',
        )
        return staffView(await projectViewIn(ctx, scope, project))
      })
    },

    async get(scope: Scope, projectId: string): Promise<Project> {
      return readProject(deps, scope, projectId, async (_, project) => project)
    },

    /** Projects newest first, filtered by client or stage; a client actor lists only their own. */
    async list(scope: Scope, input: ListProjectsInput = {}): Promise<Page<Project>> {
      const query = parseInput(listProjectsSchema, input, 'query')
      const clientId = scope.actor.kind === 'client' ? scope.actor.id : query.clientId
      if (scope.actor.kind !== 'client') authorize(scope, 'project.read')
      return inStudio(
        deps,
        scope,
        async (ctx) =>
          toPage(
            await ctx.repos.projects.list({ ...query, clientId, limit: query.limit + 1 }),
            query.limit,
          ),
        { readOnly: true },
      )
    },

    /**
     * Changes title, codename, services, confidentiality, contract terms, brief or research
     * notes. Returns the staff view of the changed project.
     */
    async update(scope: Scope, input: UpdateProjectInput): Promise<StaffView<ProjectView>> {
      authorize(scope, 'project.update')
      const { id, version, contract, brief, research, ...changes } = parseInput(
        updateProjectSchema,
        input,
        'project',
      )
      return inStudio(deps, scope, async (ctx) => {
        const project = await loadProject(ctx, scope, id)
        expectVersion(project, version, 'project')
        const fields = [...Object.keys(defined(changes)), ...(contract ? ['contract'] : [])]
        // Nothing to change: nothing is written (every write to a project appends to its audit
        // chain, which stored views are checked against).
        if (!fields.length && !brief && !research)
          return staffView(await projectViewIn(ctx, scope, project))
        const next = await saveProject(ctx, project, {
          ...project,
          ...defined(changes),
          contract: { ...project.contract, ...defined(contract ?? {}) },
          brief: { ...project.brief, ...defined(brief ?? {}) },
          research: { ...project.research, ...defined(research ?? {}) },
        })
        if (fields.length)
          await ctx.audit(id, scope.actor, 'project.updated', { fields }, 'internal')
        if (brief)
          await ctx.audit(
            id,
            scope.actor,
            'brief.updated',
            { fields: Object.keys(defined(brief)) },
            'client',
          )
        if (research) await ctx.audit(id, scope.actor, 'research.updated', {}, 'internal')
        return staffView(await projectViewIn(ctx, scope, next))
      })
    },

    /**
     * Moves the project to another stage, if the move table and its gates allow it. Returns the
     * staff view of the moved project.
     */
    async move(scope: Scope, input: MoveProjectInput): Promise<StaffView<ProjectView>> {
      // The permission of the move asked for (cancel, close, or any other), before any parsing.
      authorize(scope, movePermission(String(input?.to)))
      const data = parseInput(moveProjectSchema, input, 'move')
      return inStudio(deps, scope, async (ctx) => {
        const project = await loadProject(ctx, scope, data.id)
        expectVersion(project, data.version, 'project')
        const gate = await loadGateContext(ctx, project)
        const moved = await performMove(ctx, scope, gate, data.to, data.reason)
        return staffView(await projectViewIn(ctx, scope, moved))
      })
    },

    /** Whether a move would pass now, and if not which gate refuses it. Changes nothing. */
    async checkMove(
      scope: Scope,
      input: { id: string; to: ProjectStage; reason?: string },
    ): Promise<MoveCheck> {
      authorize(scope, 'project.read')
      return readProject(deps, scope, input.id, async (ctx, project) =>
        checkMove(await loadGateContext(ctx, project), input.to, input.reason),
      )
    },

    /** Adds a note to the activity, for the client (frontstage) or the studio only (backstage). */
    async addNote(scope: Scope, input: AddNoteInput): Promise<void> {
      authorize(scope, 'project.note')
      const data = parseInput(addNoteSchema, input, 'note')
      await inStudio(deps, scope, async (ctx) => {
        await loadProject(ctx, scope, data.projectId)
        await ctx.audit(
          data.projectId,
          scope.actor,
          'note.added',
          { text: data.text },
          data.visibility,
        )
      })
    },
  }
}
