import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli/index.js'
import { VERSION } from '../src/cli/version.js'

async function run(args: string[], cwd = join(import.meta.dirname, '..')) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: { NO_COLOR: '1' } })
  return { code, stdout, stderr }
}

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', 'check', name)

describe('seedguard check (CLI)', () => {
  it('exits 1 with a located finding on a seed in production', async () => {
    const { code, stdout } = (await run(['check', fixture('env-production-run-block'), '--format', 'json']))
    expect(code).toBe(1)
    const json = JSON.parse(stdout)
    expect(json.version).toBe(1)
    expect(json.findings[0]).toMatchObject({ ruleId: 'seed-in-production', severity: 'error', file: '.github/workflows/deploy.yml', line: 13, column: 11, endLine: 13, endColumn: 23 })
  })

  it('exits 0 on an honest pipeline', async () => {
    expect((await run(['check', fixture('staging-environment')])).code).toBe(0)
  })

  it('--fail-on never reports without failing; --fail-on warning fails on warnings', async () => {
    expect((await run(['check', fixture('env-production-run-block'), '--fail-on', 'never'])).code).toBe(0)
    expect((await run(['check', fixture('guard-app-env-self-hosted-uncertain')])).code).toBe(0)
    expect((await run(['check', fixture('guard-app-env-self-hosted-uncertain'), '--fail-on', 'warning'])).code).toBe(1)
  })

  it('notes a CI file it does not read in every format, at its first line, without failing', async () => {
    const gitlab = fixture('issue-c45-gitlab-ci-not-analysed')
    for (const failOn of ['error', 'warning']) {
      const text = await run(['check', gitlab, '--fail-on', failOn])
      expect(text.code).toBe(0)
      expect(text.stdout).toContain('.gitlab-ci.yml:1:1: note: GitLab CI is not analysed: seedguard reads GitHub Actions workflows; seeds run from this file are not checked [ci-not-analysed]')
    }
    const json = await run(['check', gitlab, '--format', 'json'])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).findings).toMatchObject([{ ruleId: 'ci-not-analysed', severity: 'note', file: '.gitlab-ci.yml', line: 1, column: 1, message: expect.stringMatching(/^GitLab CI is not analysed/) }])
    const sarif = await run(['check', gitlab, '--format', 'sarif'])
    expect(sarif.code).toBe(0)
    expect(JSON.parse(sarif.stdout).runs[0].results).toMatchObject([{ ruleId: 'ci-not-analysed', level: 'note', locations: [{ physicalLocation: { artifactLocation: { uri: '.gitlab-ci.yml' }, region: { startLine: 1, startColumn: 1 } } }] }])
    const github = await run(['check', fixture('issue-c46-circleci-not-analysed'), '--format', 'github'])
    expect(github.code).toBe(0)
    expect(github.stdout).toMatch(/^::notice file=\.circleci\/config\.yml,line=1,col=1,[^:]*::CircleCI is not analysed/)
    // beside a seed in production, the error still fails the run and the notes ride along
    expect((await run(['check', fixture('ci-not-analysed-beside-workflow')])).code).toBe(1)
  })

  it('exits 2 on usage errors', async () => {
    expect((await run(['check', '--format', 'xml'])).code).toBe(2)
    expect((await run(['check', '/nonexistent/dir'])).code).toBe(2)
    expect((await run(['frobnicate'])).code).toBe(2)
  })

  it('reports a located config error and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedguard-config-'))
    writeFileSync(join(dir, '.seedguard.yml'), 'default-branches: [main]\nproduction-enviroments: [prod]\n')
    const { code, stderr } = (await run(['check', dir]))
    expect(code).toBe(2)
    expect(stderr).toContain('.seedguard.yml:2:1: unknown setting `production-enviroments`')
  })

  it('rejects an allow entry without a reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedguard-config-'))
    writeFileSync(join(dir, '.seedguard.yml'), 'allow:\n  - file: a.yml\n    rule: seed-in-production\n')
    const { code, stderr } = (await run(['check', dir]))
    expect(code).toBe(2)
    expect(stderr).toContain('.seedguard.yml:2:5: an `allow` entry needs a `reason`')
  })

  it('documents itself', async () => {
    expect((await run(['check', '--help'])).stdout).toContain('seedguard-ignore[seed-in-production]')
  })

  it('keeps its version in step with package.json', async () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version)
  })
})
