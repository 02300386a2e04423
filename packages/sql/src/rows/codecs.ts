import { codec } from './codec.js'

const versioned = { createdAt: 'time', updatedAt: 'time', version: 'int' } as const
const child = { id: 'text', projectId: 'text', ...versioned } as const

/** The codec of every table that holds domain rows. */
export const codecs = {
  studios: codec('studios', false, { id: 'text', ...versioned }),
  apiKeys: codec('api_keys', true, {
    id: 'text',
    kind: 'text',
    tokenHash: 'text',
    createdAt: 'time',
    revokedAt: 'time',
    version: 'int',
  }),
  clientTokens: codec('client_tokens', true, {
    id: 'text',
    clientId: 'text',
    kind: 'text',
    tokenHash: 'text',
    createdAt: 'time',
    expiresAt: 'time',
    revokedAt: 'time',
    version: 'int',
  }),
  clients: codec('clients', true, { id: 'text', ...versioned }),
  projects: codec('projects', true, {
    id: 'text',
    clientId: 'text',
    stage: 'text',
    confidentiality: 'text',
    ...versioned,
  }),
  deliverables: codec('deliverables', true, {
    ...child,
    kind: 'text',
    visibility: 'text',
    latestVersion: 'int',
  }),
  versions: codec('file_versions', true, {
    deliverableId: 'text',
    n: 'int',
    projectId: 'text',
    sha256: 'text',
    createdAt: 'time',
  }),
  rounds: codec('revision_rounds', true, { ...child, n: 'int', status: 'text' }),
  signoffs: codec('signoffs', true, {
    ...child,
    purpose: 'text',
    status: 'text',
    tokenHash: 'text',
    expiresAt: 'time',
    receiptId: 'text',
  }),
  receipts: codec('receipts', true, {
    id: 'text',
    projectId: 'text',
    signoffId: 'text',
    createdAt: 'time',
  }),
  grants: codec('share_grants', true, {
    ...child,
    consent: 'text',
    nda: 'text',
    tokenHash: 'text',
    expiresAt: 'time',
    revokedAt: 'time',
  }),
  consents: codec('portfolio_consents', true, { ...child, status: 'text', signoffId: 'text' }),
  audit: codec('audit_events', true, {
    projectId: 'text',
    seq: 'int',
    at: 'time',
    action: 'text',
    visibility: 'text',
    prevHash: 'text',
    hash: 'text',
  }),
  accessLog: codec('access_log', true, {
    id: 'text',
    projectId: 'text',
    at: 'time',
    action: 'text',
  }),
  idempotency: codec('idempotency', false, {
    key: 'text',
    fingerprint: 'text',
    state: 'text',
    createdAt: 'time',
    expiresAt: 'time',
  }),
}
