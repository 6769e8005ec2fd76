import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { removeCliBundle, Repo } from './repo.js'

// seedguard run by the hook managers teams already use (issue 11, "The package a user installs"):
// pre-commit through .pre-commit-hooks.yaml, lefthook through the README's snippet. Each runs for
// real where the tool is installed (pre-commit: Debian's package; lefthook: on PATH or at
// LEFTHOOK_BIN), and is emulated otherwise exactly as the tool's documented contract says.

const ROOT = join(import.meta.dirname, '../..')
const WORKFLOW = '.github/workflows/deploy.yml'
const workflow = (command: string) => `on: [push]\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${command}\n`
const PACKAGE = `${JSON.stringify({ name: 'app', private: true, scripts: { build: 'tsc', seed: 'knex seed:run' } })}\n`

const [manifestHook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[]
const lefthookConfig = /```yaml\n(# lefthook\.yml\n[\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1]
const lefthookCommand = lefthookConfig === undefined ? undefined : (parse(lefthookConfig) as { 'pre-push': { commands: { seedguard: { run: string; use_stdin: boolean } } } })['pre-push'].commands.seedguard

const which = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim() || undefined
const PRE_COMMIT = which('pre-commit')
const LEFTHOOK = process.env.LEFTHOOK_BIN ?? which('lefthook')

let repos: Repo[] = []
afterEach(() => {
  for (const repo of repos) repo.cleanup()
  repos = []
})
afterAll(removeCliBundle)

/** a repository whose clean deploy workflow is on origin/main, seedguard on node_modules/.bin and on PATH */
async function setUp(): Promise<Repo> {
  const repo = await Repo.create()
  repos.push(repo)
  repo.env.PATH = `${join(repo.work, 'node_modules/.bin')}:${repo.env.PATH}`
  repo.write('package.json', PACKAGE)
  repo.write(WORKFLOW, workflow('npm run build'))
  repo.commit('deploy workflow')
  expect(repo.push('-q', 'origin', 'main').status).toBe(0)
  return repo
}

const rev = (repo: Repo, name: string) => repo.git(['rev-parse', name])

describe('pre-commit: .pre-commit-hooks.yaml', () => {
  it('declares a pre-push hook that runs once per push, on no file list', () => {
    expect(manifestHook).toMatchObject({ id: 'seedguard', entry: 'seedguard hook pre-push', language: 'node', stages: ['pre-push'], pass_filenames: false, always_run: true })
  })

  // pre-commit's contract (pre_commit/commands/hook_impl.py `_pre_push_ns`, run.py): it reads
  // git's lines itself, gives the hook no stdin, and sets PRE_COMMIT=1 and, for the first ref
  // that sends commits, PRE_COMMIT_FROM_REF / _TO_REF / _LOCAL_BRANCH / _REMOTE_BRANCH /
  // _REMOTE_NAME / _REMOTE_URL; a push down to a root commit gets the branches only.
  const emulate = (repo: Repo, env: Record<string, string>) => {
    const [command, ...args] = String(manifestHook!.entry).split(' ')
    const run = spawnSync(command!, args, { cwd: repo.work, env: { ...repo.env, PRE_COMMIT: '1', ...env }, encoding: 'utf8', input: '' })
    return { status: run.status, stderr: run.stderr }
  }

  it('the entry reads the push from pre-commit\'s variables (emulated): a seeding tip is blocked, a fixed one passes', async () => {
    const repo = await setUp()
    const base = rev(repo, 'HEAD')
    repo.write(WORKFLOW, workflow('npm run seed'))
    const bad = repo.commit('seed in production')
    const push = { PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/main', PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/main', PRE_COMMIT_REMOTE_NAME: 'origin', PRE_COMMIT_REMOTE_URL: repo.remote }
    const blocked = emulate(repo, { ...push, PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: bad })
    expect(blocked.status).toBe(1)
    expect(blocked.stderr).toContain(`seedguard: refs/heads/main at commit ${bad.slice(0, 12)}`)
    expect(blocked.stderr).toContain(`[seed-in-production]: introduced by commit ${bad.slice(0, 12)}`)
    // a manual `pre-commit run --hook-stage pre-push --from-ref origin/main --to-ref HEAD`: names, no branches
    expect(emulate(repo, { PRE_COMMIT_FROM_REF: 'origin/main', PRE_COMMIT_TO_REF: 'HEAD' }).stderr).toContain(`seedguard: HEAD at commit ${bad.slice(0, 12)}`)
    // a run with no refs at all (`--all-files`) checks HEAD rather than nothing
    expect(emulate(repo, {}).status).toBe(1)
    repo.write(WORKFLOW, workflow('npm run build'))
    const fix = repo.commit('undo the seed')
    expect(emulate(repo, { ...push, PRE_COMMIT_FROM_REF: base, PRE_COMMIT_TO_REF: fix })).toEqual({ status: 0, stderr: '' })
  })

  it('a push of a whole new history (branches only, no refs) is checked too (emulated)', async () => {
    const repo = await setUp()
    repo.git(['checkout', '-q', '--orphan', 'fresh'])
    repo.write(WORKFLOW, workflow('npm run seed'))
    const root = repo.commit('new history')
    const run = emulate(repo, { PRE_COMMIT_LOCAL_BRANCH: 'refs/heads/fresh', PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/fresh', PRE_COMMIT_REMOTE_NAME: 'origin', PRE_COMMIT_REMOTE_URL: repo.remote })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`[seed-in-production]: introduced by commit ${root.slice(0, 12)}`)
  })

  it.skipIf(!PRE_COMMIT)('with pre-commit itself: installed as a pre-push hook, it blocks a seeding push and lets the fix through', async () => {
    const repo = await setUp()
    const version = /(\d+)\.(\d+)/.exec(repo.run(PRE_COMMIT!, ['--version']).stdout)!.slice(1).map(Number)
    // the manifest's hook as a local one (installing `language: node` would fetch seedguard from
    // the registry); before 3.2.0 the stage was named `push`
    const { minimum_pre_commit_version: _, ...hook } = manifestHook!
    const stage = version[0]! > 3 || (version[0] === 3 && version[1]! >= 2) ? 'pre-push' : 'push'
    repo.write('.pre-commit-config.yaml', stringify({ repos: [{ repo: 'local', hooks: [{ ...hook, language: 'system', stages: [stage] }] }] }))
    repo.commit('pre-commit config')
    const install = repo.run(PRE_COMMIT!, ['install', '--hook-type', 'pre-push'])
    expect(install.status, install.stderr).toBe(0)
    expect(repo.push('-q', 'origin', 'main').status).toBe(0)

    repo.write(WORKFLOW, workflow('npm run seed'))
    const bad = repo.commit('seed in production')
    const push = repo.push('origin', 'main')
    expect(push.status).not.toBe(0)
    expect(push.stdout + push.stderr).toContain(`[seed-in-production]: introduced by commit ${bad.slice(0, 12)}`)
    expect(repo.remoteHas('main')).not.toBe(bad)
    repo.write(WORKFLOW, workflow('npm run build'))
    const fix = repo.commit('undo the seed')
    const fixed = repo.push('origin', 'main')
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0)
    expect(repo.remoteHas('main')).toBe(fix)
  })
})

describe('lefthook: the README snippet', () => {
  it('is a pre-push command that gets git\'s stdin', () => {
    expect(lefthookCommand).toEqual({ run: 'npx --no-install seedguard hook pre-push', use_stdin: true })
  })

  // lefthook's contract (https://lefthook.dev/configuration/use_stdin.html, /configuration/run.html):
  // `run` goes to `sh -c` in the repository's root, with git's stdin when `use_stdin` is true
  it('its command blocks a seeding push when handed git\'s pre-push lines (emulated)', async () => {
    const repo = await setUp()
    const base = rev(repo, 'HEAD')
    repo.write(WORKFLOW, workflow('npm run seed'))
    const bad = repo.commit('seed in production')
    const line = (tip: string) => `refs/heads/main ${tip} refs/heads/main ${base}\n`
    const sh = (input: string) => spawnSync('sh', ['-c', lefthookCommand!.run], { cwd: repo.work, env: repo.env, encoding: 'utf8', input })
    const blocked = sh(line(bad))
    expect(blocked.status).toBe(1)
    expect(blocked.stderr).toContain(`[seed-in-production]: introduced by commit ${bad.slice(0, 12)}`)
    repo.write(WORKFLOW, workflow('npm run build'))
    expect(sh(line(repo.commit('undo the seed'))).status).toBe(0)
  })

  it.skipIf(!LEFTHOOK)('with lefthook itself: installed from lefthook.yml, it blocks a seeding push and lets the fix through', async () => {
    const repo = await setUp()
    repo.write('lefthook.yml', lefthookConfig!)
    repo.commit('lefthook config')
    const install = repo.run(LEFTHOOK!, ['install'])
    expect(install.status, install.stderr).toBe(0)
    repo.write(WORKFLOW, workflow('npm run seed'))
    const bad = repo.commit('seed in production')
    const push = repo.push('origin', 'main')
    expect(push.status).not.toBe(0)
    expect(push.stdout + push.stderr).toContain(`[seed-in-production]: introduced by commit ${bad.slice(0, 12)}`)
    repo.write(WORKFLOW, workflow('npm run build'))
    const fix = repo.commit('undo the seed')
    const fixed = repo.push('origin', 'main')
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0)
    expect(repo.remoteHas('main')).toBe(fix)
  })
})
