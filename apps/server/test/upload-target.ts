import type { RunningServer } from './run-cli.js'

/**
 * The secret key a freshly seeded `atelier serve` printed, and a new deliverable of its demo
 * project in production, which takes uploads.
 */
export async function uploadTarget(
  server: RunningServer,
): Promise<{ secret: string; deliverableId: string }> {
  const secret = server.output().match(/secret key \(servers only\)\s+(atl_sk_\S+)/)?.[1]
  if (!secret) throw new Error(`no secret key in the output: ${server.output()}`)
  const headers = { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }
  const projects = (await (
    await fetch(`${server.url}/v1/projects?stage=production`, { headers })
  ).json()) as { items: { id: string }[] }
  const project = projects.items[0]
  if (!project) throw new Error('the demo has no project in production')
  const created = await fetch(`${server.url}/v1/projects/${project.id}/deliverables`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ kind: 'design', title: 'Upload test' }),
  })
  if (created.status !== 201)
    throw new Error(`deliverable: ${created.status} ${await created.text()}`)
  return { secret, deliverableId: ((await created.json()) as { id: string }).id }
}
