import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { addHookLine, addHusky, HOOK_COMMAND, PLAIN_HOOK, PLAIN_HOOK_LINE, type Edit } from '../project/hook-setup.js'
import { EXIT_ERROR, EXIT_OK, type CliIo } from './io.js'

export const INIT_HELP = `Usage: seedguard init [--no-husky]

Sets up the pre-push hook that runs \`seedguard hook pre-push\` on every \`git push\`. Running it
again changes nothing that is already in place; it prints what it changed.

With a package.json at the repository root (and core.hooksPath unset or husky's), husky v9:
  package.json      "husky" in devDependencies and "prepare": "husky" in scripts, when missing
  .husky/pre-push   created with, or extended by, the line: ${HOOK_COMMAND}
Otherwise, or with --no-husky, a plain git hook: pre-push in core.hooksPath when it is set, else
in .git/hooks; created executable, or an existing hook extended by one line.

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
    const lines = husky ? setUpHusky(top, husky, hooksPath === undefined) : setUpPlain(top, resolve(top, git(top, ['rev-parse', '--git-path', 'hooks']) ?? '.git/hooks'))
    io.stdout.write(lines.join('\n') + '\n')
    return EXIT_OK
  } catch (error) {
    io.stderr.write(`seedguard init: ${(error as Error).message}\n`)
    return EXIT_ERROR
  }
}

function setUpHusky(top: string, dir: string, install: boolean): string[] {
  const out: string[] = []
  const warnings: string[] = []
  if (install) {
    const pkg = join(top, 'package.json')
    const edit = addHusky(readFileSync(pkg, 'utf8'))
    apply(pkg, edit, top, out, warnings)
  }
  // Yarn Plug'n'Play has no node_modules/.bin for husky to put on PATH
  const line = existsSync(join(top, '.pnp.cjs')) ? `yarn ${HOOK_COMMAND}` : HOOK_COMMAND
  const hook = resolve(top, dir, 'pre-push')
  apply(hook, addHookLine(read(hook), `${line}\n`, line), top, out, warnings)
  const header = out.length > 0 ? 'seedguard init: pre-push hook set up with husky' : `seedguard init: ${rel(top, hook)} already runs seedguard; nothing changed`
  const next = install ? [`next: run \`${installCommand(top)}\`: it installs husky, whose "prepare" script turns the hook on`] : []
  return [header, ...out, ...warnings.map((w) => `warning: ${w}`), ...next]
}

function setUpPlain(top: string, hooksDir: string): string[] {
  const out: string[] = []
  const warnings: string[] = []
  const hook = join(hooksDir, 'pre-push')
  apply(hook, addHookLine(read(hook), PLAIN_HOOK, PLAIN_HOOK_LINE), top, out, warnings)
  // git skips a hook it cannot execute (with only a hint), so the bit matters as much as the text
  if ((statSync(hook).mode & 0o100) === 0) {
    chmodSync(hook, 0o755)
    out.push(`  ${rel(top, hook)}: made executable`)
  }
  const header = out.length > 0 ? 'seedguard init: pre-push hook set up (plain git hook)' : `seedguard init: ${rel(top, hook)} already runs seedguard; nothing changed`
  return [header, ...out, ...warnings.map((w) => `warning: ${w}`)]
}

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

function installCommand(top: string): string {
  if (existsSync(join(top, 'pnpm-lock.yaml'))) return 'pnpm install'
  if (existsSync(join(top, 'yarn.lock'))) return 'yarn install'
  if (existsSync(join(top, 'bun.lock')) || existsSync(join(top, 'bun.lockb'))) return 'bun install'
  return 'npm install'
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
