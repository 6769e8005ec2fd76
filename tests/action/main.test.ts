import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as core from './__fixtures__/core.js'
import { generatedWorkspace, workspaceOf } from './workspace.js'

vi.mock('@actions/core', () => import('./__fixtures__/core.js'))
const { run } = await import('../../src/action/main.js')

const DEFAULTS = { path: '.', 'fail-on': 'error', annotations: 'true', summary: 'true', comment: 'false', 'check-run': 'false', 'github-token': 'ghs_not_a_real_token' }

function stubRunner(workspace: string, extra: Record<string, string> = {}): void {
  vi.stubEnv('GITHUB_WORKSPACE', workspace)
  vi.stubEnv('GITHUB_REPOSITORY', 'acme/shop')
  vi.stubEnv('GITHUB_SHA', 'c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff')
  vi.stubEnv('GITHUB_EVENT_NAME', 'push')
  vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com')
  vi.stubEnv('GITHUB_EVENT_PATH', '')
  for (const [k, v] of Object.entries(extra)) vi.stubEnv(k, v)
}

async function runWith(workspace: string, inputs: Record<string, string> = {}) {
  core.reset({ ...DEFAULTS, ...inputs })
  stubRunner(workspace)
  await run()
  return { outputs: core.outputs(), summary: core.summaryWrites.join('') }
}

beforeEach(() => vi.unstubAllEnvs())
afterEach(() => vi.unstubAllEnvs())

describe('run() on a repository that seeds in production', () => {
  it('annotates each finding at its exact range, errors first, with a title', async () => {
    await runWith(workspaceOf('seeds-in-production'))
    expect(core.error).toHaveBeenCalledTimes(1)
    expect(core.error).toHaveBeenCalledWith(expect.stringMatching(/^`prisma db seed` \(prisma\) seeds the database on a production path: job `deploy`/), {
      file: '.github/workflows/deploy.yml',
      startLine: 15,
      endLine: 15,
      startColumn: 14,
      endColumn: 32,
      title: 'Seed command on a production path [seed-in-production]',
    })
    expect(core.warning).toHaveBeenCalledTimes(1)
    expect(core.warning.mock.calls[0]![1]).toEqual({ file: 'scripts/release.sh', startLine: 4, endLine: 4, startColumn: 36, endColumn: 65, title: 'Seed command on a path that may be production [seed-possibly-in-production]' })
    expect(core.error.mock.invocationCallOrder[0]).toBeLessThan(core.warning.mock.invocationCallOrder[0]!)
    // the suppressed seed is acknowledged already: no annotation, no notice
    expect(core.notice).not.toHaveBeenCalled()
  })

  it('fails the step with one line and sets the outputs', async () => {
    const { outputs } = await runWith(workspaceOf('seeds-in-production'))
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(core.setFailed).toHaveBeenCalledWith('seedguard: 1 finding fails this step (fail-on: error); the first at .github/workflows/deploy.yml:15:14 [seed-in-production]')
    expect(outputs).toMatchObject({ errors: '1', warnings: '1', verdict: 'fail', 'sarif-file': '' })
    const json = JSON.parse(outputs['findings-json']!) as { version: number; findings: { ruleId: string; severity: string; file: string }[] }
    expect(outputs['findings-json']).not.toContain('\n')
    expect(json.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}`)).toEqual([
      'error seed-in-production .github/workflows/deploy.yml',
      'warning seed-possibly-in-production scripts/release.sh',
      'note seed-in-production .github/workflows/deploy.yml',
    ])
    expect(core.setSecret).toHaveBeenCalledWith('ghs_not_a_real_token')
  })

  it('writes a job summary with a table of the findings and each chain', async () => {
    const { summary } = await runWith(workspaceOf('seeds-in-production'))
    expect(core.summaryWrites).toHaveLength(1)
    expect(summary).toContain('### ❌ seedguard: 1 error, 1 warning')
    expect(summary).toContain('| | Rule | Where | Finding and chain |')
    const link = 'https://github.com/acme/shop/blob/c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff'
    expect(summary).toContain(`| 🛑 error | \`seed-in-production\` | [.github/workflows/deploy.yml:15](${link}/.github/workflows/deploy.yml#L15) | \`prisma db seed\` (prisma) seeds the database on a production path<br><br>job \`deploy\``)
    expect(summary).toContain(`<br>↳ Prisma seed command \`node prisma/seed.js\` ([package.json:4](${link}/package.json#L4))`)
    expect(summary).toContain('| ⚠️ warning | `seed-possibly-in-production` |')
    expect(summary).toMatch(/<details><summary>1 suppressed finding<\/summary>[\s\S]*the demo tenant is reset on every deploy/)
  })

  it('writes a SARIF file where asked and says where', async () => {
    const workspace = workspaceOf('seeds-in-production')
    const { outputs } = await runWith(workspace, { 'sarif-file': 'reports/seedguard.sarif' })
    const path = join(workspace, 'reports', 'seedguard.sarif')
    expect(outputs['sarif-file']).toBe(path)
    const log = JSON.parse(readFileSync(path, 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }
    expect(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['.github/workflows/deploy.yml', 'scripts/release.sh', '.github/workflows/deploy.yml'])
  })

  it('prints the text report with workflow commands stopped, so repository text cannot issue any', async () => {
    await runWith(workspaceOf('seeds-in-production'))
    const lines = core.info.mock.calls.map(([line]) => line)
    const stop = lines.findIndex((l) => l.startsWith('::stop-commands::'))
    const token = lines[stop]!.slice('::stop-commands::'.length)
    expect(token).toMatch(/^[0-9a-f-]{36}$/)
    expect(lines[stop + 1]).toContain('15 |       - run: npx prisma db seed')
    expect(lines[stop + 2]).toBe(`::${token}::`)
  })
})

describe('run() and fail-on', () => {
  it('passes a clean repository', async () => {
    const { outputs, summary } = await runWith(workspaceOf('clean'))
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(core.error).not.toHaveBeenCalled()
    expect(outputs).toMatchObject({ errors: '0', warnings: '0', verdict: 'pass' })
    expect(summary).toMatch(/^### ✅ seedguard: no seed command reaches production\n/)
  })

  it('warns without failing on warnings under fail-on: error, fails under fail-on: warning', async () => {
    const warned = await runWith(workspaceOf('warnings-only'))
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(warned.outputs.verdict).toBe('warn')
    expect(warned.summary).toContain('The step passes: nothing at or above fail-on `error`.')
    const failed = await runWith(workspaceOf('warnings-only'), { 'fail-on': 'warning' })
    expect(core.setFailed).toHaveBeenCalledWith('seedguard: 1 finding fails this step (fail-on: warning); the first at scripts/release.sh:4:36 [seed-possibly-in-production]')
    expect(failed.outputs.verdict).toBe('fail')
  })

  it('notes a CI file it does not read, at its first line, without failing the step', async () => {
    const { outputs, summary } = await runWith(workspaceOf(join('..', 'check', 'ci-not-analysed-woodpecker')), { 'fail-on': 'warning' })
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(core.notice).toHaveBeenCalledWith(expect.stringMatching(/^Woodpecker CI is not analysed: seedguard does not read its configuration/), expect.objectContaining({ file: '.woodpecker.yml', startLine: 1, startColumn: 1 }))
    expect(outputs).toMatchObject({ errors: '0', warnings: '0', verdict: 'pass' })
    expect(summary).toContain('| ℹ️ note | `ci-not-analysed` |')
  })

  it('never fails under fail-on: never, and still reports', async () => {
    const { outputs } = await runWith(workspaceOf('seeds-in-production'), { 'fail-on': 'never' })
    expect(core.setFailed).not.toHaveBeenCalled()
    expect(core.error).toHaveBeenCalledTimes(1)
    expect(outputs).toMatchObject({ errors: '1', verdict: 'warn' })
  })

  it('leaves annotations and the summary out when asked to', async () => {
    const { outputs } = await runWith(workspaceOf('seeds-in-production'), { annotations: 'false', summary: 'false' })
    expect(core.error).not.toHaveBeenCalled()
    expect(core.warning).not.toHaveBeenCalled()
    expect(core.summaryWrites).toEqual([])
    expect(outputs.verdict).toBe('fail')
    expect(core.setFailed).toHaveBeenCalledTimes(1)
  })
})

describe('run() past the annotation limit', () => {
  it('shows 10 of each kind, errors first, then a notice counting the rest and saying where they are', async () => {
    await runWith(generatedWorkspace(13, 12), { 'sarif-file': 'seedguard.sarif' })
    expect(core.error).toHaveBeenCalledTimes(10)
    expect(core.warning).toHaveBeenCalledTimes(10)
    expect(Math.max(...core.error.mock.invocationCallOrder)).toBeLessThan(Math.min(...core.warning.mock.invocationCallOrder))
    expect(core.notice).toHaveBeenCalledTimes(1)
    expect(core.notice.mock.calls[0]![0]).toBe(
      '5 more findings are not annotated here (3 errors, 2 warnings): GitHub shows 10 annotations of each kind per step. All of them are in the job summary, the SARIF file seedguard.sarif, the log of this step.',
    )
    // the summary keeps every one of them
    expect(core.summaryWrites[0]!.match(/^\| (🛑|⚠️)/gm)).toHaveLength(25)
  })
})

describe('run() on a directory inside the workspace', () => {
  it('places every finding from the repository root', async () => {
    const workspace = workspaceOf('seeds-in-production', 'apps/web')
    const { outputs, summary } = await runWith(workspace, { path: 'apps/web', 'sarif-file': 'seedguard.sarif' })
    expect(core.error.mock.calls[0]![1]).toMatchObject({ file: 'apps/web/.github/workflows/deploy.yml', startLine: 15 })
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining('the first at apps/web/.github/workflows/deploy.yml:15:14'))
    expect(summary).toContain('### ❌ seedguard: 1 error, 1 warning in `apps/web`')
    const sarif = readFileSync(outputs['sarif-file']!, 'utf8')
    expect(sarif).toContain('"uri": "apps/web/scripts/release.sh"')
    // source lines are still found for the log, through the rebased paths
    expect(core.info.mock.calls.map(([l]) => l).join('\n')).toContain('at apps/web/.github/workflows/deploy.yml:6:3\n     6 |   deploy:')
  })
})

describe('run() fails closed', () => {
  it('on an invalid config: annotated at its place, one line, verdict error', async () => {
    const { outputs } = await runWith(workspaceOf('broken-config'), { 'fail-on': 'never' })
    expect(core.error).toHaveBeenCalledWith(expect.stringMatching(/^unknown setting `production-enviroments`/), expect.objectContaining({ file: '.seedguard.yml', startLine: 1, title: 'Invalid seedguard configuration [config-error]' }))
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(core.setFailed.mock.calls[0]![0]).toMatch(/^seedguard: \.seedguard\.yml:1:1: unknown setting `production-enviroments` \(known: [^\n]*\)$/)
    expect(outputs).toEqual({ verdict: 'error' })
  })

  it('on an empty workspace (no actions/checkout before it): verdict error with the likely cause (issue 11, item 2)', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'seedguard-action-'))
    const { outputs, summary } = await runWith(workspace)
    const cause = `no files in ${workspace}, so nothing was checked: did the workflow run actions/checkout before seedguard? Is the path the repository?`
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(core.setFailed).toHaveBeenCalledWith(`seedguard: ${cause}`)
    expect(core.error).toHaveBeenCalledWith(cause, { title: 'Nothing to check [no-files]' })
    expect(outputs).toEqual({ verdict: 'error' })
    expect(summary).toBe(`### 🛑 seedguard could not check\n\n${cause}\n`)
    expect(summary).not.toContain('✅')
  })

  it('on an invalid config, still writes the SARIF file asked for, carrying the error (issue 11, item 10)', async () => {
    const workspace = workspaceOf('broken-config')
    const { outputs } = await runWith(workspace, { 'sarif-file': 'seedguard.sarif' })
    expect(outputs).toEqual({ verdict: 'error', 'sarif-file': join(workspace, 'seedguard.sarif') })
    const [invocation] = JSON.parse(readFileSync(join(workspace, 'seedguard.sarif'), 'utf8')).runs[0].invocations
    expect(invocation).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ descriptor: { id: 'config-error' }, locations: [{ physicalLocation: { artifactLocation: { uri: '.seedguard.yml' } } }] }] })
  })

  it.each([
    [{ 'fail-on': 'sometimes' }, 'seedguard: input fail-on must be error, warning or never (got `sometimes`)'],
    [{ annotations: 'yes' }, 'seedguard: input annotations must be true or false (got `yes`)'],
    [{ path: 'no/such/dir' }, /^seedguard: input path: \/.*\/no\/such\/dir is not a directory$/],
  ])('on a bad input %j', async (inputs, message) => {
    const { outputs } = await runWith(workspaceOf('clean'), inputs)
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    if (typeof message === 'string') expect(core.setFailed).toHaveBeenCalledWith(message)
    else expect(core.setFailed.mock.calls[0]![0]).toMatch(message)
    expect(outputs).toEqual({ verdict: 'error' })
  })

  it('on an unexpected error, even under fail-on: never', async () => {
    const workspace = workspaceOf('clean')
    writeFileSync(join(workspace, 'reports'), 'a file where the SARIF directory should go')
    const { outputs } = await runWith(workspace, { 'fail-on': 'never', 'sarif-file': 'reports/seedguard.sarif' })
    expect(core.setFailed).toHaveBeenCalledTimes(1)
    expect(core.setFailed.mock.calls[0]![0]).toMatch(/^seedguard: internal error: E[A-Z]+: [^\n]+$/)
    expect(outputs.verdict).toBe('error')
    expect(core.debug).toHaveBeenCalledWith(expect.stringContaining('at '))
  })

})
