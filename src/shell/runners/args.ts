import picomatch from 'picomatch'
import type { PackageJson } from '../../project/packages.js'
import type { Project } from '../../project/project.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import type { ShellWord } from '../parse.js'
import type { Invocation, RunnerContext } from './types.js'

/** `--file=x` → [`--file`, `x`]; any other word → [the word, undefined] (its value, if any, is the next word) */
export function flagAndInline(value: string): [string, string | undefined] {
  const at = value.startsWith('--') ? value.indexOf('=') : -1
  return at > 0 ? [value.slice(0, at), value.slice(at + 1)] : [value, undefined]
}

/**
 * Splits a runner's arguments into options and positionals. `valued` lists the options that take
 * a separate value (`--filter x`, `-w x`); `--opt=value` is understood for every option. npm reads
 * its options anywhere before `--`; yarn and pnpm hand what follows the script name to the script.
 */
export function splitArgs(words: ShellWord[], valued: ReadonlySet<string>, optionsAnywhere = false): { options: Map<string, string[]>; positionals: ShellWord[]; rest: ShellWord[] } {
  const options = new Map<string, string[]>()
  const positionals: ShellWord[] = []
  let rest: ShellWord[] = []
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    const v = word.value
    if (v === '--') {
      rest = words.slice(i + 1)
      break
    }
    if (v.startsWith('-') && v.length > 1 && (optionsAnywhere || positionals.length === 0)) {
      const eq = v.indexOf('=')
      const name = eq > 0 ? v.slice(0, eq) : v
      let value = eq > 0 ? v.slice(eq + 1) : ''
      if (eq < 0 && valued.has(name) && i + 1 < words.length) value = words[++i]!.value
      options.set(name, [...(options.get(name) ?? []), value])
      continue
    }
    positionals.push(word)
  }
  return { options, positionals, rest }
}

export function option(options: Map<string, string[]>, ...names: string[]): string[] {
  return names.flatMap((n) => options.get(n) ?? [])
}

/** The package a runner works in: `--prefix`/`-C`/`--cwd`/`--dir` first, else the nearest package.json. */
export function packageIn(ctx: RunnerContext, dirOption: string | undefined): PackageJson | undefined {
  const dir = dirOption === undefined ? ctx.cwd : joinPath(ctx.cwd, dirOption)
  return dir === undefined ? undefined : ctx.project.packageFor(dir)
}

/**
 * Workspaces by name, by path, or by glob of either (npm -w, pnpm --filter, yarn workspace, bun --filter).
 * `bareIsPath`: a bare word that names no workspace is a directory (npm's `--workspace=server`).
 */
export function selectWorkspaces(project: Project, root: PackageJson, selectors: string[], cwd: string, bareIsPath = false): PackageJson[] {
  const workspace = project.workspace(root)
  const out = new Set<PackageJson>()
  for (const raw of selectors) {
    // pnpm: `pkg...` adds dependencies and `...pkg` dependents; the package itself is what runs here
    const selector = raw.replace(/^\.\.\.(?=[^/])/, '').replace(/\.\.\.$/, '').replace(/^\{(.*)\}$/, '$1').replace(/^\[.*\]$/, '')
    if (selector === '') continue
    const byPath = selector.startsWith('.') || selector.includes('/') && !selector.startsWith('@')
    const pattern = byPath ? joinPath(cwd, selector) : selector
    if (pattern === undefined) continue
    if (!/[*?{[]/.test(pattern)) {
      const asDir = bareIsPath && !byPath ? joinPath(cwd, selector) : undefined
      const exact = byPath ? workspace.byDir.get(pattern) : (workspace.byName.get(pattern) ?? (asDir === undefined ? undefined : workspace.byDir.get(asDir)))
      if (exact) out.add(exact)
    } else {
      const test = globTest(pattern)
      for (const pkg of workspace.members) if (byPath ? test(pkg.dir) : pkg.name !== undefined && test(pkg.name)) out.add(pkg)
    }
    if (byPath && pattern === root.dir) out.add(root)
  }
  return [...out]
}

function globTest(pattern: string): (s: string) => boolean {
  return /[*?{]/.test(pattern) ? picomatch(pattern) : (s) => s === pattern
}

/** `run X` in each package that has X (workspace fan-out skips packages without it). */
export function scriptInEach(packages: PackageJson[], name: string, via: string, hooks: boolean): Invocation[] {
  return packages.filter((p) => p.scripts.has(name)).map((p) => ({ kind: 'script', packageDir: p.dir, name, ifPresent: true, hooks, via }))
}

export function unresolvedName(word: ShellWord): Invocation | undefined {
  return word.dynamic ? { kind: 'unresolved', reason: `script name \`${word.value}\` is only known at run time` } : undefined
}

/** Scripts named by an npm-run-all / concurrently pattern: `:` separates levels, `*` one level, `**` all. */
export function scriptsMatching(pkg: PackageJson, pattern: string, via: string): Invocation[] {
  const isMatch = /[*?]/.test(pattern) ? picomatch(pattern.replace(/:/g, '/')) : undefined
  return [...pkg.scripts.keys()]
    .filter((name) => name === pattern || isMatch?.(name.replace(/:/g, '/')))
    .map((name) => ({ kind: 'script', packageDir: pkg.dir, name, ifPresent: false, hooks: true, via }))
}

/**
 * `yarn prisma migrate deploy`, `pnpm prisma db seed`: yarn, pnpm and bun run a package's binary
 * when no script has that name, so the rest of the line is a command of its own.
 */
export function scriptOrBinary(pkg: PackageJson, name: ShellWord, args: ShellWord[], explicitRun: boolean, via: string): Invocation {
  if (pkg.scripts.has(name.value) || explicitRun) return { kind: 'script', packageDir: pkg.dir, name: name.value, ifPresent: false, hooks: true, via }
  return { kind: 'exec', words: [name, ...args] }
}

/** A bare install (`npm ci`, `yarn`, `pnpm i`, `bun install`) runs the package's install lifecycle, unless scripts are off. */
export function installIn(pkg: PackageJson | undefined, options: Map<string, string[]>, via: string): Invocation[] {
  return pkg && !options.has('--ignore-scripts') ? [{ kind: 'install', packageDir: pkg.dir, via }] : []
}

/** Whether a package or project name matches one of the globs (lerna `--scope`/`--ignore`, nx `--projects`/`--exclude`). */
export function nameMatchesAny(name: string | undefined, globs: string[]): boolean {
  return name !== undefined && globs.some((g) => globTest(g)(name))
}

/** The nearest directory at or above `cwd` holding `file` (lerna.json, nx.json): where a monorepo tool's root is. */
export function dirWithFile(ctx: RunnerContext, file: string): string | undefined {
  for (let dir: string | undefined = ctx.cwd; dir !== undefined; dir = dir === '.' ? undefined : dirnameOf(dir)) {
    const path = joinPath(dir, file)
    if (path !== undefined && ctx.project.cache.exists(path)) return dir
  }
  return undefined
}

/**
 * `npm start` and `pnpm start` where package.json has no `start` script run `node server.js`, when
 * the package has one (https://docs.npmjs.com/cli/v11/commands/npm-start, https://pnpm.io/cli/start).
 */
export function defaultStart(pkg: PackageJson, name: ShellWord, ctx: RunnerContext): Invocation | undefined {
  if (name.value !== 'start' || pkg.scripts.has('start') || !ctx.project.cache.exists(joinPath(pkg.dir, 'server.js')!)) return undefined
  return { kind: 'exec', words: [{ ...name, value: 'node' }, { ...name, value: 'server.js' }], cwd: pkg.dir }
}
