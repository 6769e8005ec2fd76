import * as github from '@actions/github'
import type { RunContext } from './context.js'

export type Octokit = ReturnType<typeof github.getOctokit>

/**
 * An Octokit for the run's API. The base URL is passed explicitly: @actions/github reads
 * GITHUB_API_URL once, when it is first imported, and passing undefined would reset it to
 * api.github.com (GitHub Enterprise Server, and tests pointing it at a local server).
 */
export function client(token: string, run: RunContext): Octokit {
  return github.getOctokit(token, { baseUrl: run.apiUrl })
}

/**
 * The token may not do this: a pull request from a fork gets a read-only GITHUB_TOKEN (403
 * "Resource not accessible by integration"), as does a workflow whose `permissions:` leave the
 * scope out. Such a feature steps back; any other API failure is an error of the action.
 */
export function isForbidden(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 403
}

/** Why the feature stepped back, in one sentence a reader can act on. */
export function forbiddenNote(feature: string, permission: string): string {
  return `The ${feature} was skipped: the token may not write it (HTTP 403). Pull requests from forks get a read-only token; otherwise grant \`${permission}\` in the workflow's \`permissions:\`. The findings are in the annotations and this summary.`
}
