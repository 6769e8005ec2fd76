// The verify action's monitoring mode alerts through one GitHub issue per monitored database: opened
// on the first run that finds seed data, its body updated by the runs after that (never a second
// issue), closed by the next clean run. Found again by a hidden marker at the start of its body, as
// the sticky pull request comment is (comment.ts).
import { createHash } from 'node:crypto'
import type { Octokit } from './api.js'
import type { RunContext } from './context.js'

export type IssueAction = 'opened' | 'updated' | 'closed' | 'unchanged' | 'none'

/** an issue body holds at most 65,536 characters; the report is cut well before */
const BODY_LIMIT = 60_000
export const ISSUE_TITLE = 'seedguard: seed or demo data arrived in the monitored database'

/**
 * The hidden first line: a digest of the masked URL, so that two monitored databases keep an issue
 * each while the issue, which may be public, names neither host nor database.
 */
export function issueMarker(database: string): string {
  return `<!-- seedguard:monitor ${createHash('sha256').update(database).digest('hex').slice(0, 16)} -->`
}

export interface IssueRequest {
  /** the masked URL, for the marker */
  database: string
  /** the report as Markdown when the run found seed data; undefined for a clean run */
  findings: string | undefined
}

export async function syncIssue(octokit: Octokit, run: RunContext, request: IssueRequest): Promise<{ action: IssueAction; number?: number }> {
  const repo = run.repo!
  const marker = issueMarker(request.database)
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, state: 'open', per_page: 100 })
  // the list holds pull requests too
  const existing = open.find((i) => !i.pull_request && i.body?.startsWith(marker))
  if (request.findings === undefined) {
    if (!existing) return { action: 'none' }
    await octokit.rest.issues.update({ ...repo, issue_number: existing.number, state: 'closed', state_reason: 'completed', body: `${marker}\n### ✅ seedguard: clean again\n\nThe run${run.runUrl ? ` ([workflow run](${run.runUrl}))` : ''} after the findings reported here found no seed or demo data among the rows that arrived since.\n` })
    return { action: 'closed', number: existing.number }
  }
  const report = request.findings.length > BODY_LIMIT ? `${request.findings.slice(0, BODY_LIMIT)}\n\n… (cut: the whole report is in the run's job summary)\n` : request.findings
  const body = `${marker}\n${report}${run.runUrl ? `\n<sub>seedguard: [workflow run](${run.runUrl})</sub>\n` : ''}`
  if (!existing) {
    const created = await octokit.rest.issues.create({ ...repo, title: ISSUE_TITLE, body })
    return { action: 'opened', number: created.data.number }
  }
  if (existing.body === body) return { action: 'unchanged', number: existing.number }
  await octokit.rest.issues.update({ ...repo, issue_number: existing.number, body })
  return { action: 'updated', number: existing.number }
}
