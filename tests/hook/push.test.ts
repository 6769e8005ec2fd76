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

/** blocked on the tip `tip` of `ref`, the finding named with the commit that `introduced` it */
function expectBlocked(push: { status: number | null; stderr: string }, tip: string, ref: string, introduced = tip): void {
  expect(push.status).not.toBe(0)
  expect(push.stderr).toContain(`seedguard: ${ref} at commit ${tip.slice(0, 12)} "`)
  expect(push.stderr).toContain(`  ${WORKFLOW}:11:11 [seed-in-production]: introduced by commit ${introduced.slice(0, 12)} "`)
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

  it('judges the tip, as a deploy of the ref would: a seeding commit fixed by a later one in the same push is allowed (#11 item 6)', async () => {
    const repo = await setUp()
    repo.write(WORKFLOW, BAD)
    repo.commit('seed after deploy')
    // the advice of a blocked push, followed: fix it in a new commit, push again
    expect(repo.push('origin', 'main').status).not.toBe(0)
    repo.write(WORKFLOW, CLEAN)
    const fix = repo.commit('undo the seed')
    const push = repo.push('origin', 'main')
    expect(push.stderr).not.toContain('push blocked')
    expect(push.status).toBe(0)
    expect(repo.remoteHas('main')).toBe(fix)
  })

  it('a seeding tip is blocked with the commit that introduced the finding, not the tip that inherits it', async () => {
    const repo = await setUp()
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    repo.write('README.md', '# app\n\nclean change\n')
    repo.commit('docs')
    // a line added above moves the finding; it is still the one `bad` introduced
    repo.write(WORKFLOW, `# deploys main\n${BAD}`.replace('npm run seed', 'npm run seed\n          echo done'))
    const tip = repo.commit('comment the workflow')
    const push = repo.push('origin', 'main')
    expect(push.status).toBe(1)
    expect(push.stderr).toContain(`seedguard: refs/heads/main at commit ${tip.slice(0, 12)} "comment the workflow":`)
    expect(push.stderr).toContain(`${WORKFLOW}:12:11: error: `)
    expect(push.stderr).toContain(`  ${WORKFLOW}:12:11 [seed-in-production]: introduced by commit ${bad.slice(0, 12)} "seed after deploy"\n`)
    expect(push.stderr).toContain('seedguard: push blocked: the pushed tip would let a seed command reach production.\nFix it in a new commit (or amend), then push again')
    expect(repo.remoteHas('main')).not.toBe(tip)
  })

  it('a seed the remote already has is named as such: the push of a clean commit on top stays blocked until it is fixed', async () => {
    const repo = await setUp()
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    expect(repo.push('-q', '--no-verify', 'origin', 'main').status).toBe(0)
    repo.write('README.md', '# app\n\nclean change\n')
    const docs = repo.commit('docs')
    const push = repo.push('origin', 'main')
    expect(push.status).not.toBe(0)
    expect(push.stderr).toContain(`  ${WORKFLOW}:11:11 [seed-in-production]: already in ${bad.slice(0, 12)}, which the remote has (present before this push)\n`)
    expect(push.stderr).toContain(`at commit ${docs.slice(0, 12)} "docs"`)
  })

  it('follows merges: a side branch\'s seed undone before the merge is allowed; one merged in is named with the merge that brought it', async () => {
    const repo = await setUp()
    repo.git(['checkout', '-q', '-b', 'side'])
    repo.write(WORKFLOW, BAD)
    repo.commit('seed after deploy')
    repo.write(WORKFLOW, CLEAN)
    repo.commit('undo the seed')
    repo.git(['checkout', '-q', 'main'])
    repo.write('README.md', '# app\n\nclean change\n')
    repo.commit('docs')
    repo.git(['merge', '-q', '--no-edit', 'side'])
    expect(repo.push('origin', 'main').status).toBe(0)

    repo.git(['checkout', '-q', '-b', 'side2'])
    repo.write(WORKFLOW, BAD)
    repo.commit('seed after deploy, again')
    repo.git(['checkout', '-q', 'main'])
    repo.write('README.md', '# app\n\nanother clean change\n')
    repo.commit('more docs')
    repo.git(['merge', '-q', '--no-edit', 'side2'])
    const merge = repo.git(['rev-parse', 'HEAD'])
    expectBlocked(repo.push('origin', 'main'), merge, 'refs/heads/main')
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

  it('checks a new branch: a seeding tip is named with the commit of the branch that introduced it', async () => {
    const repo = await setUp()
    repo.git(['checkout', '-q', '-b', 'feature'])
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    repo.write('README.md', '# app\n\nclean change\n')
    const tip = repo.commit('docs')
    expectBlocked(repo.push('origin', 'feature'), tip, 'refs/heads/feature', bad)
    expect(repo.remoteHas('feature')).toBeUndefined()
    // fixed on top, the new branch goes through
    repo.write(WORKFLOW, CLEAN)
    repo.commit('undo the seed')
    expect(repo.push('origin', 'feature').status).toBe(0)
  })

  it('walks back at most 100 new commits of a long history, and says where it stopped', async () => {
    const repo = await setUp()
    // 120 commits at once through fast-import, the first of them seeding: a long history the remote has never seen
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
    const stream = Array.from({ length: 120 }, (_, i) => `commit refs/heads/long\ncommitter T <t@e> ${1700000000 + i} +0000\n${data(`c${i}`)}${i === 0 ? `from refs/heads/main^0\nM 644 inline ${WORKFLOW}\n${data(BAD)}` : ''}M 644 inline README.md\n${data(`${i}`)}\n`)
    repo.git(['fast-import', '--quiet'], repo.work, stream.join(''))
    const push = repo.push('origin', 'long')
    expect(push.status).toBe(1)
    const oldest = repo.git(['rev-parse', 'long~99'])
    expect(push.stderr).toContain(`  ${WORKFLOW}:11:11 [seed-in-production]: present since commit ${oldest.slice(0, 12)} "c20" at least; older commits not traced\n`)
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
    // the same tag on a later clean commit goes through
    repo.git(['tag', '-d', 'v1.1.0'])
    repo.write(WORKFLOW, CLEAN)
    repo.commit('undo the seed')
    repo.git(['tag', '-a', '-m', 'release', 'v1.1.0'])
    expect(repo.push('origin', 'v1.1.0').status).toBe(0)
    expect(repo.remoteHas('refs/tags/v1.1.0')).toBeDefined()
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
    expect(push.stderr).not.toContain('seedguard: refs/heads/main')
    // git sends all or nothing: the clean ref is held back with the bad one
    expect(repo.remoteHas('feature')).toBeUndefined()
  })

  it('names every ref that sends a seeding commit, and checks that commit once', async () => {
    const repo = await setUp()
    repo.write(WORKFLOW, BAD)
    const bad = repo.commit('seed after deploy')
    const push = repo.push('origin', 'main', 'main:refs/heads/release')
    expectBlocked(push, bad, 'refs/heads/main, refs/heads/main → refs/heads/release')
    expect(push.stderr).toContain('push blocked: the pushed tip would')
    expect(push.stderr.split('seed-in-production]: introduced by')).toHaveLength(2)
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
