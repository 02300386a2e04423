import type { Confidentiality } from '../project/project.js'

/** Who looks at a project. */
export type Viewer =
  | { kind: 'staff' }
  | { kind: 'client'; clientId: string }
  | { kind: 'signer'; signoffId: string }
  | { kind: 'third_party'; grantId: string }
  | { kind: 'public' }

export type ViewerKind = Viewer['kind']

/**
 * `always`, `never`, or `standard`: only on standard-confidentiality projects (on `nda` and
 * `strict`, non-staff outside the client see the codename, never client name or title).
 */
export type Rule = 'always' | 'standard' | 'never'

/**
 * The visibility matrix: which viewer sees which part of a project at which confidentiality
 * level. `viewProject` reads it; the tests walk it. Collections (deliverables, sign-offs,
 * activity) are further narrowed per viewer by `viewProject` itself.
 */
export const visibilityMatrix = {
  title: {
    staff: 'always',
    client: 'always',
    signer: 'standard',
    third_party: 'standard',
    public: 'standard',
  },
  clientName: {
    staff: 'always',
    client: 'always',
    signer: 'standard',
    third_party: 'standard',
    public: 'never',
  },
  clientContact: {
    staff: 'always',
    client: 'always',
    signer: 'never',
    third_party: 'never',
    public: 'never',
  },
  clientNotes: {
    staff: 'always',
    client: 'never',
    signer: 'never',
    third_party: 'never',
    public: 'never',
  },
  progress: {
    staff: 'always',
    client: 'always',
    signer: 'never',
    third_party: 'never',
    public: 'never',
  },
  brief: {
    staff: 'always',
    client: 'always',
    signer: 'never',
    third_party: 'never',
    public: 'never',
  },
  internal: {
    staff: 'always',
    client: 'never',
    signer: 'never',
    third_party: 'never',
    public: 'never',
  },
  deliverables: {
    staff: 'always',
    client: 'always',
    signer: 'always',
    third_party: 'always',
    public: 'never',
  },
  rounds: {
    staff: 'always',
    client: 'always',
    signer: 'always',
    third_party: 'never',
    public: 'never',
  },
  signoffs: {
    staff: 'always',
    client: 'always',
    signer: 'always',
    third_party: 'never',
    public: 'never',
  },
  activity: {
    staff: 'always',
    client: 'always',
    signer: 'never',
    third_party: 'never',
    public: 'never',
  },
  grants: {
    staff: 'always',
    client: 'always',
    signer: 'never',
    third_party: 'always',
    public: 'never',
  },
  consents: {
    staff: 'always',
    client: 'always',
    signer: 'never',
    third_party: 'never',
    public: 'never',
  },
} as const satisfies Record<string, Record<ViewerKind, Rule>>

export type Section = keyof typeof visibilityMatrix

/** Whether `viewer` sees `section` of a project at `level`. */
export function sees(section: Section, viewer: ViewerKind, level: Confidentiality): boolean {
  const rule: Rule = visibilityMatrix[section][viewer]
  return rule === 'always' || (rule === 'standard' && level === 'standard')
}
