import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { main } from '../../src/cli/index.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { DiskFiles, MAX_FILE_BYTES, MemoryFiles, type RepoFiles } from '../../src/project/files.js'

// Bad input gets a clear, located error (file:line:col), never a crash or a silent pass. Each
// case states the exact finding. Cases marked BUG are `it.fails`: they state the behaviour the
// project rule asks for, and fail today; see the comment above each for what happens instead.

const isRepoFiles = (files: object): files is RepoFiles => files instanceof MemoryFiles || files instanceof DiskFiles
const check = (files: Record<string, string> | RepoFiles) => runCheck('/repo', isRepoFiles(files) ? files : MemoryFiles.of(files), DEFAULT_CONFIG)

/** `file:line:col: severity [rule]`, the way the golden fixtures spell a finding */
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}: ${f.severity} [${f.rule}]`
const seeds = (findings: Finding[]) => findings.filter((f) => f.rule === 'seed-in-production' || f.rule === 'seed-possibly-in-production')

const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

/** a real directory holding `repo/` (the repository) and `outside/` (anything beyond it) */
function sandbox(): { repo: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'seedguard-robustness-'))
  temps.push(base)
  const repo = join(base, 'repo')
  const outside = join(base, 'outside')
  mkdirSync(repo)
  mkdirSync(outside)
  return { repo, outside }
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

// line 10 is `- run: |`, the block's lines start at line 11, column 11
const prodRun = (...lines: string[]) => `on:
  push:
    branches: [main]
jobs:
  deploy:
    environment: production
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
${lines.map((l) => `          ${l}`).join('\n')}
`

describe('malformed workflow YAML', () => {
  it('an unclosed flow sequence is a parse-error (a warning: GitHub refuses the file) at the line that breaks it', () => {
    const result = check({
      '.github/workflows/deploy.yml': `on: push
jobs:
  prod:
    steps: [
      - run: npm run seed
`,
    })
    expect(result.findings.map(located)).toEqual(['.github/workflows/deploy.yml:5:7: warning [parse-error]'])
    expect(result.findings[0]!.detail).toMatch(/^invalid YAML: /)
    expect(result.stats.contexts).toBe(0)
  })

  it('a tab used as indentation is a parse-error at its line', () => {
    const result = check({ '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n\truns-on: ubuntu-latest\n' })
    expect(result.findings.map(located)).toEqual(['.github/workflows/deploy.yml:4:1: warning [parse-error]'])
    expect(result.findings[0]!.detail).toMatch(/tab/i)
  })

  it('a malformed local composite action used by a production job is a parse-error in the action file', () => {
    const result = check({
      '.github/workflows/deploy.yml': 'on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/db\n',
      '.github/actions/db/action.yml': 'runs:\n  using: composite\n  steps: [\n    - run: npx prisma db seed\n',
    })
    expect(result.findings.filter((f) => f.rule === 'parse-error').map(located)).toEqual(['.github/actions/db/action.yml:4:5: warning [parse-error]'])
  })

  // BUG (location): the yaml parser reports a missing closing quote at the end of the file, and
  // loadWorkflow (src/sources/workflows.ts) passes that offset on, so the finding says 7:1 (the
  // empty last line) instead of 4:14 where the quote opens. Located, but not at the mistake; the
  // shell parser, by contrast, points at the opening quote.
  it('an unterminated quoted scalar is located where the quote opens', () => {
    const result = check({ '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n    runs-on: "ubuntu-latest\n    steps:\n      - run: npx prisma db seed\n' })
    expect(result.findings.map(located)).toEqual(['.github/workflows/deploy.yml:4:14: warning [parse-error]'])
  })
})

describe('malformed package.json', () => {
  it('a missing comma is a parse-error at the JSON error position', () => {
    const result = check({ 'package.json': '{\n  "name": "x",\n  "scripts": {\n    "seed": "prisma db seed"\n    "build": "tsc"\n  }\n}\n' })
    // jsonc-parser reports CommaExpected at the token that needed the comma before it
    expect(result.findings.map(located)).toEqual(['package.json:5:5: warning [parse-error]'])
    expect(result.findings[0]!.detail).toBe('invalid JSON: CommaExpected')
  })

  it('a nested package.json that is not an object is a parse-error at its start', () => {
    const result = check({ 'apps/api/package.json': '[ "not", "an", "object" ]\n' })
    expect(result.findings.map(located)).toEqual(['apps/api/package.json:1:1: warning [parse-error]'])
    expect(result.findings[0]!.detail).toMatch(/not a JSON object/)
  })

  // BUG (silent pass at the gate): `seedguard check --help` says parse-error is "an error when it
  // is a deploy path", but check.ts turns every Project problem into a *warning*. Here the
  // production job runs `npm run deploy` from a package.json that does not parse: the result is two
  // warnings (the parse-error, and "no package.json for `npm run` in ." — misleading, the file is
  // there), so with the default `--fail-on error` the deploy passes although seedguard could not
  // read the script it runs.
  it('a malformed package.json whose script a production job runs is an error', () => {
    const result = check({ '.github/workflows/deploy.yml': prodRun('npm run deploy'), 'package.json': '{ "scripts": { "deploy": "prisma db seed" "x": 1 } }\n' })
    expect(result.findings.map(located)).toContain('package.json:1:43: error [parse-error]')
  })
})

describe('an unterminated quote in a run: block of a production job', () => {
  it('is a parse-error (error) at the quote, inside the run block; the commands before it are still walked', () => {
    const text = prodRun('npm ci', 'npx prisma db seed', 'echo "deployed', 'npx prisma migrate deploy')
    const result = check({ '.github/workflows/deploy.yml': text })
    expect(result.findings.map(located)).toEqual(['.github/workflows/deploy.yml:12:11: error [seed-in-production]', '.github/workflows/deploy.yml:13:16: error [parse-error]'])
    const error = result.findings[1]!
    expect(error.detail).toMatch(/^shell syntax: unterminated double quote/)
    expect(text.split('\n')[error.primary.start.line - 1]![error.primary.start.column - 1]).toBe('"')
  })

  it('in a package.json script run by a production job, is located at the escaped quote inside the JSON string', () => {
    const pkg = '{\n  "scripts": {\n    "deploy": "echo \\"oops && prisma db seed"\n  }\n}\n'
    const result = check({ '.github/workflows/deploy.yml': prodRun('npm run deploy'), 'package.json': pkg })
    expect(result.findings.map(located)).toEqual(['package.json:3:22: error [parse-error]'])
    expect(pkg.split('\n')[2]!.slice(20, 22)).toBe('\\"')
  })
})

describe('YAML alias bombs', () => {
  const letters = 'abcdefghi'
  // the classic "billion laughs": 9 levels of 9 aliases, 9^9 "lol"s if expanded
  let laughs = 'x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
  for (let i = 1; i < 9; i++) laughs += `x-${letters[i]}: &${letters[i]} [${Array(9).fill(`*${letters[i - 1]}`).join(', ')}]\n`
  // the same with merge keys, which the checker does expand: 9 levels of `<<: [9 aliases]`
  let merges = 'x-a: &a {k0: lol}\n'
  for (let i = 1; i < 9; i++) merges += `x-${letters[i]}: &${letters[i]}\n  <<: [${Array(9).fill(`*${letters[i - 1]}`).join(', ')}]\n  k${i}: lol\n`

  it('the billion laughs, used as steps, env, matrix and merge key of a production job, returns a bounded result', () => {
    const result = check({
      '.github/workflows/deploy.yml': `${laughs}on:
  push:
    branches: [main]
jobs:
  deploy:
    <<: *i
    environment: production
    runs-on: ubuntu-latest
    env: *i
    strategy:
      matrix:
        target: *i
    steps:
      - run: npx prisma db seed
      - *i
`,
    })
    expect(result.stats.contexts).toBeLessThanOrEqual(64)
    expect(result.findings.length).toBeLessThanOrEqual(10)
    // the plain step is still seen
    expect(result.findings.map(located)).toEqual(['.github/workflows/deploy.yml:23:14: error [seed-in-production]'])
  })

  it('a merge-key bomb returns a bounded result and still sees steps written without aliases', () => {
    const result = check({
      '.github/workflows/deploy.yml': `${merges}on:
  push:
    branches: [main]
jobs:
  deploy:
    <<: *i
    environment: production
    runs-on: ubuntu-latest
    env:
      <<: *i
    strategy:
      matrix:
        <<: *i
    steps:
      - run: npx knex seed:run
`,
    })
    expect(result.stats.contexts).toBeLessThanOrEqual(64)
    expect(result.findings.length).toBeLessThanOrEqual(10)
    expect(seeds(result.findings).map(located)).toEqual(['.github/workflows/deploy.yml:40:14: error [seed-in-production]'])
  })

  // BUG (silent pass): YamlView (src/util/yaml.ts) counts alias resolutions per document and,
  // past MAX_ALIAS_RESOLUTIONS, deref() returns undefined for *every* alias, silently. A merge
  // bomb under `env:` exhausts the budget, after which the ordinary `- *seed` step resolves to
  // nothing: the prisma seed (found when the bomb is removed) disappears, and no finding says the
  // file was only partly read. Expected: the seed is still reported, or a located finding says
  // the alias limit was hit.
  it('a merge-key bomb does not silently hide an aliased seed step', () => {
    const workflow = `${merges}x-seed: &seed
  run: npx prisma db seed
on:
  push:
    branches: [main]
jobs:
  deploy:
    environment: production
    runs-on: ubuntu-latest
    env:
      <<: *i
    steps:
      - *seed
`
    // without the bomb the aliased step is a seed in production
    expect(seeds(check({ '.github/workflows/deploy.yml': workflow.replace('<<: *i', 'A: b') }).findings)).toHaveLength(1)
    const result = check({ '.github/workflows/deploy.yml': workflow })
    const told = result.findings.some((f) => /alias/i.test(f.detail ?? ''))
    expect(seeds(result.findings).length > 0 || told).toBe(true)
  })

  it('a workflow nested 20,000 levels deep is a located parse-error, not a stack overflow', () => {
    const depth = 20_000
    const result = check({ '.github/workflows/deploy.yml': `on: push\njobs:\n  deploy:\n    runs-on: ${'['.repeat(depth)}${']'.repeat(depth)}\n` })
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({ rule: 'parse-error', severity: 'warning', primary: { file: '.github/workflows/deploy.yml', start: { line: 4 } } })
  })
})

describe(`files over MAX_FILE_BYTES (${MAX_FILE_BYTES} bytes)`, () => {
  const padding = (bytes: number) => `# ${'x'.repeat(bytes)}\n`

  it('a workflow over the limit is not read, and says so with a parse-error at 1:1 naming the limit', () => {
    const { repo } = sandbox()
    write(repo, { '.github/workflows/deploy.yml': prodRun('npx prisma db seed') + padding(MAX_FILE_BYTES) })
    const result = check(new DiskFiles(repo))
    expect(result.findings.map(located)).toEqual(['.github/workflows/deploy.yml:1:1: error [parse-error]'])
    expect(result.findings[0]!.detail).toBe('cannot be read: larger than the 2 MiB limit (2.0 MiB)')
  })

  it('a package.json over the limit is an error at the file, reached through the production job’s `npm run`', () => {
    const pkg = JSON.stringify({ scripts: { deploy: 'prisma db seed' }, description: 'x'.repeat(MAX_FILE_BYTES) })
    const result = check({ '.github/workflows/deploy.yml': prodRun('npm run deploy'), 'package.json': pkg })
    expect(result.findings.map(located)).toEqual(['package.json:1:1: error [parse-error]'])
    const [finding] = result.findings
    // not "no package.json for `npm run`": the file is there, and too large to read
    expect(finding!.detail).toBe('package.json: cannot be read: larger than the 2 MiB limit (2.0 MiB)')
    expect(finding!.chain.map((hop) => `${hop.span.file}:${hop.span.start.line}`)).toEqual(['.github/workflows/deploy.yml:5', '.github/workflows/deploy.yml:10', '.github/workflows/deploy.yml:11', 'package.json:1'])
  })

  it('a shell script over the limit on a production path is an error at the script, with the path to it', () => {
    const { repo } = sandbox()
    write(repo, { '.github/workflows/deploy.yml': prodRun('bash scripts/deploy.sh'), 'scripts/deploy.sh': '#!/bin/sh\nnpx prisma db seed\n' + padding(3 * 1024 * 1024) })
    const result = check(new DiskFiles(repo))
    expect(result.findings.map(located)).toEqual(['scripts/deploy.sh:1:1: error [parse-error]'])
    expect(result.findings[0]!.detail).toBe('scripts/deploy.sh: cannot be read: larger than the 2 MiB limit (3.0 MiB)')
    expect(result.findings[0]!.chain.at(-2)!.label).toBe('`bash scripts/deploy.sh`')
  })
})

describe('symlinks leaving the repository', () => {
  function linkedRepo(kind: 'file' | 'directory'): DiskFiles {
    const { repo, outside } = sandbox()
    write(outside, { 'deploy.sh': '#!/bin/sh\nnpx prisma db seed\n' })
    write(repo, { '.github/workflows/deploy.yml': prodRun('bash scripts/deploy.sh') })
    if (kind === 'file') {
      mkdirSync(join(repo, 'scripts'))
      symlinkSync(join(outside, 'deploy.sh'), join(repo, 'scripts', 'deploy.sh'))
    } else symlinkSync(outside, join(repo, 'scripts'))
    return new DiskFiles(repo)
  }

  it('control: a symlinked script inside the repository is followed', () => {
    const { repo } = sandbox()
    write(repo, { '.github/workflows/deploy.yml': prodRun('bash scripts/deploy.sh'), 'scripts/real.sh': '#!/bin/sh\nnpx prisma db seed\n' })
    symlinkSync('real.sh', join(repo, 'scripts', 'deploy.sh'))
    expect(seeds(check(new DiskFiles(repo)).findings).map(located)).toEqual(['.github/workflows/deploy.yml:11:11: error [seed-in-production]'])
  })

  it('a symlinked script pointing outside the repository is not followed: no seed from outside', () => {
    const files = linkedRepo('file')
    expect(files.read('scripts/deploy.sh')).toBeUndefined()
    expect(seeds(check(files).findings)).toEqual([])
  })

  it('a symlinked script pointing outside the repository, on a production path, is an error at the link', () => {
    const result = check(linkedRepo('file'))
    expect(result.findings.map(located)).toEqual(['scripts/deploy.sh:1:1: error [parse-error]'])
    expect(result.findings[0]!.detail).toBe('scripts/deploy.sh: cannot be read: a symbolic link leading outside the repository')
  })

  // BUG (symlink followed out of the repository): DiskFiles.read (src/project/files.ts) only
  // lstat()s the last component of the path. When a *directory* on the path is a symlink leaving
  // the repository (`scripts -> ../outside`), the file is read through it: the walk does not list
  // it, but `bash scripts/deploy.sh` reads ../outside/deploy.sh and reports its seed as
  // scripts/deploy.sh:2. Checking realpath(full) against the real root for every read fixes it.
  it('a symlinked directory leaving the repository is not followed', () => {
    const files = linkedRepo('directory')
    expect(files.read('scripts/deploy.sh')).toBeUndefined()
    expect(seeds(check(files).findings)).toEqual([])
  })
})

describe('script cycles', () => {
  it('a.sh → b.sh → a.sh from a production job terminates with a script-cycle warning, and the seed in a.sh is still found', () => {
    const result = check({
      '.github/workflows/deploy.yml': prodRun('bash scripts/a.sh'),
      'scripts/a.sh': '#!/bin/sh\nbash scripts/b.sh\nnpx prisma db seed\n',
      'scripts/b.sh': '#!/bin/sh\nbash scripts/a.sh\n',
    })
    expect(result.findings.map(located)).toEqual(['scripts/a.sh:3:1: error [seed-in-production]', 'scripts/b.sh:2:6: warning [script-cycle]'])
    expect(result.findings[1]!.detail).toBe('scripts/a.sh runs itself again; the cycle stops here')
  })

  it('a script that runs itself is a script-cycle at the call', () => {
    const result = check({ '.github/workflows/deploy.yml': prodRun('./scripts/loop.sh'), 'scripts/loop.sh': '#!/bin/sh\necho again\n./scripts/loop.sh\n' })
    expect(result.findings.map(located)).toEqual(['scripts/loop.sh:3:1: warning [script-cycle]'])
  })

  it('a cycle through a package.json script and a shell script terminates', () => {
    const result = check({
      '.github/workflows/deploy.yml': prodRun('npm run release'),
      'package.json': '{ "scripts": { "release": "bash scripts/release.sh" } }\n',
      'scripts/release.sh': '#!/bin/sh\nnpm run release\n',
    })
    expect(result.findings.map(located)).toEqual(['package.json:1:27: warning [script-cycle]'])
  })
})

describe('seedguard check (CLI) on bad config input', () => {
  /** main() with captured output; a throw is caught and returned, so the assertion names it */
  async function run(dir: string): Promise<{ code?: number; stdout: string; stderr: string; threw?: string }> {
    let stdout = ''
    let stderr = ''
    try {
      const code = await main(['check', dir], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir, env: { NO_COLOR: '1' } })
      return { code, stdout, stderr }
    } catch (error) {
      return { stdout, stderr, threw: String(error) }
    }
  }

  // BUG (crash): loadConfig (src/config/load.ts readYamlConfig) calls doc.toJS({ maxAliasCount:
  // 1000 }); an alias bomb in .seedguard.yml makes yaml throw ReferenceError "Excessive alias count
  // indicates a resource exhaustion attack", which is not a ConfigError, so check() rethrows it
  // and main() rejects (bin.ts prints "internal error", exit 2, no location).
  it('an alias bomb in .seedguard.yml is a located config error, not a crash', async () => {
    const { repo } = sandbox()
    let bomb = 'x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
    for (const [i, l] of [...'bcdefghi'].entries()) bomb += `x-${l}: &${l} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]\n`
    write(repo, { '.seedguard.yml': `${bomb}ignore: *i\n` })
    const { code, stderr, threw } = await run(repo)
    expect(threw).toBeUndefined()
    expect(code).toBe(2)
    expect(stderr).toMatch(/\.seedguard\.yml:\d+:\d+: /)
  })

  // BUG (crash): the seedguard key of package.json is found with jsonc-parser (comments and
  // trailing commas allowed) and then re-parsed with JSON.parse in readJsonConfig
  // (src/config/load.ts), which throws SyntaxError: main() rejects instead of reading the config or
  // reporting a located error. (runCheck has the same bug in readPackageJson; see fuzz.test.ts.)
  it('a comment in the package.json seedguard key does not crash the CLI', async () => {
    const { repo } = sandbox()
    write(repo, { 'package.json': '{\n  "seedguard": {\n    // production is called live here\n    "production-environments": ["live"]\n  }\n}\n' })
    const { code, stderr, threw } = await run(repo)
    expect(threw).toBeUndefined()
    expect(code === 0 || /package\.json:\d+:\d+: /.test(stderr)).toBe(true)
  })
})
