import { cpSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { VERSION } from '../../src/cli/version.js'
import { cliBundle, removeCliBundle, Repo } from './repo.js'

// The first run as the README documents it (issue 11, item 5): `seedguard init`, commit, and a
// teammate's fresh clone where `npm install` is all that is run before pushing.

const HUSKY_DIR = realpathSync(join(import.meta.dirname, '../../node_modules/husky'))
const WORKFLOW = '.github/workflows/deploy.yml'
const workflow = (command: string) => `on: [push]\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${command}\n`
const ADVICE = /cannot find seedguard[^\n]*`npm install --save-dev seedguard`[^\n]*`git push --no-verify`/

let repos: Repo[] = []
afterEach(() => {
  for (const repo of repos) repo.cleanup()
  repos = []
})
afterAll(removeCliBundle)

/**
 * This project as `npm pack` makes it, from the current sources: the bundled CLI under the bin
 * path package.json names. The bundle needs no dependencies for `check` and the hook, so the
 * install stays offline.
 */
async function packSeedguard(repo: Repo): Promise<string> {
  const pkg = join(repo.base, 'seedguard-package')
  cpSync(dirname(await cliBundle()), join(pkg, 'dist'), { recursive: true })
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'seedguard', version: VERSION, type: 'module', bin: { seedguard: 'dist/cli.js' } }))
  const packed = repo.run('npm', ['pack', '--silent', '--pack-destination', repo.base], pkg)
  expect(packed.status, packed.stderr).toBe(0)
  return join(repo.base, packed.stdout.trim())
}

function npmInstall(repo: Repo, cwd: string): void {
  const run = repo.run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], cwd)
  expect(run.status, run.stderr).toBe(0)
}

describe('the hook `seedguard init` leaves works on a fresh clone after the project\'s own install', () => {
  it('husky: init adds seedguard to devDependencies; a clone after `npm install` lets a clean push through and blocks a seeding one', async () => {
    const repo = await Repo.create({ installed: false })
    repos.push(repo)
    repo.write('package.json', `${JSON.stringify({ name: 'app', private: true, scripts: { build: 'tsc', seed: 'knex seed:run' } }, null, 2)}\n`)
    repo.write(WORKFLOW, workflow('npm run build'))
    expect(repo.seedguard(['init']).status).toBe(0)
    const pkg = JSON.parse(repo.read('package.json'))
    expect(pkg.devDependencies).toEqual({ husky: '^9.1.7', seedguard: `^${VERSION}` })
    expect(pkg.scripts.prepare).toBe('husky')

    // the registry is out of reach here: the same two packages, from local files
    pkg.devDependencies = { husky: `file:${HUSKY_DIR}`, seedguard: `file:${await packSeedguard(repo)}` }
    repo.write('package.json', `${JSON.stringify(pkg, null, 2)}\n`)
    repo.commit('seedguard pre-push hook')
    expect(repo.push('-q', 'origin', 'main').status).toBe(0)

    const clone = join(repo.base, 'clone')
    repo.git(['clone', '-q', repo.remote, clone], repo.base)
    npmInstall(repo, clone)
    expect(repo.git(['config', 'core.hooksPath'], clone)).toBe('.husky/_')

    writeFileSync(join(clone, 'README.md'), '# app\n\nclean change\n')
    repo.git(['commit', '-qam', 'docs'], clone)
    const clean = repo.run('git', ['push', 'origin', 'main'], clone)
    expect(clean.stderr).not.toContain('not found')
    expect(clean.status, clean.stderr + clean.stdout).toBe(0)

    writeFileSync(join(clone, WORKFLOW), workflow('npm run seed'))
    repo.git(['commit', '-qam', 'seed in production'], clone)
    const bad = repo.run('git', ['push', 'origin', 'main'], clone)
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toContain(`${WORKFLOW}:7:14: error: `)
    expect(bad.stderr).toContain('[seed-in-production]')

    // the same clone with seedguard gone (a teammate who never ran the install): advice, not 127
    rmSync(join(clone, 'node_modules/seedguard'), { recursive: true, force: true })
    rmSync(join(clone, 'node_modules/.bin/seedguard'), { force: true })
    const missing = repo.run('git', ['push', 'origin', 'main'], clone)
    expect(missing.status).not.toBe(0)
    expect(missing.stderr).toMatch(ADVICE)
    expect(missing.stderr + missing.stdout).not.toMatch(/not found|code 127/)
  })

  it('plain git hook: without seedguard installed the push is blocked with the install advice, not 127', async () => {
    const repo = await Repo.create({ installed: false })
    repos.push(repo)
    expect(repo.seedguard(['init']).stdout).toContain('.git/hooks/pre-push: created')
    repo.write('README.md', '# app\n\nclean change\n')
    repo.commit('docs')
    const push = repo.push('origin', 'main')
    expect(push.status).not.toBe(0)
    expect(push.stderr).toMatch(ADVICE)
    expect(push.stderr).not.toContain('not found')
    expect(repo.remoteHas('main')).toBeUndefined()
    // installed as the advice says (here: the executable npm would link), the same push goes through
    mkdirSync(join(repo.work, 'node_modules/.bin'), { recursive: true })
    writeFileSync(join(repo.work, 'node_modules/.bin/seedguard'), `#!/bin/sh\nexec "${process.execPath}" "${repo.cli}" "$@"\n`, { mode: 0o755 })
    expect(repo.push('-q', 'origin', 'main').status).toBe(0)
  })
})
