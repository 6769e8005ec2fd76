import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHECK_HELP } from '../src/cli/check.js'
import { main } from '../src/cli/index.js'
import { VERSION } from '../src/cli/version.js'
import { RULE_IDS } from '../src/model/finding.js'
import { validateSarif } from './report/sarif-schema.js'

async function run(args: string[], cwd = join(import.meta.dirname, '..')) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: { NO_COLOR: '1' } })
  return { code, stdout, stderr }
}

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', 'check', name)
// the fixtures sit inside this repository's git work tree: paths are reported from its top
const inRepo = (name: string, file: string) => `tests/fixtures/check/${name}/${file}`

/** a fixture copied to `under` in a new git work tree, or in a plain directory when `git` is false */
function copyOf(name: string, under: string, git: boolean): string {
  const top = mkdtempSync(join(tmpdir(), 'seedguard-cli-'))
  if (git) execFileSync('git', ['init', '-q', top])
  cpSync(fixture(name), join(top, under), { recursive: true })
  return top
}

function brokenConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seedguard-config-'))
  writeFileSync(join(dir, '.seedguard.yml'), 'default-branches: [main]\nproduction-enviroments: [prod]\n')
  return dir
}

describe('seedguard check (CLI)', () => {
  it('exits 1 with a located finding on a seed in production', async () => {
    const { code, stdout } = (await run(['check', fixture('env-production-run-block'), '--format', 'json']))
    expect(code).toBe(1)
    const json = JSON.parse(stdout)
    expect(json.version).toBe(1)
    expect(json.findings[0]).toMatchObject({ ruleId: 'seed-in-production', severity: 'error', file: inRepo('env-production-run-block', '.github/workflows/deploy.yml'), line: 13, column: 11, endLine: 13, endColumn: 23 })
  })

  it('exits 0 on an honest pipeline', async () => {
    expect((await run(['check', fixture('staging-environment')])).code).toBe(0)
  })

  it('--fail-on never reports without failing; --fail-on warning fails on warnings', async () => {
    expect((await run(['check', fixture('env-production-run-block'), '--fail-on', 'never'])).code).toBe(0)
    expect((await run(['check', fixture('guard-app-env-self-hosted-uncertain')])).code).toBe(0)
    expect((await run(['check', fixture('guard-app-env-self-hosted-uncertain'), '--fail-on', 'warning'])).code).toBe(1)
  })

  it('--rules seed or reset reports only that group: a reset is not a seed, a seed not a reset; anything else is a usage error', async () => {
    const rules = async (group: string) => JSON.parse((await run(['check', fixture('reset-prisma-5-no-seed-configured-wipes'), '--format', 'json', '--rules', group])).stdout).findings.map((f: { ruleId: string }) => f.ruleId)
    expect(await rules('reset')).toEqual(['reset-in-production'])
    expect(await rules('seed,reset')).toEqual(['reset-in-production'])
    expect(await rules('seed')).toEqual([])
    expect((await run(['check', fixture('env-production-run-block'), '--rules', 'reset'])).code).toBe(0)
    const wrong = await run(['check', fixture('env-production-run-block'), '--rules', 'seeds'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('--rules takes seed, reset or both')
  })

  it('notes a CI file it does not read in every format, at its first line, without failing', async () => {
    const woodpecker = fixture('ci-not-analysed-woodpecker')
    for (const failOn of ['error', 'warning']) {
      const text = await run(['check', woodpecker, '--fail-on', failOn])
      expect(text.code).toBe(0)
      expect(text.stdout).toContain(inRepo('ci-not-analysed-woodpecker', '.woodpecker.yml:1:1: note:'))
      expect(text.stdout).toContain('.woodpecker.yml:1:1: note: Woodpecker CI is not analysed: seedguard does not read its configuration; seeds run from this file are not checked [ci-not-analysed]')
    }
    const json = await run(['check', woodpecker, '--format', 'json'])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).findings).toMatchObject([{ ruleId: 'ci-not-analysed', severity: 'note', file: inRepo('ci-not-analysed-woodpecker', '.woodpecker.yml'), line: 1, column: 1, message: expect.stringMatching(/^Woodpecker CI is not analysed/) }])
    const sarif = await run(['check', woodpecker, '--format', 'sarif'])
    expect(sarif.code).toBe(0)
    expect(JSON.parse(sarif.stdout).runs[0].results).toMatchObject([{ ruleId: 'ci-not-analysed', level: 'note', locations: [{ physicalLocation: { artifactLocation: { uri: inRepo('ci-not-analysed-woodpecker', '.woodpecker.yml') }, region: { startLine: 1, startColumn: 1 } } }] }])
    const github = await run(['check', fixture('ci-not-analysed-woodpecker'), '--format', 'github'])
    expect(github.code).toBe(0)
    expect(github.stdout).toMatch(/^::notice file=tests\/fixtures\/check\/ci-not-analysed-woodpecker\/.woodpecker.yml,line=1,col=1,[^:]*::Woodpecker CI is not analysed/)
    // beside a seed in production, the error still fails the run and the notes ride along
    expect((await run(['check', fixture('ci-not-analysed-beside-workflow')])).code).toBe(1)
  })

  it('exits 2 on usage errors', async () => {
    expect((await run(['check', '--format', 'xml'])).code).toBe(2)
    expect((await run(['check', '/nonexistent/dir'])).code).toBe(2)
    expect((await run(['frobnicate'])).code).toBe(2)
  })

  it('reports a located config error and exits 2', async () => {
    const { code, stderr } = await run(['check', brokenConfig()])
    expect(code).toBe(2)
    expect(stderr).toContain('.seedguard.yml:2:1: unknown setting `production-enviroments`')
  })

  it('still writes a document carrying a config error in every machine format (issue 11, item 10)', async () => {
    const dir = brokenConfig()
    const json = await run(['check', dir, '--format', 'json'])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, error: { code: 'config-error', message: expect.stringMatching(/^unknown setting `production-enviroments`/), file: '.seedguard.yml', line: 2, column: 1 }, findings: [] })
    expect(json.stderr).toContain('.seedguard.yml:2:1: unknown setting')
    const sarif = await run(['check', dir, '--format', 'sarif'])
    expect(sarif.code).toBe(2)
    expect(validateSarif(sarif.stdout)).toEqual([])
    const [invocation] = JSON.parse(sarif.stdout).runs[0].invocations
    expect(invocation).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', descriptor: { id: 'config-error' }, locations: [{ physicalLocation: { artifactLocation: { uri: '.seedguard.yml' }, region: { startLine: 2, startColumn: 1 } } }] }] })
    const github = await run(['check', dir, '--format', 'github'])
    expect(github.code).toBe(2)
    expect(github.stdout).toMatch(/^::error file=\.seedguard\.yml,line=2,col=1,endLine=2,endColumn=\d+,title=Invalid seedguard configuration \[config-error\]::unknown setting `production-enviroments`/)
  })

  it('fails an empty directory instead of passing it, in every format (issue 11, item 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedguard-empty-'))
    mkdirSync(join(dir, 'node_modules'))
    const text = await run(['check', dir])
    expect(text.code).toBe(2)
    expect(text.stdout).toBe('')
    expect(text.stderr).toBe(`seedguard: no files in ${dir}, so nothing was checked: did the workflow run actions/checkout before seedguard? Is the path the repository?\n`)
    const json = await run(['check', dir, '--format', 'json'])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'no-files' }, findings: [] })
    const sarif = await run(['check', dir, '--format', 'sarif'])
    expect(validateSarif(sarif.stdout)).toEqual([])
    expect(JSON.parse(sarif.stdout).runs[0].invocations[0].executionSuccessful).toBe(false)
    expect((await run(['check', dir, '--format', 'github'])).stdout).toMatch(/^::error title=Nothing to check \[no-files\]::no files in /)
  })

  it('fails a path it cannot read as a directory, in every format', async () => {
    const file = join(brokenConfig(), '.seedguard.yml')
    for (const [path, reason] of [[file, 'not a directory'], ['/nonexistent/dir', 'no such directory']] as const) {
      const json = await run(['check', path, '--format', 'json'])
      expect(json.code).toBe(2)
      expect(JSON.parse(json.stdout).error).toEqual({ code: 'unreadable-directory', message: `cannot read ${path} (${reason}), so nothing was checked` })
    }
  })

  it('places findings from the top of the git work tree, in every format (issue 11, item 10)', async () => {
    const top = copyOf('env-production-run-block', 'apps/web', true)
    const github = await run(['check', 'apps/web', '--format', 'github'], top)
    expect(github.code).toBe(1)
    expect(github.stdout).toMatch(/^::error file=apps\/web\/\.github\/workflows\/deploy\.yml,line=13,col=11,/)
    const json = JSON.parse((await run(['check', 'apps/web', '--format', 'json'], top)).stdout)
    expect(json.findings[0]).toMatchObject({ file: 'apps/web/.github/workflows/deploy.yml', line: 13 })
    expect(json.findings[0].chain[0].file).toBe('apps/web/.github/workflows/deploy.yml')
    const sarif = JSON.parse((await run(['check', join(top, 'apps', 'web'), '--format', 'sarif'])).stdout)
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('apps/web/.github/workflows/deploy.yml')
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toMatch(new RegExp(`${top}/$`))
    // the code frame still finds the line through the rebased path
    expect((await run(['check', 'apps/web'], top)).stdout).toContain('apps/web/.github/workflows/deploy.yml:13:11: error:')
  })

  it('places findings from the checked directory when no git work tree holds it', async () => {
    const top = copyOf('env-production-run-block', 'apps/web', false)
    const json = JSON.parse((await run(['check', join(top, 'apps', 'web'), '--format', 'json'])).stdout)
    expect(json.findings[0]).toMatchObject({ file: '.github/workflows/deploy.yml', line: 13 })
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

  it('lists the platform files it reads in --help (issue 11, item 11)', () => {
    for (const platform of ['Heroku', 'Render', 'Railway', 'Fly.io', 'Vercel', 'Netlify', 'DigitalOcean', 'Kamal', 'Elastic Beanstalk', 'Kubernetes/Helm', 'Dockerfile', 'compose', 'Makefile']) {
      expect(CHECK_HELP).toContain(platform)
    }
  })

  it('lists in --help and in the README exactly the rules the code can report', () => {
    const section = CHECK_HELP.slice(CHECK_HELP.indexOf('\nRules:\n'), CHECK_HELP.indexOf('\n\n', CHECK_HELP.indexOf('\nRules:\n') + 1))
    const listed = [...section.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1])
    expect(listed.sort()).toEqual([...RULE_IDS].sort())
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')
    const table = readme.slice(readme.indexOf('\n## Rules\n'), readme.indexOf('\n## ', readme.indexOf('\n## Rules\n') + 1))
    expect([...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]).sort()).toEqual([...RULE_IDS].sort())
  })

  it('without arguments: help on stderr, exit 2, since nothing was checked (issue 11, item 11)', async () => {
    const bare = await run([])
    expect(bare.code).toBe(2)
    expect(bare.stdout).toBe('')
    expect(bare.stderr).toContain('Commands:')
    for (const help of [['help'], ['--help'], ['-h']]) {
      const asked = await run(help)
      expect(asked.code).toBe(0)
      expect(asked.stdout).toContain('Commands:')
    }
  })

  it('keeps its version in step with package.json', async () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version)
  })
})
