import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { VERSION } from '../../src/cli/version.js'
import { hookLines, NPM_RUNNER, plainHook } from '../../src/project/hook-setup.js'
import { removeCliBundle, Repo } from './repo.js'

const HUSKY_BIN = join(import.meta.dirname, '../../node_modules/husky/bin.js')
const LINES = hookLines(NPM_RUNNER)
const SEEDGUARD = `^${VERSION}`

let repos: Repo[] = []
afterEach(() => {
  for (const repo of repos) repo.cleanup()
  repos = []
})
afterAll(removeCliBundle)

async function repo(): Promise<Repo> {
  const r = await Repo.create()
  repos.push(r)
  return r
}

const count = (text: string, needle: string) => text.split(needle).length - 1

describe('seedguard init with husky (a package.json at the root)', () => {
  it('adds husky and the hook line once, keeps the formatting, and the hook blocks a push', async () => {
    const r = await repo()
    const pkg = '{\n  "name": "app",\n  "scripts": {\n    "test": "vitest"\n  },\n  "devDependencies": {\n    "eslint": "^9.0.0",\n    "typescript": "^5.9.0"\n  }\n}\n'
    r.write('package.json', pkg)
    const first = r.seedguard(['init'])
    expect(first.status).toBe(0)
    expect(first.stdout).toBe(
      [
        'seedguard init: pre-push hook set up with husky',
        '  package.json: added devDependency "husky": "^9.1.7"',
        `  package.json: added devDependency "seedguard": "${SEEDGUARD}"`,
        '  package.json: added script "prepare": "husky"',
        '  .husky/pre-push: created',
        'next: run `npm install`: it installs seedguard and husky, whose "prepare" script turns the hook on',
        '',
      ].join('\n'),
    )
    expect(r.read('package.json')).toBe(`{\n  "name": "app",\n  "scripts": {\n    "test": "vitest",\n    "prepare": "husky"\n  },\n  "devDependencies": {\n    "eslint": "^9.0.0",\n    "husky": "^9.1.7",\n    "seedguard": "${SEEDGUARD}",\n    "typescript": "^5.9.0"\n  }\n}\n`)
    expect(r.read('.husky/pre-push')).toBe(LINES)

    const second = r.seedguard(['init'])
    expect(second.status).toBe(0)
    expect(second.stdout).toContain('.husky/pre-push already runs seedguard; nothing changed')
    expect(second.stdout).not.toContain('added')
    expect(count(r.read('.husky/pre-push'), 'hook pre-push')).toBe(1)
    expect(count(r.read('package.json'), 'husky')).toBe(2)
    expect(count(r.read('package.json'), 'seedguard')).toBe(1)

    // what `npm install` runs through "prepare": husky points core.hooksPath at .husky/_
    expect(r.run(process.execPath, [HUSKY_BIN]).status).toBe(0)
    expect(r.git(['config', 'core.hooksPath'])).toBe('.husky/_')
    expect(r.seedguard(['init']).stdout).toContain('nothing changed')
    r.commit('husky')
    expect(r.push('-q', 'origin', 'main').status).toBe(0)
    r.write('package.json', `${JSON.stringify({ name: 'app', scripts: { seed: 'tsx prisma/seed.ts' } })}\n`)
    r.write('.github/workflows/deploy.yml', 'on: [push]\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run seed\n')
    const bad = r.commit('seed in production')
    const push = r.push('origin', 'main')
    expect(push.status).not.toBe(0)
    expect(push.stderr).toContain(`commit ${bad.slice(0, 12)}`)
    expect(push.stderr).toContain('[seed-in-production]')
    // husky speaks on stdout, which git passes through for pre-push
    expect(push.stdout).toContain('husky - pre-push script failed (code 1)')
  })

  it('extends an existing .husky/pre-push by one line, LF only, and never twice', async () => {
    const r = await repo()
    r.write('package.json', '{\n\t"name": "app",\n\t"scripts": { "prepare": "npm run build" },\n\t"devDependencies": { "husky": "^9.0.0" }\n}\n')
    r.write('.husky/pre-push', 'npm test\r\nnpm run lint')
    const first = r.seedguard(['init'])
    expect(first.stdout).toContain('package.json: script "prepare" now ends with `&& husky`')
    expect(first.stdout).toContain(`package.json: added devDependency "seedguard": "${SEEDGUARD}"`)
    expect(first.stdout).toContain('.husky/pre-push: converted CRLF line endings to LF')
    expect(first.stdout).toContain('.husky/pre-push: added the lines that run seedguard at its end')
    expect(r.read('.husky/pre-push')).toBe(`npm test\nnpm run lint\n${LINES}`)
    expect(r.read('package.json')).toContain('"prepare": "npm run build && husky"')
    expect(r.read('package.json')).toContain('\n\t"name"')
    r.seedguard(['init'])
    expect(r.read('.husky/pre-push')).toBe(`npm test\nnpm run lint\n${LINES}`)
  })

  it('leaves a line the user wrote another way (npx) alone', async () => {
    const r = await repo()
    r.write('package.json', '{ "devDependencies": { "husky": "^9.1.7", "seedguard": "^0.1.0" }, "scripts": { "prepare": "husky" } }\n')
    r.write('.husky/pre-push', 'npx --no-install seedguard hook pre-push "$@"\n')
    const run = r.seedguard(['init'])
    expect(run.stdout).toBe('seedguard init: .husky/pre-push already runs seedguard; nothing changed\nnext: run `npm install`: it installs seedguard and husky, whose "prepare" script turns the hook on\n')
  })

  it('warns when an earlier command in the hook may eat git\'s stdin', async () => {
    const r = await repo()
    r.write('package.json', '{}\n')
    r.write('.husky/pre-push', 'git lfs pre-push "$@"\n')
    const run = r.seedguard(['init'])
    expect(run.stdout).toContain('warning: the hook runs `git lfs pre-push "$@"` before seedguard')
  })

  it('writes `yarn seedguard …` under Yarn Plug\'n\'Play, which has no node_modules/.bin', async () => {
    const r = await repo()
    r.write('package.json', '{}\n')
    r.write('.pnp.cjs', '')
    r.write('yarn.lock', '')
    const run = r.seedguard(['init'])
    expect(r.read('.husky/pre-push')).toBe(hookLines({ pnp: true, add: 'yarn add --dev seedguard' }))
    expect(r.read('.husky/pre-push')).toContain('if ! yarn bin seedguard >/dev/null 2>&1; then\n')
    expect(r.read('.husky/pre-push')).toContain('\nyarn seedguard hook pre-push "$@" || exit $?\n')
    expect(run.stdout).toContain('next: run `yarn install`')
  })

  it('replaces the bare line an earlier init wrote, which failed with 127 where seedguard was missing', async () => {
    const r = await repo()
    r.write('package.json', '{ "devDependencies": { "husky": "^9.1.7", "seedguard": "^0.1.0" }, "scripts": { "prepare": "husky" } }\n')
    r.write('pnpm-lock.yaml', '')
    r.write('.husky/pre-push', 'npm test\nseedguard hook pre-push "$@"\nnpm run lint\n')
    const run = r.seedguard(['init'])
    expect(run.stdout).toContain('.husky/pre-push: replaced the seedguard line of an earlier `seedguard init`')
    const pnpm = hookLines({ pnp: false, add: 'pnpm add --save-dev seedguard' })
    expect(pnpm).toContain('`pnpm add --save-dev seedguard`')
    expect(r.read('.husky/pre-push')).toBe(`npm test\n${pnpm}npm run lint\n`)
    expect(r.seedguard(['init']).stdout).toContain('nothing changed')
  })
})

describe('seedguard init without husky', () => {
  it('creates an executable .git/hooks/pre-push when there is no package.json, once', async () => {
    const r = await repo()
    expect(r.seedguard(['init']).stdout).toBe('seedguard init: pre-push hook set up (plain git hook)\n  .git/hooks/pre-push: created\n')
    expect(r.read('.git/hooks/pre-push')).toBe(plainHook(NPM_RUNNER))
    expect(statSync(join(r.work, '.git/hooks/pre-push')).mode & 0o100).toBe(0o100)
    expect(r.seedguard(['init']).stdout).toBe('seedguard init: .git/hooks/pre-push already runs seedguard; nothing changed\n')
  })

  it('--no-husky adds seedguard to package.json, not husky', async () => {
    const r = await repo()
    r.write('package.json', '{}\n')
    const run = r.seedguard(['init', '--no-husky'])
    expect(run.stdout).toContain('.git/hooks/pre-push: created')
    expect(run.stdout).toContain('next: run `npm install`: it installs seedguard, which the hook runs')
    expect(JSON.parse(r.read('package.json'))).toEqual({ devDependencies: { seedguard: SEEDGUARD } })
  })

  it('a custom core.hooksPath wins over husky, and an existing hook there is extended and made executable', async () => {
    const r = await repo()
    r.write('package.json', '{}\n')
    r.git(['config', 'core.hooksPath', 'tools/hooks'])
    r.write('tools/hooks/pre-push', '#!/bin/sh\necho "pushing to $1"\n')
    const run = r.seedguard(['init'])
    expect(run.stdout).toBe(
      `seedguard init: pre-push hook set up (plain git hook)\n  package.json: added devDependency "seedguard": "${SEEDGUARD}"\n  tools/hooks/pre-push: added the lines that run seedguard at its end\n  tools/hooks/pre-push: made executable\nnext: run \`npm install\`: it installs seedguard, which the hook runs\n`,
    )
    expect(r.read('tools/hooks/pre-push')).toBe(`#!/bin/sh\necho "pushing to $1"\n${LINES}`)
    expect(r.read('package.json')).not.toContain('husky')
    r.seedguard(['init'])
    expect(count(r.read('tools/hooks/pre-push'), 'hook pre-push')).toBe(1)
    // the appended line stops the push when seedguard does
    r.write('package.json', `${JSON.stringify({ scripts: { seed: 'knex seed:run' } })}\n`)
    r.write('.github/workflows/deploy.yml', 'on: [push]\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run seed\n')
    r.commit('seed in production')
    const push = r.push('origin', 'main')
    expect(push.stdout).toContain('pushing to origin')
    expect(push.status).not.toBe(0)
    expect(r.remoteHas('main')).toBeUndefined()
  })

  it('outside a git repository: exit 2 and one line', async () => {
    const r = await repo()
    const outside = mkdtempSync(join(tmpdir(), 'seedguard-nogit-'))
    const run = r.seedguard(['init'], outside)
    rmSync(outside, { recursive: true })
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('seedguard init: not inside a git work tree (run it in your clone of the repository)\n')
  })
})
