import type { AuditEvent } from '../audit/audit-chain.js'
import { chainEvent } from '../audit/audit-chain.js'
import type { Client } from '../client/client.js'
import type { Deliverable, FileVersion } from '../deliverable/deliverable.js'
import type { Project } from '../project/project.js'
import type { RevisionRound } from '../revision/revision.js'
import type { Signoff } from '../sign-off/signoff.js'
import type { Studio } from '../studio/studio.js'
import { defaultStudioSettings } from '../studio/studio.js'

let counter = 0

/** A fresh id of the right shape, unique within the process, sorting by creation. */
export function fixtureId(prefix: string): string {
  counter++
  const time = (Date.now() * 1000 + counter).toString(32).padStart(16, '0').slice(-16)
  return `${prefix}_${time}${Math.random().toString(32).slice(2, 12).padEnd(10, '0')}`
}

const T = '2026-11-22T08:00:00.000Z'

/** Rows that satisfy the domain types, for exercising a storage adapter directly. */
export const fixtures = {
  studio(over: Partial<Studio> = {}): Studio {
    return {
      id: fixtureId('std'),
      name: 'Studio 山海',
      settings: { ...defaultStudioSettings, allowedOrigins: ['https://studio.example'] },
      signingKeys: [{ keyId: 'ed25519:0000000000000000', publicKey: 'AAAA', createdAt: T }],
      ipSalt: '00'.repeat(16),
      createdAt: T,
      updatedAt: T,
      version: 1,
      ...over,
    }
  },
  client(studioId: string, over: Partial<Client> = {}): Client {
    return {
      id: fixtureId('cli'),
      studioId,
      name: '李明',
      company: '青禾茶饮',
      createdAt: T,
      updatedAt: T,
      version: 1,
      ...over,
    }
  },
  project(studioId: string, clientId: string, over: Partial<Project> = {}): Project {
    return {
      id: fixtureId('prj'),
      studioId,
      clientId,
      title: '青禾 brand refresh',
      codename: 'Jade Heron 12',
      services: ['logo', 'vi'],
      confidentiality: 'standard',
      stage: 'requirements',
      stageHistory: [{ stage: 'requirements', at: T }],
      contract: { includedRounds: 2, warrantyDays: 30, currency: 'CNY' },
      brief: {
        goals: '更年轻的品牌形象 — a younger brand',
        usage: ['print', 'digital'],
        budget: { amount: 4_800_000, currency: 'CNY' },
      },
      research: {},
      createdAt: T,
      updatedAt: T,
      version: 1,
      ...over,
    }
  },
  deliverable(studioId: string, projectId: string, over: Partial<Deliverable> = {}): Deliverable {
    return {
      id: fixtureId('dlv'),
      studioId,
      projectId,
      kind: 'design',
      title: 'Logo',
      visibility: 'client',
      latestVersion: 0,
      createdAt: T,
      updatedAt: T,
      version: 1,
      ...over,
    }
  },
  fileVersion(
    studioId: string,
    projectId: string,
    deliverableId: string,
    n: number,
    over: Partial<FileVersion> = {},
  ): FileVersion {
    return {
      studioId,
      projectId,
      deliverableId,
      n,
      sha256: n.toString(16).padStart(64, 'a'),
      bytes: 1024 * n,
      mediaType: 'image/png',
      filename: `logo-v${n}.png`,
      blobKey: n.toString(16).padStart(64, 'a'),
      createdAt: T,
      ...over,
    }
  },
  round(
    studioId: string,
    projectId: string,
    n: number,
    over: Partial<RevisionRound> = {},
  ): RevisionRound {
    return {
      id: fixtureId('rnd'),
      studioId,
      projectId,
      n,
      status: 'open',
      billable: false,
      items: [
        {
          id: fixtureId('itm'),
          text: '标志再大一点 — logo bigger',
          pin: { x: 0.25, y: 0.5 },
          createdAt: T,
        },
      ],
      openedAt: T,
      createdAt: T,
      updatedAt: T,
      version: 1,
      ...over,
    }
  },
  signoff(studioId: string, projectId: string, over: Partial<Signoff> = {}): Signoff {
    return {
      id: fixtureId('sgn'),
      studioId,
      projectId,
      purpose: 'final',
      subject: { files: [] },
      tokenHash: Math.random().toString(16).slice(2).padEnd(64, '0'),
      expiresAt: '2026-12-06T08:00:00.000Z',
      status: 'pending',
      createdAt: T,
      updatedAt: T,
      version: 1,
      ...over,
    }
  },
  auditEvents(studioId: string, projectId: string, count: number, start = 0): AuditEvent[] {
    const out: AuditEvent[] = []
    let head: { seq: number; hash: string } | undefined
    for (let i = 0; i < start + count; i++) {
      const event = chainEvent(head, {
        studioId,
        projectId,
        at: new Date(Date.parse(T) + i * 1000).toISOString(),
        actor: { kind: 'staff', id: 'key_1', label: 'Studio' },
        action: 'note.added',
        data: { text: `note ${i}` },
        visibility: i % 2 ? 'internal' : 'client',
      })
      head = { seq: event.seq, hash: event.hash }
      if (i >= start) out.push(event)
    }
    return out
  },
}
