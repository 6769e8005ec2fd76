import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { findSeedEntryPoints } from '../guard/entry-points.js'
import { planSeedGuards } from '../guard/wrap-seeds.js'
import { DiskFiles, FileCache } from '../project/files.js'
import { Project } from '../project/project.js'
import { readFacts } from '../seeds/facts/index.js'
import { addHookLine, addHookPackages, hookLines, plainHook, NPM_RUNNER, type Edit, type HookRunner } from '../project/hook-setup.js'
import { EXIT_ERROR, EXIT_OK, type CliIo } from './io.js'
import { VERSION } from './version.js'

export const INIT_HELP = `Usage: seedguard init [--no-husky]
       seedguard init --guard-seeds [--yes]

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

--guard-seeds puts \`seedguard guard --\` before the project's seed and reset commands, so they
refuse a production database at run time too: the commands of package.json scripts that seed or
reset (as \`seedguard check\` recognises them), package.json \`prisma.seed\` and prisma.config.*
\`migrations.seed\`; and adds seedguard to devDependencies. It shows the diff first and asks before
writing; --yes writes without asking; with no terminal to ask and no --yes it changes nothing.
Then \`seedguard protect --db <url> --env production\` marks the production database.
`

export async function init(argv: string[], io: CliIo): Promise<number> {
  let values
  try {
    values = parseArgs({ args: argv, options: { 'no-husky': { type: 'boolean' }, 'guard-seeds': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, help: { type: 'boolean', short: 'h' } } }).values
  } catch (error) {
    io.stderr.write(`seedguard init: ${(error as Error).message}\nRun \`seedguard init --help\` for usage.\n`)
    return EXIT_ERROR
  }
  if (values.help) return io.stdout.write(INIT_HELP), EXIT_OK
  try {
    const top = git(io.cwd, ['rev-parse', '--show-toplevel'])
    if (top === undefined) throw new Error('not inside a git work tree (run it in your clone of the repository)')
    if (values['guard-seeds']) return await guardSeeds(top, values.yes === true, io)
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

/** `--guard-seeds`: the seed and reset entry points wrapped in `seedguard guard`, shown as a diff, written once confirmed */
async function guardSeeds(top: string, yes: boolean, io: CliIo): Promise<number> {
  const cache = new FileCache(new DiskFiles(top))
  const project = new Project(cache, await readFacts(cache))
  const entries = findSeedEntryPoints(project)
  for (const [file, facts] of project.prismaConfigs ?? []) if (facts.unreadable) io.stderr.write(`seedguard init: warning: ${file}: ${facts.unreadable}; wrap its migrations.seed by hand (\`seedguard guard -- <seed command>\`)\n`)
  if (entries.length === 0) {
    io.stdout.write('seedguard init: no seed or reset command found in package.json scripts, prisma.seed or prisma.config.* migrations.seed: nothing to wrap\n')
    return EXIT_OK
  }
  const changes = planSeedGuards(entries, (file) => readFileSync(join(top, file), 'utf8'), `^${VERSION}`)
  io.stdout.write(`seedguard init: ${entries.length} seed or reset command${entries.length === 1 ? '' : 's'} to run through \`seedguard guard\`:\n`)
  for (const entry of entries) io.stdout.write(`  ${entry.file} ${entry.where}: ${entry.command}\n`)
  io.stdout.write(`\n${changes.map((c) => c.diff).join('')}\n`)
  const confirmed = yes || (io.ask ? /^\s*y(es)?\s*$/i.test((await io.ask('Apply these changes? [y/N] ')) ?? '') : undefined)
  if (confirmed === undefined) {
    io.stdout.write('seedguard init: no terminal to ask and no --yes: nothing changed (run it again with --yes to write these changes)\n')
    return EXIT_OK
  }
  if (!confirmed) return io.stdout.write('seedguard init: nothing changed\n'), EXIT_OK
  for (const change of changes) writeFileSync(join(top, change.file), change.after)
  io.stdout.write(`seedguard init: wrote ${changes.map((c) => c.file).join(', ')}\nnext: install the dependencies, then mark the production database: \`seedguard protect --db <production url> --env production\`\n`)
  return EXIT_OK
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
