import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { addHookLine, addHookPackages, hookLines, plainHook, NPM_RUNNER, type Edit, type HookRunner } from '../project/hook-setup.js'
import { EXIT_ERROR, EXIT_OK, type CliIo } from './io.js'
import { VERSION } from './version.js'

export const INIT_HELP = `Usage: seedguard init [--no-husky]

Sets up the pre-push hook that runs \`seedguard hook pre-push\` on every \`git push\`. Running it
again changes nothing that is already in place; it prints what it changed.

With a package.json at the repository root, seedguard is added to its devDependencies (^${VERSION}),
so every clone has it after the project's install. With that package.json (and core.hooksPath
unset or husky's), husky v9:
  package.json      "husky" in devDependencies and "prepare": "husky" in scripts, when missing
  .husky/pre-push   created with, or extended by, the lines that run seedguard
Otherwise, or with --no-husky, a plain git hook: pre-push in core.hooksPath when it is set, else
in .git/hooks; created executable, or an existing hook extended by those lines.

The hook runs seedguard from node_modules/.bin or PATH (under Yarn Plug'n'Play: \`yarn seedguard\`);
where seedguard is not installed it blocks the push and says how to install it.

The hook checks the commits being pushed, not the working tree. In a real emergency,
\`git push --no-verify\` skips it.
`

export async function init(argv: string[], io: CliIo): Promise<number> {
  let values
  try {
    values = parseArgs({ args: argv, options: { 'no-husky': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values
  } catch (error) {
    io.stderr.write(`seedguard init: ${(error as Error).message}\nRun \`seedguard init --help\` for usage.\n`)
    return EXIT_ERROR
  }
  if (values.help) return io.stdout.write(INIT_HELP), EXIT_OK
  try {
    const top = git(io.cwd, ['rev-parse', '--show-toplevel'])
    if (top === undefined) throw new Error('not inside a git work tree (run it in your clone of the repository)')
    const hooksPath = git(top, ['config', 'core.hooksPath'])
    // husky v9 points core.hooksPath at `<dir>/.husky/_`; its hooks run `<dir>/.husky/<name>`
    const husky = hooksPath === undefined ? (!values['no-husky'] && existsSync(join(top, 'package.json')) ? '.husky' : undefined) : /(^|\/)\.husky\/_\/?$/.test(hooksPath) ? hooksPath.replace(/\/_\/?$/, '') : undefined
    const manager = packageManager(top)
    const lines = husky ? setUpHusky(top, husky, hooksPath === undefined, manager) : setUpPlain(top, resolve(top, git(top, ['rev-parse', '--git-path', 'hooks']) ?? '.git/hooks'), manager)
    io.stdout.write(lines.join('\n') + '\n')
    return EXIT_OK
  } catch (error) {
    io.stderr.write(`seedguard init: ${(error as Error).message}\n`)
    return EXIT_ERROR
  }
}

function setUpHusky(top: string, dir: string, install: boolean, manager: PackageManager): string[] {
  const out: string[] = []
  const warnings: string[] = []
  const added = addPackages(top, install, out, warnings)
  const hook = resolve(top, dir, 'pre-push')
  apply(hook, addHookLine(read(hook), hookLines(manager.runner), hookLines(manager.runner)), top, out, warnings)
  const header = out.length > 0 ? 'seedguard init: pre-push hook set up with husky' : `seedguard init: ${rel(top, hook)} already runs seedguard; nothing changed`
  const next = install ? [`next: run \`${manager.install}\`: it installs seedguard and husky, whose "prepare" script turns the hook on`] : added ? [nextInstall(manager)] : []
  return [header, ...out, ...warnings.map((w) => `warning: ${w}`), ...next]
}

function setUpPlain(top: string, hooksDir: string, manager: PackageManager): string[] {
  const out: string[] = []
  const warnings: string[] = []
  const added = addPackages(top, false, out, warnings)
  const hook = join(hooksDir, 'pre-push')
  apply(hook, addHookLine(read(hook), plainHook(manager.runner), hookLines(manager.runner)), top, out, warnings)
  // git skips a hook it cannot execute (with only a hint), so the bit matters as much as the text
  if ((statSync(hook).mode & 0o100) === 0) {
    chmodSync(hook, 0o755)
    out.push(`  ${rel(top, hook)}: made executable`)
  }
  const header = out.length > 0 ? 'seedguard init: pre-push hook set up (plain git hook)' : `seedguard init: ${rel(top, hook)} already runs seedguard; nothing changed`
  return [header, ...out, ...warnings.map((w) => `warning: ${w}`), ...(added ? [nextInstall(manager)] : [])]
}

/** seedguard (and with `husky`, husky) into the root package.json, if there is one; true when it changed */
function addPackages(top: string, husky: boolean, out: string[], warnings: string[]): boolean {
  const pkg = join(top, 'package.json')
  const text = read(pkg)
  if (text === undefined) return false
  const edit = addHookPackages(text, { husky, seedguardRange: `^${VERSION}` })
  apply(pkg, edit, top, out, warnings)
  return edit.changes.length > 0
}

const nextInstall = (manager: PackageManager) => `next: run \`${manager.install}\`: it installs seedguard, which the hook runs`

/** Writes an edit when it changes something, with LF endings and an executable bit on new files. */
function apply(file: string, edit: Edit, top: string, out: string[], warnings: string[]): void {
  warnings.push(...edit.warnings)
  if (edit.changes.length === 0) return
  const created = !existsSync(file)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, edit.text, created ? { mode: 0o755 } : {})
  for (const change of edit.changes) out.push(`  ${rel(top, file)}: ${change}`)
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

interface PackageManager {
  install: string
  runner: HookRunner
}

/** the project's package manager, told by its lockfile; npm without one */
function packageManager(top: string): PackageManager {
  const has = (file: string) => existsSync(join(top, file))
  const pnp = has('.pnp.cjs')
  if (has('pnpm-lock.yaml')) return { install: 'pnpm install', runner: { pnp: false, add: 'pnpm add --save-dev seedguard' } }
  if (has('yarn.lock') || pnp) return { install: 'yarn install', runner: { pnp, add: 'yarn add --dev seedguard' } }
  if (has('bun.lock') || has('bun.lockb')) return { install: 'bun install', runner: { pnp: false, add: 'bun add --dev seedguard' } }
  return { install: 'npm install', runner: NPM_RUNNER }
}

function rel(top: string, file: string): string {
  const path = relative(top, file)
  return path.startsWith('..') || isAbsolute(path) ? file : path
}

/** stdout of a git command, trimmed; undefined when it fails (an unset config key exits 1) */
function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('git is not installed or not on PATH')
    return undefined
  }
}
