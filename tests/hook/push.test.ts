import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { removeCliBundle, Repo } from './repo.js'

// a production job that seeds, and the same job without the seed
const PACKAGE = `${JSON.stringify({ name: 'app', private: true, scripts: { build: 'tsc', seed: 'tsx prisma/seed.ts' } }, null, 2)}\n`
const workflow = (command: string) => `name: Deploy
on: [push]
jobs:
  prod:
    environment: production
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          npm ci
          ${command}
`
const BAD = workflow('npm run seed')
const CLEAN = workflow('npm run build')
const WORKFLOW = '.github/workflows/deploy.yml'

let repos: Repo[] = []
afterEach(() => {
  for (const repo of repos) repo.cleanup()
  repos = []
})
afterAll(removeCliBundle)

/** a repository whose clean deploy workflow is on origin/main, with the plain git hook installed by `init` */
async function setUp(): Promise<Repo> {
  const repo = await Repo.create()
  repos.push(repo)
  expect(repo.seedguard(['init']).status).toBe(0)
  repo.write('package.json', PACKAGE)
  repo.write(WORKFLOW, CLEAN)
  repo.commit('deploy workflow')
  expect(repo.push('-q', 'origin', 'main').status).toBe(0)
  return repo
}

function expectBlocked(push: { status: number | null; stderr: string }, commit: string, ref: string): void {
  expect(push.status).not.toBe(0)
  expect(push.stderr).toContain(`commit ${commit.slice(0, 12)}`)
  expect(push.stderr).toContain(`(${ref})`)
  expect(push.stderr).toContain(`${WORKFLOW}:11:11: error: `)
  expect(push.stderr).toContain('[seed-in-production]')
  expect(push.stderr).toContain('git push --no-verify')
  expect(push.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/)
}

describe('pre-push hook in a real repository (plain git hook from `seedguard init`)', () => {
  it('installs an executable hook that is the packaged hooks/pre-push', async () => {
    const repo = await setUp()
    const hook = join(repo.work, '.git/hooks/pre-push')
    expect(statSync(hook).mode & 0o111).toBe(0o111)
    expect(repo.read('.git/hooks/pre-push')).toBe(readFileSync(join(import.meta.dirname, '../../hooks/pre-push'), 'utf8'))
  })

  it('rejects a push whose commit seeds production, and the remote keeps its old tip', async () => {
    const repo = await setUp()
    const before = repo.remoteHas('main')
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    const push = repo.push('origin', 'main')
    expectBlocked(push, bad, 'refs/heads/main')
    expect(push.stderr).toContain('"seed after deploy"')
    expect(repo.remoteHas('main')).toBe(before)
    // the way out that the message names works
    expect(repo.push('-q', '--no-verify', 'origin', 'main').status).toBe(0)
    expect(repo.remoteHas('main')).toBe(bad)
  })

  it('accepts a clean commit while the working tree holds an uncommitted violation', async () => {
    const repo = await setUp()
    repo.write('README.md', '# app\n\nclean change\n')
    const clean = repo.commit('docs')
    repo.write(WORKFLOW, BAD)
    const push = repo.push('origin', 'main')
    expect(push.stderr).not.toContain('push blocked')
    expect(push.status).toBe(0)
    expect(repo.remoteHas('main')).toBe(clean)
  })

  it('does not let an uncommitted fix carry a bad commit through', async () => {
    const repo = await setUp()
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    repo.write(WORKFLOW, CLEAN)
    expectBlocked(repo.push('origin', 'main'), bad, 'refs/heads/main')
  })

  it('checks every pushed commit, not only the tip: a seed added and removed again is still reported', async () => {
    const repo = await setUp()
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    repo.write(WORKFLOW, CLEAN)
    repo.commit('undo the seed')
    const push = repo.push('origin', 'main')
    expectBlocked(push, bad, 'refs/heads/main')
    expect(push.stderr).toContain('1 of 2 pushed commits')
  })

  it('follows merges: a seeding commit on a merged side branch is reported', async () => {
    const repo = await setUp()
    repo.git(['checkout', '-q', '-b', 'side'])
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    repo.write(WORKFLOW, CLEAN)
    repo.commit('undo the seed')
    repo.git(['checkout', '-q', 'main'])
    repo.write('README.md', '# app\n\nclean change\n')
    repo.commit('docs')
    repo.git(['merge', '-q', '--no-edit', 'side'])
    const push = repo.push('origin', 'main')
    expectBlocked(push, bad, 'refs/heads/main')
    expect(push.stderr).toContain('1 of 4 pushed commits')
  })

  it('skips deletions: deleting a branch whose tip seeds is allowed', async () => {
    const repo = await setUp()
    repo.git(['checkout', '-q', '-b', 'demo'])
    repo.write(WORKFLOW, BAD)
    repo.commit('demo seeds')
    expect(repo.push('-q', '--no-verify', 'origin', 'demo').status).toBe(0)
    const push = repo.push('origin', '--delete', 'demo')
    expect(push.status).toBe(0)
    expect(repo.remoteHas('demo')).toBeUndefined()
  })

  it('checks a new branch: its tip, and its commits that no remote-tracking ref has', async () => {
    const repo = await setUp()
    repo.git(['checkout', '-q', '-b', 'feature'])
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    repo.write(WORKFLOW, CLEAN)
    const tip = repo.commit('undo the seed')
    expectBlocked(repo.push('origin', 'feature'), bad, 'refs/heads/feature')
    expect(repo.remoteHas('feature')).toBeUndefined()
    // a new branch of already-pushed, clean history goes through
    repo.git(['branch', 'clean-copy', 'main'])
    expect(repo.push('origin', 'clean-copy').status).toBe(0)
    expect(tip).not.toBe(bad)
  })

  it('bounds a new branch of a long history at 100 commits, and says so', async () => {
    const repo = await setUp()
    // 120 commits at once through fast-import: a long history the remote has never seen
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
    const stream = Array.from({ length: 120 }, (_, i) => `commit refs/heads/long\ncommitter T <t@e> ${1700000000 + i} +0000\n${data(`c${i}`)}${i === 0 ? 'from refs/heads/main^0\n' : ''}M 644 inline README.md\n${data(`${i}`)}\n`)
    repo.git(['fast-import', '--quiet'], repo.work, stream.join(''))
    const push = repo.push('origin', 'long')
    expect(push.status).toBe(0)
    expect(push.stderr).toContain('seedguard: refs/heads/long: checked its newest 100 new commits; older ones were not checked')
  })

  it('checks tags: an annotated tag on a seeding commit is rejected, a tag on a clean one is not', async () => {
    const repo = await setUp()
    repo.git(['tag', 'v1.0.0'])
    expect(repo.push('origin', 'v1.0.0').status).toBe(0)
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    expect(repo.push('-q', '--no-verify', 'origin', 'main').status).toBe(0)
    // the commit is on the remote already; the tag (which may trigger a release deploy) is new
    repo.git(['tag', '-a', '-m', 'release', 'v1.1.0'])
    expectBlocked(repo.push('origin', 'v1.1.0'), bad, 'refs/tags/v1.1.0')
    expect(repo.remoteHas('refs/tags/v1.1.0')).toBeUndefined()
  })

  it('checks every ref of a push and names the one that seeds', async () => {
    const repo = await setUp()
    repo.git(['checkout', '-q', '-b', 'feature'])
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    repo.git(['checkout', '-q', 'main'])
    repo.write('README.md', '# app\n\nclean change\n')
    repo.commit('docs')
    const push = repo.push('origin', 'main', 'feature', 'refs/heads/main:refs/heads/release')
    expectBlocked(push, bad, 'refs/heads/feature')
    expect(push.stderr).not.toContain('(refs/heads/main)')
    // git sends all or nothing: the clean ref is held back with the bad one
    expect(repo.remoteHas('feature')).toBeUndefined()
  })

  it('names every ref that sends a seeding commit, and checks that commit once', async () => {
    const repo = await setUp()
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    const push = repo.push('origin', 'main', 'main:refs/heads/release')
    expectBlocked(push, bad, 'refs/heads/main, refs/heads/main → refs/heads/release')
    expect(push.stderr).toContain('1 of 1 pushed commit would')
  })

  it('fails closed on a broken config in the pushed commit: exit 2, one located line, no stack', async () => {
    const repo = await setUp()
    repo.write('.seedguard.yml', 'production-enviroments: [prod]\n')
    const commit = repo.commit('typo in config')
    const push = repo.push('origin', 'main')
    expect(push.status).not.toBe(0)
    const lines = push.stderr.split('\n').filter((l) => l.startsWith('seedguard'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(`seedguard: ${commit.slice(0, 12)} (refs/heads/main): .seedguard.yml:1:1: unknown setting \`production-enviroments\``)
    expect(lines[0]).toMatch(/; push blocked \(in a real emergency: git push --no-verify\)$/)
  })
})
