import { readFileSync } from 'node:fs'

/**
 * What the runner tells a step about its run. Read from the environment on each call rather than
 * through @actions/github's `context`, which is fixed when the module is first imported.
 */
export interface RunContext {
  workspace: string
  /** owner and repo, undefined outside a repository's workflow */
  repo?: { owner: string; repo: string }
  eventName: string
  sha: string
  /** the pull request this run is about, for pull_request and pull_request_target events */
  pullRequest?: { number: number; headSha: string }
  apiUrl: string
  serverUrl: string
  /** link to this workflow run, when the runner says which one it is */
  runUrl?: string
}

export function readRunContext(env: NodeJS.ProcessEnv, cwd: string): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com'
  const payload = readEvent(env.GITHUB_EVENT_PATH)
  const pr = payload.pull_request
  return {
    workspace: env.GITHUB_WORKSPACE || cwd,
    ...(owner && repo && { repo: { owner, repo } }),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    ...(pr && typeof pr.number === 'number' && { pullRequest: { number: pr.number, headSha: pr.head?.sha ?? env.GITHUB_SHA ?? '' } }),
    // @actions/github falls back the same way when GITHUB_API_URL is unset
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl,
    ...(env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID && { runUrl: `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` }),
  }
}

interface EventPayload {
  pull_request?: { number?: unknown; head?: { sha?: string } }
}

function readEvent(path: string | undefined): EventPayload {
  if (!path) return {}
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as EventPayload) : {}
  } catch {
    // a step run by hand has no event; the PR features then say they have no pull request
    return {}
  }
}
