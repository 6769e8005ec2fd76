// https://lerna.js.org/docs/features/run-tasks ; lerna commands/run README: `lerna run X` runs the X
// script (`npm run X`, so pre/post hooks too) in each package that has it; --scope/--ignore filter by
// name glob; `lerna run a,b` runs several (lerna ≥ 6). `lerna exec -- cmd` runs cmd in each package.
import picomatch from 'picomatch'
import type { PackageJson } from '../../project/packages.js'
import { jsonAt, jsonString, parseJsonOf } from '../../util/json.js'
import { isWithin, joinPath } from '../../util/paths.js'
import { dirWithFile, nameMatchesAny, option, scriptInEach, splitArgs } from './args.js'
import type { Invocation, PackageRunner, RunnerContext } from './types.js'

const VALUED = new Set(['--scope', '--ignore', '--concurrency', '--npm-client', '--since', '--profile-location', '--output-style', '--loglevel'])

const lerna: PackageRunner = {
  id: 'lerna',
  commands: ['lerna'],
  resolve(words, ctx) {
    const { options, positionals, rest } = splitArgs(words.slice(1), VALUED, true)
    const [sub, scripts] = positionals
    if (sub?.value !== 'run' && sub?.value !== 'exec') return []
    const packages = lernaPackages(ctx)
    if (!packages) return [{ kind: 'unresolved', reason: `no lerna.json or workspace root for \`lerna ${sub.value}\` in ${ctx.cwd}` }]
    const scopes = option(options, '--scope')
    const ignores = option(options, '--ignore')
    // `--since` narrows to changed packages, which only git history knows: any of them may run
    const selected = packages.filter((p) => (scopes.length === 0 || nameMatchesAny(p.name, scopes)) && !nameMatchesAny(p.name, ignores))
    if (sub.value === 'exec') return rest.length === 0 ? [] : selected.map((p): Invocation => ({ kind: 'exec', words: rest, cwd: p.dir }))
    if (!scripts) return []
    if (scripts.dynamic) return [{ kind: 'unresolved', reason: `lerna script \`${scripts.value}\` is only known at run time` }]
    return scripts.value.split(',').flatMap((name) => scriptInEach(selected, name.trim(), `lerna run ${name.trim()}`, true))
  },
}

export default lerna

/** lerna.json `packages` globs (default `packages/*`), or the package manager's workspaces when lerna.json names none */
function lernaPackages(ctx: RunnerContext): PackageJson[] | undefined {
  const dir = dirWithFile(ctx, 'lerna.json')
  const root = dir === undefined ? ctx.project.workspaceRootFor(ctx.cwd) : ctx.project.packages.get(dir)
  const lernaRoot = dir ?? root?.dir
  if (lernaRoot === undefined) return undefined
  const config = dir === undefined ? undefined : ctx.project.cache.get(joinPath(dir, 'lerna.json')!)
  const node = config ? jsonAt(parseJsonOf(config).root, ['packages']) : undefined
  const globs = (node?.type === 'array' ? (node.children ?? []) : []).map(jsonString).filter((g): g is string => g !== undefined)
  if (globs.length === 0 && root && root.workspaces.length > 0) return ctx.project.workspacesOf(root)
  const matchers = (globs.length > 0 ? globs : ['packages/*']).map((g) => picomatch(g.replace(/\/$/, '')))
  return [...ctx.project.packages.values()].filter((p) => p.dir !== lernaRoot && isWithin(lernaRoot, p.dir) && matchers.some((m) => m(lernaRoot === '.' ? p.dir : p.dir.slice(lernaRoot.length + 1))))
}
