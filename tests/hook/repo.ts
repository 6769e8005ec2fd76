import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { buildCli } from '../../scripts/build-cli.mjs'

const ROOT = join(import.meta.dirname, '..', '..')
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'check')

/**
 * git with no trace of the machine it runs on: no global or system config (a developer's
 * core.hooksPath would take the hook away), a fixed identity, and none of the GIT_DIR-style
 * variables a surrounding hook may have set. Works on a fresh CI machine with no git identity.
 */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_') && key !== 'HUSKY'))
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_AUTHOR_NAME: 'Seedguard Test',
    GIT_AUTHOR_EMAIL: 'test@seedguard.invalid',
    GIT_COMMITTER_NAME: 'Seedguard Test',
    GIT_COMMITTER_EMAIL: 'test@seedguard.invalid',
    NO_COLOR: '1',
  }
}

let bundle: Promise<string> | undefined
let bundleDir: string | undefined

/**
 * The CLI bundled from src/ into a temporary directory by the build that bundles dist/: the
 * hook is tested as users run it (a fresh node process started by git) against the current
 * sources, not against a dist/ that may be stale or rebuilt meanwhile.
 */
export function cliBundle(): Promise<string> {
  bundle ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'seedguard-cli-'))
    bundleDir = outdir
    await buildCli(outdir)
    return join(outdir, 'cli.js')
  })()
  return bundle
}

/** for afterAll: the bundle lives as long as the test file that built it */
export function removeCliBundle(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true })
  bundle = bundleDir = undefined
}

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/**
 * A working clone with a local bare `origin`, `main` checked out, and (unless `installed` is false)
 * seedguard on node_modules/.bin.
 */
export class Repo {
  readonly work: string
  readonly remote: string
  readonly env: NodeJS.ProcessEnv

  private constructor(
    readonly base: string,
    readonly cli: string,
  ) {
    this.work = join(base, 'work')
    this.remote = join(base, 'remote.git')
    this.env = gitEnv(join(base, 'home'))
    mkdirSync(join(base, 'home'))
    writeFileSync(join(base, 'home', '.gitconfig'), '')
  }

  static async create({ installed = true } = {}): Promise<Repo> {
    const repo = new Repo(mkdtempSync(join(tmpdir(), 'seedguard-hook-')), await cliBundle())
    repo.git(['-c', 'init.defaultBranch=main', 'init', '-q', '--bare', repo.remote], repo.base)
    repo.git(['-c', 'init.defaultBranch=main', 'init', '-q', repo.work], repo.base)
    repo.git(['remote', 'add', 'origin', repo.remote])
    if (installed) {
      // what `npm install seedguard` leaves behind: an executable on node_modules/.bin
      repo.write('node_modules/.bin/seedguard', `#!/bin/sh\nexec "${process.execPath}" "${repo.cli}" "$@"\n`)
      chmodSync(join(repo.work, 'node_modules/.bin/seedguard'), 0o755)
    }
    repo.write('.gitignore', 'node_modules/\n')
    repo.write('README.md', '# app\n')
    repo.commit('initial commit')
    return repo
  }

  git(args: string[], cwd = this.work, input?: string): string {
    const run = this.run('git', args, cwd, input)
    if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed (${run.status}): ${run.stderr}`)
    return run.stdout.trim()
  }

  run(command: string, args: string[], cwd = this.work, input?: string): Run {
    const result = spawnSync(command, args, { cwd, env: this.env, encoding: 'utf8', input: input ?? '' })
    if (result.error) throw result.error
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  /** `git push` as a user types it; the hook's output arrives on stderr */
  push(...args: string[]): Run {
    return this.run('git', ['push', ...args])
  }

  seedguard(args: string[], cwd = this.work, input?: string): Run {
    return this.run(process.execPath, [this.cli, ...args], cwd, input)
  }

  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.work, path)), { recursive: true })
    writeFileSync(join(this.work, path), text)
  }

  read(path: string): string {
    return readFileSync(join(this.work, path), 'utf8')
  }

  remove(path: string): void {
    rmSync(join(this.work, path), { recursive: true, force: true })
  }

  /** copies a tests/fixtures/check case into the working tree (its expected.txt left behind) */
  fixture(name: string): void {
    cpSync(join(FIXTURES, name), this.work, { recursive: true, filter: (src) => !src.endsWith('expected.txt') })
  }

  commit(message: string): string {
    this.git(['add', '-A'])
    this.git(['commit', '-q', '--allow-empty', '-m', message])
    return this.git(['rev-parse', 'HEAD'])
  }

  remoteHas(ref: string): string | undefined {
    const run = this.run('git', ['rev-parse', '--verify', '--quiet', ref], this.remote)
    return run.status === 0 ? run.stdout.trim() : undefined
  }

  cleanup(): void {
    rmSync(this.base, { recursive: true, force: true })
  }
}
