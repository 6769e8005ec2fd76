import * as core from '@actions/core'
import { client, forbiddenNote, isForbidden } from './api.js'
import { publishCheckRun } from './check-run.js'
import { syncComment } from './comment.js'
import type { RunContext } from './context.js'
import { InputError, type ActionInputs } from './inputs.js'
import { COMMENT_MAX_BYTES } from './limits.js'
import { headline, type Tally } from '../report/verdict.js'

/** The findings as Markdown within a size limit; the same table as the job summary. */
export type RenderMarkdown = (maxBytes: number) => string

/**
 * The PR comment and the check run, each when asked for. A token that may not write (a fork's
 * pull request) turns a feature into a note and a notice; the notes go into the job summary.
 * Any other failure is thrown: the action then fails closed.
 */
export async function publish(inputs: ActionInputs, run: RunContext, t: Tally, markdown: RenderMarkdown): Promise<string[]> {
  if (!inputs.comment && !inputs.checkRun) return []
  if (!inputs.token) throw new InputError('input github-token is empty, and comment and check-run write through the GitHub API')
  if (!run.repo) throw new InputError('GITHUB_REPOSITORY is not set: comment and check-run work only in a GitHub Actions run')
  const octokit = client(inputs.token, run)
  const notes: string[] = []
  const stepBack = (error: unknown, feature: string, permission: string) => {
    if (!isForbidden(error)) throw error
    const note = forbiddenNote(feature, permission)
    core.notice(note, { title: `seedguard: no ${feature}` })
    notes.push(note)
  }

  if (inputs.comment) {
    if (!run.pullRequest) core.info(`seedguard: no pull request comment: this ${run.eventName || 'run'} event is not about a pull request`)
    else {
      try {
        const findings = t.open.length > 0 ? markdown(COMMENT_MAX_BYTES) : undefined
        const { action, id } = await syncComment(octokit, run, run.pullRequest.number, { path: inputs.path, findings })
        core.info(`seedguard: pull request comment ${action}${id === undefined ? '' : ` (id ${id})`}`)
      } catch (error) {
        stepBack(error, 'pull request comment', 'pull-requests: write')
      }
    }
  }

  if (inputs.checkRun) {
    try {
      const title = t.open.length > 0 ? `seedguard: ${headline(t)}` : 'seedguard: no seed command reaches production'
      const { id } = await publishCheckRun(octokit, run, t, { title, summary: markdown(COMMENT_MAX_BYTES) })
      core.info(`seedguard: check run ${id} concluded with ${t.open.length} annotations`)
    } catch (error) {
      stepBack(error, 'check run', 'checks: write')
    }
  }
  return notes
}
