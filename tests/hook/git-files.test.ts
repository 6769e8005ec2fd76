import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { loadConfig } from '../../src/config/load.js'
import { DiskFiles, FileCache, type RepoFiles } from '../../src/project/files.js'
import { GitObjects } from '../../src/project/git-objects.js'
import { isZeroOid, parsePushInput } from '../../src/project/git-push.js'
import { loadPrismaConfigs } from '../../src/project/prisma-config.js'
import { GitTreeFiles, listTree } from '../../src/project/git-files.js'
import { TreeJudge } from '../../src/project/tree-judge.js'
import { FIXTURES, gitEnv } from './repo.js'

let base: string
let env: NodeJS.ProcessEnv
const git = (args: string[], extra: NodeJS.ProcessEnv = {}) => execFileSync('git', args, { cwd: join(base, 'repo'), env: { ...env, ...extra }, encoding: 'utf8' }).trim()

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'seedguard-git-files-'))
  mkdirSync(join(base, 'home'))
  writeFileSync(join(base, 'home', '.gitconfig'), '')
  env = gitEnv(join(base, 'home'))
  execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q', join(base, 'repo')], { env })
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

/** a directory's files as a git tree object, every file included (ignored ones too, as DiskFiles reads them) */
function treeOf(dir: string): string {
  const index = join(base, `index-${Math.random().toString(36).slice(2)}`)
  git(['--work-tree', dir, 'add', '-A', '-f', '.'], { GIT_INDEX_FILE: index })
  return git(['write-tree'], { GIT_INDEX_FILE: index })
}

async function check(files: RepoFiles) {
  const cache = new FileCache(files)
  const result = runCheck('/repo', files, loadConfig(cache), { prismaConfigs: await loadPrismaConfigs(cache) })
  return { findings: result.findings, files: result.stats.files, contexts: result.stats.contexts, production: result.stats.productionContexts }
}

function judge() {
  const objects = new GitObjects(join(base, 'repo'), 2 * 1024 * 1024)
  return { objects, judge: new TreeJudge(objects, check) }
}

describe('a commit tree read from git objects checks exactly like the same files on disk', () => {
  const cases = readdirSync(FIXTURES).filter((name) => !name.startsWith('.'))

  // one test a fixture: the time each takes, not their number, is what a timeout should bound
  let shared: ReturnType<typeof judge> | undefined
  afterAll(() => shared?.objects.close())

  it.each(cases)('agrees with DiskFiles on fixture %s', async (name) => {
    shared ??= judge()
    const dir = join(FIXTURES, name)
    let expected
    try {
      expected = await check(new DiskFiles(dir))
    } catch (error) {
      // a fixture whose config is rejected must be rejected the same way from git
      await expect(shared.judge.check(treeOf(dir)), name).rejects.toThrow((error as Error).message)
      return
    }
    expect(await shared.judge.check(treeOf(dir)), name).toEqual(expected)
  })

  it('follows symlinks inside the tree as DiskFiles does, and never out of it', async () => {
    const dir = join(base, 'links')
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    put('package.json', '{ "scripts": { "release": "./scripts/release.sh" } }\n')
    put('tools/release.sh', '#!/bin/sh\nknex seed:run\n')
    symlinkSync('tools', join(dir, 'scripts'))
    symlinkSync('../../../etc/passwd', join(dir, 'outside'))
    symlinkSync('nowhere', join(dir, 'dangling'))
    put('.github/workflows/deploy.yml', 'on: [push]\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run release\n      - run: cat outside dangling\n')
    const expected = await check(new DiskFiles(dir))
    expect(expected.findings.map((f) => f.rule)).toContain('seed-in-production')
    const { objects, judge: trees } = judge()
    try {
      expect(await trees.check(treeOf(dir))).toEqual(expected)
    } finally {
      objects.close()
    }
  })

  it('says why a blob on a deploy path is not read, as DiskFiles does: the size limit, not text', async () => {
    const dir = join(base, 'unreadable')
    mkdirSync(join(dir, '.github/workflows'), { recursive: true })
    mkdirSync(join(dir, 'scripts'))
    writeFileSync(join(dir, '.github/workflows/deploy.yml'), 'on: [push]\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: bash scripts/release.sh\n')
    writeFileSync(join(dir, 'scripts/release.sh'), '#!/bin/sh\nknex seed:run\n' + `# ${'x'.repeat(3 * 1024 * 1024)}\n`)
    writeFileSync(join(dir, 'Procfile'), Buffer.from([0x72, 0x65, 0x6c, 0x65, 0x61, 0x73, 0x65, 0x3a, 0x20, 0xff, 0x00, 0x0a]))
    const expected = await check(new DiskFiles(dir))
    expect(expected.findings.map((f) => `${f.primary.file}:${f.primary.start.line}: ${f.severity} ${f.detail}`)).toEqual([
      'Procfile:1: error cannot be read: binary, not text',
      'scripts/release.sh:1: error scripts/release.sh: cannot be read: larger than the 2 MiB limit (3.0 MiB)',
    ])
    const { objects, judge: trees } = judge()
    try {
      expect(await trees.check(treeOf(dir))).toEqual(expected)
    } finally {
      objects.close()
    }
  })

  it('runs the check again only when it read a blob not fetched ahead, and not at all for an unchanged commit', async () => {
    const dir = join(base, 'rounds')
    // a .js file is fetched on demand only: the drizzle recogniser opens it, the first run finds it missing
    mkdirSync(join(dir, 'bin'), { recursive: true })
    mkdirSync(join(dir, '.github/workflows'), { recursive: true })
    writeFileSync(join(dir, '.github/workflows/release.yml'), 'on: [push]\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: node bin/populate.js\n')
    writeFileSync(join(dir, 'bin', 'populate.js'), "import { seed } from 'drizzle-seed'\n")
    writeFileSync(join(dir, 'package.json'), '{ "name": "app" }\n')
    writeFileSync(join(dir, 'README.md'), 'one\n')
    const { objects, judge: trees } = judge()
    try {
      const first = await trees.check(treeOf(dir))
      expect(first).toEqual(await check(new DiskFiles(dir)))
      expect(first.findings.map((f) => f.rule)).toEqual(['seed-in-production'])
      expect(trees.runs).toBe(2)
      const runs = trees.runs
      writeFileSync(join(dir, 'README.md'), 'two\n')
      await trees.check(treeOf(dir))
      expect(trees.runs).toBe(runs)
      writeFileSync(join(dir, 'package.json'), '{ "name": "app", "private": true }\n')
      await trees.check(treeOf(dir))
      expect(trees.runs).toBeGreaterThan(runs)
    } finally {
      objects.close()
    }
  })
})

describe("git's pre-push input", () => {
  const a = 'a'.repeat(40)
  it('reads one ref per line, SHA-1 and SHA-256 alike, and ignores blank lines', () => {
    expect(parsePushInput(`refs/heads/main ${a} refs/heads/main ${'0'.repeat(40)}\n\n(delete) ${'0'.repeat(64)} refs/heads/old ${'b'.repeat(64)}\n`)).toEqual([
      { localRef: 'refs/heads/main', localOid: a, remoteRef: 'refs/heads/main', remoteOid: '0'.repeat(40) },
      { localRef: '(delete)', localOid: '0'.repeat(64), remoteRef: 'refs/heads/old', remoteOid: 'b'.repeat(64) },
    ])
    expect(parsePushInput('')).toEqual([])
    expect(isZeroOid('0'.repeat(40)) && isZeroOid('0'.repeat(64)) && !isZeroOid(a) && !isZeroOid('0'.repeat(39))).toBe(true)
  })

  it('rejects anything else with the line it could not read', () => {
    expect(() => parsePushInput(`refs/heads/main ${a}\n`)).toThrow('line 1 of the pre-push input is not')
    expect(() => parsePushInput(`x ${a} y ${a}\nrefs/heads/main nothex refs/heads/main ${a}\n`)).toThrow('line 2')
  })
})

describe('a tree past the file limit', () => {
  it('names the directories the listing did not reach, as the disk walk does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedguard-git-limit-'))
    try {
      for (const [path, text] of Object.entries({ 'a.txt': '', 'b.txt': '', 'deploy/Procfile': 'release: npx knex seed:run\n' })) {
        mkdirSync(dirname(join(dir, path)), { recursive: true })
        writeFileSync(join(dir, path), text)
      }
      const { objects } = judge()
      try {
        const entries = await listTree(objects, treeOf(dir), new Map(), 2)
        expect([...entries.keys()]).toEqual(['a.txt', 'b.txt'])
        expect(new GitTreeFiles(entries, new Map()).unlisted()).toEqual(new DiskFiles(dir, 2).unlisted())
      } finally {
        objects.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
