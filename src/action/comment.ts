import type { Octokit } from './api.js'
import type { RunContext } from './context.js'

export type CommentAction = 'created' | 'updated' | 'resolved' | 'unchanged' | 'none'

/**
 * The hidden first line that finds our comment again. It names the checked directory, so that
 * two seedguard steps of a monorepo (`path: apps/web`, `path: apps/api`) keep a comment each.
 */
export function commentMarker(path: string): string {
  return `<!-- seedguard:comment path=${path.replace(/--/g, '-\\-')} -->`
}

const RESOLVED = '<!-- seedguard:resolved -->'

export interface CommentRequest {
  path: string
  /** the findings as Markdown; undefined when there are none left */
  findings: string | undefined
}

/**
 * One sticky comment per pull request: created on the first run with findings, edited in place
 * after that, and turned into a "resolved" note once the findings are gone. A clean pull request
 * that never had findings gets no comment at all.
 */
export async function syncComment(octokit: Octokit, run: RunContext, pr: number, request: CommentRequest): Promise<{ action: CommentAction; id?: number }> {
  const repo = run.repo!
  const marker = commentMarker(request.path)
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: pr, per_page: 100 })
  const existing = comments.find((c) => c.body?.startsWith(marker))
  if (request.findings === undefined) {
    if (!existing) return { action: 'none' }
    if (existing.body?.includes(RESOLVED)) return { action: 'unchanged', id: existing.id }
    await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: resolvedBody(marker, request.path, run) })
    return { action: 'resolved', id: existing.id }
  }
  const body = `${marker}\n${request.findings}\n${footer(run)}\n`
  if (!existing) {
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: pr, body })
    return { action: 'created', id: created.data.id }
  }
  if (existing.body === body) return { action: 'unchanged', id: existing.id }
  await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body })
  return { action: 'updated', id: existing.id }
}

function resolvedBody(marker: string, path: string, run: RunContext): string {
  const where = path === '.' ? '' : ` in \`${path}\``
  return `${marker}\n${RESOLVED}\n### ✅ seedguard: resolved\n\nThe findings reported here earlier are gone: no seed command reaches production${where}.\n${footer(run)}\n`
}

function footer(run: RunContext): string {
  const sha = (run.pullRequest?.headSha || run.sha).slice(0, 7)
  const parts = [sha && `checked at ${sha}`, run.runUrl && `[workflow run](${run.runUrl})`].filter(Boolean)
  return parts.length > 0 ? `\n<sub>seedguard: ${parts.join(' · ')}</sub>` : ''
}
