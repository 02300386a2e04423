import type {
  Atelier,
  CreateProjectInput,
  Project,
  ProjectView,
  Scope,
  StaffView,
} from '@atelier/core'

export const DAY = 86_400_000

/** The studio's own scope, typed as staff: the service answers it with staff views. */
export type StaffScope = Scope & { actor: { kind: 'staff' } }

/** One of the demo's projects as `seed-demo --json` lists it, and the link it prints, if any. */
export interface DemoProject {
  id: string
  title: string
  stage: string
  token?: string
}

/** The brief every demo project starts from (and most keep). */
export const brief = {
  goals: '年轻化的品牌形象，让 25 岁的人也愿意走进来 — a brand young people walk into',
  audience: '18–30 岁的城市白领 · urban professionals aged 18–30',
  style: '清新、自然、留白 · fresh, natural, airy',
  usage: ['print', 'digital'] as ('print' | 'digital')[],
  deliverableTypes: ['logo', 'VI manual', 'signage'],
  budget: { amount: 4_800_000, currency: 'CNY' },
  deadline: '2027-02-28',
}

/**
 * The studio's staff at work on one project at a time, on a clock the stories set (`at`): each
 * project walks its own timeline forward over the last six weeks, so the tracker shows real
 * dates. The helpers are the studio's everyday moves.
 */
export class DemoStudio {
  /** The project the story is telling (as the studio sees it). */
  project!: StaffView<ProjectView>

  constructor(
    readonly atelier: Atelier,
    readonly staff: StaffScope,
    private readonly clock: { set(daysAgo: number): void },
  ) {}

  /** Sets the clock to `daysAgo` days before now. */
  at(daysAgo: number): void {
    this.clock.set(daysAgo)
  }

  /** The client acting for themselves (from their tracker). */
  as(client: { id: string; name: string }): Scope {
    return {
      studioId: this.staff.studioId,
      actor: { kind: 'client', id: client.id, label: client.name },
    }
  }

  async start(input: CreateProjectInput): Promise<void> {
    this.project = await this.atelier.projects.create(this.staff, input)
  }

  async move(to: Project['stage'], reason?: string): Promise<void> {
    const { id, version } = this.project
    this.project = await this.atelier.projects.move(this.staff, {
      id,
      version,
      to,
      ...(reason && { reason }),
    })
  }

  async refresh(): Promise<void> {
    this.project = await this.atelier.projects.view(this.staff, this.project.id)
  }

  upload(deliverableId: string, filename: string, bytes: Uint8Array, note?: string) {
    return this.atelier.deliverables.addVersion(
      this.staff,
      { deliverableId, filename, mediaType: 'image/svg+xml', ...(note && { note }) },
      bytes,
    )
  }

  deliverable(kind: 'proposal' | 'design' | 'final', title: string) {
    return this.atelier.deliverables.create(this.staff, { projectId: this.project.id, kind, title })
  }

  /** A concept uploaded, put before the client, and approved by `signer` through the link. */
  async approveProposal(title: string, art: Uint8Array, signer: string): Promise<void> {
    const concept = await this.deliverable('proposal', title)
    await this.upload(concept.id, 'concept.svg', art)
    const so = await this.atelier.signoffs.create(this.staff, {
      projectId: this.project.id,
      purpose: 'proposal',
      files: [{ deliverableId: concept.id, version: 1 }],
    })
    await this.atelier.signoffs.decide(so.token, { outcome: 'approved', name: signer })
    await this.refresh()
  }

  summary(stage: Project['stage']): DemoProject {
    return { id: this.project.id, title: this.project.name, stage }
  }
}
