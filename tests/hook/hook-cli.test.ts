import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index.js'
import type { HookIo } from '../../src/cli/hook.js'
import { removeCliBundle, Repo } from './repo.js'

const Z40 = '0'.repeat(40)
const Z64 = '0'.repeat(64)

/** the hook in-process, with git's input handed in as its stdin */
async function hook(input: string, cwd: string, args: string[] = ['pre-push', 'origin', '/tmp/remote.git'], isTTY = false) {
  let stdout = ''
  let stderr = ''
  const stdin = Object.assign((async function* () {
    if (input !== '') yield Buffer.from(input)
  })(), { isTTY })
  const io: HookIo = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: { NO_COLOR: '1' }, stdin }
  const code = await main(['hook', ...args], io)
  return { code, stdout, stderr }
}

const notARepo = mkdtempSync(join(tmpdir(), 'seedguard-nogit-'))
const repos: Repo[] = []
afterAll(() => {
  repos.forEach((r) => r.cleanup())
  rmSync(notARepo, { recursive: true, force: true })
  removeCliBundle()
})

describe('seedguard hook pre-push: input and failure modes', () => {
  it('empty input: nothing to check, exit 0, silent', async () => {
    expect(await hook('', notARepo)).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(await hook('\n', notARepo)).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('deletions only (SHA-1 and SHA-256 zeros): nothing to check, git not even asked', async () => {
    const input = `(delete) ${Z40} refs/heads/old ${'a'.repeat(40)}\n(delete) ${Z64} refs/heads/older ${'b'.repeat(64)}\n`
    expect(await hook(input, notARepo)).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('at a terminal there is no git input to wait for', async () => {
    const run = await hook('', notARepo, undefined, true)
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('no input from git')
  })

  it('unreadable input fails closed with one line', async () => {
    const run = await hook('refs/heads/main deadbeef\n', notARepo)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('seedguard: cannot read the push: line 1 of the pre-push input is not `<local ref> <local sha> <remote ref> <remote sha>`: "refs/heads/main deadbeef"; push blocked (in a real emergency: git push --no-verify)\n')
  })

  it('outside a git repository: exit 2, one line, no stack trace', async () => {
    const run = await hook(`refs/heads/main ${'a'.repeat(40)} refs/heads/main ${Z40}\n`, notARepo)
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')).toHaveLength(2)
    expect(run.stderr).toMatch(/^seedguard: cannot check this push: not a git repository.*; push blocked \(in a real emergency: git push --no-verify\)\n$/)
  })

  it('an object the repository does not have: exit 2', async () => {
    const repo = await Repo.create()
    repos.push(repo)
    const run = await hook(`refs/heads/main ${'a'.repeat(40)} refs/heads/main ${Z40}\n`, repo.work)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`refs/heads/main points at ${'a'.repeat(40)}, which is not in this repository`)
  })

  it('exit codes through the built CLI: 0 clean, 1 a seeding commit, 2 a broken config', async () => {
    const repo = await Repo.create()
    repos.push(repo)
    const line = () => `refs/heads/main ${repo.git(['rev-parse', 'HEAD'])} refs/heads/main ${Z40}\n`
    expect(repo.seedguard(['hook', 'pre-push'], repo.work, line()).status).toBe(0)
    repo.write('package.json', '{ "scripts": { "seed": "prisma db seed" }, "prisma": { "seed": "node prisma/seed.js" } }\n')
    repo.write('.github/workflows/deploy.yml', 'on: [push]\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run seed\n')
    repo.commit('seed in production')
    const blocked = repo.seedguard(['hook', 'pre-push'], repo.work, line())
    expect(blocked.status).toBe(1)
    expect(blocked.stdout).toBe('')
    expect(blocked.stderr).toContain('push blocked: the pushed tip would let a seed command reach production')
    repo.write('.seedguard.yml', 'allow: [oops\n')
    repo.commit('broken config')
    const broken = repo.seedguard(['hook', 'pre-push'], repo.work, line())
    expect(broken.status).toBe(2)
    expect(broken.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('usage: only pre-push; --help and `help hook` document it', async () => {
    expect((await hook('', notARepo, ['pre-commit'])).code).toBe(2)
    expect((await hook('', notARepo, [])).stderr).toContain('which hook?')
    expect((await hook('', notARepo, ['--help'])).stdout).toContain('git push --no-verify')
    let out = ''
    await main(['help', 'hook'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => {} }, cwd: notARepo, env: {} })
    expect(out).toContain('Usage: seedguard hook pre-push')
  })
})
