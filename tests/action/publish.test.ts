import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import * as core from './__fixtures__/core.js'
import { startFakeGitHub, type FakeGitHub } from './fake-github.js'
import { generatedWorkspace, pullRequestEvent, runnerTemp, workspaceOf } from './workspace.js'

vi.mock('@actions/core', () => import('./__fixtures__/core.js'))
const { run } = await import('../../src/action/main.js')

const TOKEN = 'ghs_not_a_real_token'
const HEAD = 'feedfacefeedfacefeedfacefeedfacefeedface'
let github: FakeGitHub

beforeAll(async () => {
  github = await startFakeGitHub()
})
afterAll(() => github.close())
beforeEach(() => {
  github.mode = 'ok'
  github.requests.length = 0
  github.comments.clear()
  github.checkRuns.clear()
  vi.unstubAllEnvs()
})

/** One action run as a pull_request event of PR 7, against the local API. */
async function runOnPullRequest(workspace: string, inputs: Record<string, string>, event = 'pull_request') {
  core.reset({ path: '.', 'fail-on': 'error', annotations: 'true', summary: 'true', comment: 'false', 'check-run': 'false', 'github-token': TOKEN, ...inputs })
  vi.stubEnv('GITHUB_WORKSPACE', workspace)
  vi.stubEnv('GITHUB_REPOSITORY', 'acme/shop')
  vi.stubEnv('GITHUB_SHA', 'badc0debadc0debadc0debadc0debadc0debadc')
  vi.stubEnv('GITHUB_EVENT_NAME', event)
  vi.stubEnv('GITHUB_EVENT_PATH', event === 'push' ? '' : pullRequestEvent(runnerTemp(), 7, HEAD))
  vi.stubEnv('GITHUB_API_URL', github.url)
  vi.stubEnv('GITHUB_RUN_ID', '4242')
  await run()
}

const writes = () => github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)

describe('the sticky pull request comment', () => {
  it('is created once, updated in place, then marked resolved when the findings are gone', async () => {
    await runOnPullRequest(workspaceOf('seeds-in-production'), { comment: 'true' })
    expect(writes()).toEqual(['POST /repos/acme/shop/issues/7/comments'])
    expect(github.requests[0]!.authorization).toBe(`token ${TOKEN}`)
    const [first] = [...github.comments.values()]
    expect(first!.body).toMatch(/^<!-- seedguard:comment path=\. -->\n### ❌ seedguard: 1 error, 1 warning\n/)
    expect(first!.body).toContain('| 🛑 error | `seed-in-production` |')
    expect(first!.body).toContain('<sub>seedguard: checked at feedfac · [workflow run](https://github.com/acme/shop/actions/runs/4242)</sub>')
    expect(core.info).toHaveBeenCalledWith(`seedguard: pull request comment created (id ${first!.id})`)

    // a later push with other findings: the same comment, edited
    github.requests.length = 0
    await runOnPullRequest(generatedWorkspace(2, 0), { comment: 'true' })
    expect(writes()).toEqual([`PATCH /repos/acme/shop/issues/comments/${first!.id}`])
    expect(github.comments.size).toBe(1)
    expect(first!.body).toContain('### ❌ seedguard: 2 errors, 0 warnings')

    // the findings are fixed: the comment says so
    github.requests.length = 0
    await runOnPullRequest(workspaceOf('clean'), { comment: 'true' })
    expect(writes()).toEqual([`PATCH /repos/acme/shop/issues/comments/${first!.id}`])
    expect(first!.body).toMatch(/^<!-- seedguard:comment path=\. -->\n<!-- seedguard:resolved -->\n### ✅ seedguard: resolved\n/)
    expect(core.setFailed).not.toHaveBeenCalled()

    // and stays as it is while the pull request stays clean
    github.requests.length = 0
    await runOnPullRequest(workspaceOf('clean'), { comment: 'true' })
    expect(writes()).toEqual([])
  })

  it('is not written for a pull request that never had findings', async () => {
    await runOnPullRequest(workspaceOf('clean'), { comment: 'true' })
    expect(github.requests.map((r) => r.method)).toEqual(['GET'])
    expect(github.comments.size).toBe(0)
  })

  it('keeps one comment per checked directory and leaves other comments alone', async () => {
    github.comments.set(1, { id: 1, issue: 7, body: 'LGTM' })
    const workspace = workspaceOf('seeds-in-production', 'apps/web')
    await runOnPullRequest(workspace, { comment: 'true', path: 'apps/web' })
    await runOnPullRequest(workspace, { comment: 'true', path: 'apps/web' })
    await runOnPullRequest(workspaceOf('seeds-in-production'), { comment: 'true' })
    const bodies = [...github.comments.values()].map((c) => c.body.split('\n')[0])
    expect(bodies).toEqual(['LGTM', '<!-- seedguard:comment path=apps/web -->', '<!-- seedguard:comment path=. -->'])
  })

  it('is skipped with a line in the log when the run is not about a pull request', async () => {
    await runOnPullRequest(workspaceOf('seeds-in-production'), { comment: 'true' }, 'push')
    expect(github.requests).toEqual([])
    expect(core.info).toHaveBeenCalledWith('seedguard: no pull request comment: this push event is not about a pull request')
  })
})

describe('the "seedguard" check run', () => {
  it('carries every annotation in batches of 50 and concludes', async () => {
    await runOnPullRequest(generatedWorkspace(70, 50), { 'check-run': 'true' })
    expect(writes()).toEqual(['POST /repos/acme/shop/check-runs', ...Array(3).fill(expect.stringMatching(/^PATCH \/repos\/acme\/shop\/check-runs\/\d+$/))])
    const patches = github.requests.filter((r) => r.method === 'PATCH').map((r) => (r.body!.output as { annotations: unknown[] }).annotations.length)
    expect(patches).toEqual([50, 50, 20])
    const [checkRun] = [...github.checkRuns.values()]
    expect(checkRun).toMatchObject({ name: 'seedguard', head_sha: HEAD, status: 'completed', conclusion: 'failure' })
    expect(github.requests[0]!.body).toMatchObject({ status: 'in_progress', details_url: 'https://github.com/acme/shop/actions/runs/4242' })
    expect(checkRun!.annotations).toHaveLength(120)
    expect(checkRun!.annotations[0]).toMatchObject({ path: '.github/workflows/deploy.yml', start_line: 11, end_line: 11, start_column: 14, end_column: 32, annotation_level: 'failure', title: 'Seed command on a production path [seed-in-production]' })
    expect(checkRun!.annotations[119]).toMatchObject({ path: 'scripts/release.sh', annotation_level: 'warning' })
    expect(checkRun!.output).toMatchObject({ title: 'seedguard: 70 errors, 50 warnings' })
    // the step's own annotations stop at the limit and point to the check run
    expect(core.notice.mock.calls[0]![0]).toContain('All of them are in the job summary, the "seedguard" check run, the log of this step.')
  })

  it.each([
    ['clean', 'success', 0],
    ['warnings-only', 'neutral', 1],
  ])('concludes %s as %s', async (fixture, conclusion, annotations) => {
    await runOnPullRequest(workspaceOf(fixture), { 'check-run': 'true' })
    expect(writes()).toHaveLength(2)
    const [checkRun] = [...github.checkRuns.values()]
    expect(checkRun).toMatchObject({ status: 'completed', conclusion })
    expect(checkRun!.annotations).toHaveLength(annotations)
  })

  it('goes on the pushed commit for a push', async () => {
    await runOnPullRequest(workspaceOf('clean'), { 'check-run': 'true' }, 'push')
    expect([...github.checkRuns.values()][0]!.head_sha).toBe('badc0debadc0debadc0debadc0debadc0debadc')
  })
})

describe('a read-only token (a pull request from a fork)', () => {
  it('turns the comment and the check run into notes, never into a failure of their own', async () => {
    github.mode = 'read-only'
    await runOnPullRequest(workspaceOf('seeds-in-production'), { comment: 'true', 'check-run': 'true', 'fail-on': 'never' })
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(core.error).toHaveBeenCalledTimes(1)
    expect(core.notice).toHaveBeenCalledTimes(2)
    expect(core.notice.mock.calls.map(([, props]) => props?.title)).toEqual(['seedguard: no pull request comment', 'seedguard: no check run'])
    const summary = core.summaryWrites.join('')
    expect(summary).toContain('> [!NOTE]\n> The pull request comment was skipped: the token may not write it (HTTP 403). Pull requests from forks get a read-only token; otherwise grant `pull-requests: write`')
    expect(summary).toContain('> The check run was skipped: the token may not write it (HTTP 403).')
    expect(summary).toContain('| 🛑 error | `seed-in-production` |')
    expect(core.outputs().verdict).toBe('warn')
  })

  it('still fails the step for the findings themselves', async () => {
    github.mode = 'read-only'
    await runOnPullRequest(workspaceOf('seeds-in-production'), { comment: 'true', 'check-run': 'true' })
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(core.setFailed.mock.calls[0]![0]).toMatch(/^seedguard: 1 finding fails this step/)
  })
})

describe('an API that fails otherwise', () => {
  it('fails closed with one line, after the summary is written', async () => {
    github.mode = 'broken'
    await runOnPullRequest(workspaceOf('clean'), { 'check-run': 'true' })
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(core.setFailed.mock.calls[0]![0]).toMatch(/^seedguard: the GitHub API answered HTTP 500: [^\n]+$/)
    expect(core.summaryWrites).toHaveLength(1)
    // the check itself ran: its verdict stands
    expect(core.outputs().verdict).toBe('pass')
  })

  it('needs a token when asked to write', async () => {
    await runOnPullRequest(workspaceOf('clean'), { comment: 'true', 'github-token': '' })
    expect(core.setFailed).toHaveBeenCalledWith('seedguard: input github-token is empty, and comment and check-run write through the GitHub API')
  })
})
