// https://docs.github.com/en/rest/checks/runs
import type { Finding, Severity } from '../model/finding.js'
import { annotationOf } from '../report/github.js'
import type { Tally } from '../report/verdict.js'
import type { Octokit } from './api.js'
import type { RunContext } from './context.js'

export const CHECK_RUN_NAME = 'seedguard'
/** The API takes at most 50 annotations per request and appends each batch to the earlier ones. */
export const ANNOTATIONS_PER_REQUEST = 50
/** an annotation message holds 64 KB */
const MAX_MESSAGE = 60_000

const level: Record<Severity, 'failure' | 'warning' | 'notice'> = { error: 'failure', warning: 'warning', note: 'notice' }

export interface CheckRunOutput {
  title: string
  /** Markdown, under the API's 65,535 characters */
  summary: string
}

/**
 * A "seedguard" check run on the commit under review, carrying every finding as an annotation:
 * unlike workflow-command annotations it has no 10-per-step limit. Created in progress, filled in
 * batches of 50, then concluded with the last batch.
 */
export async function publishCheckRun(octokit: Octokit, run: RunContext, t: Tally, output: CheckRunOutput): Promise<{ id: number; requests: number }> {
  const repo = run.repo!
  const headSha = run.pullRequest?.headSha || run.sha
  const created = await octokit.rest.checks.create({ ...repo, name: CHECK_RUN_NAME, head_sha: headSha, status: 'in_progress', ...(run.runUrl && { details_url: run.runUrl }) })
  const id = created.data.id
  const annotations = t.open.map(toAnnotation)
  const batches: (typeof annotations)[] = []
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
  const last = batches.pop() ?? []
  for (const batch of batches) await octokit.rest.checks.update({ ...repo, check_run_id: id, output: { ...output, annotations: batch } })
  const conclusion = t.failing.length > 0 ? 'failure' : t.open.length > 0 ? 'neutral' : 'success'
  await octokit.rest.checks.update({ ...repo, check_run_id: id, status: 'completed', conclusion, completed_at: new Date().toISOString(), output: { ...output, annotations: last } })
  return { id, requests: batches.length + 2 }
}

function toAnnotation(f: Finding) {
  const { primary } = f
  const sameLine = primary.start.line === primary.end.line
  const { message, title } = annotationOf(f)
  return {
    path: primary.file,
    start_line: primary.start.line,
    end_line: primary.end.line,
    // the API takes columns only on a one-line range
    ...(sameLine && { start_column: primary.start.column, end_column: primary.end.column }),
    annotation_level: level[f.severity],
    message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message,
    title,
    ...(f.fix && { raw_details: f.fix }),
  }
}
