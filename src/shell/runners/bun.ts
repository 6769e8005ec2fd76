// oven-sh/bun docs/cli/run.md: `bun run X` runs preX/X/postX; `bun X` runs a script unless X is a built-in
import { installIn, option, packageIn, scriptInEach, selectWorkspaces, splitArgs, unresolvedName } from './args.js'
import type { PackageRunner } from './types.js'

const VALUED = new Set(['--filter', '-F', '--cwd', '--elide-lines'])
const BUILTINS = new Set(['add', 'remove', 'update', 'link', 'unlink', 'pm', 'build', 'init', 'create', 'upgrade', 'outdated', 'publish', 'patch', 'audit', 'info', 'why', 'repl', 'test'])

const bun: PackageRunner = {
  id: 'bun',
  commands: ['bun'],
  resolve(words, ctx) {
    const { options, positionals, rest } = splitArgs(words.slice(1), VALUED)
    const pkg = packageIn(ctx, option(options, '--cwd')[0])
    const [sub, ...args] = positionals
    if (!sub) return []
    if (sub.value === 'install' || sub.value === 'i') return installIn(pkg, options, `bun ${sub.value}`)
    if (sub.value === 'x' || sub.value === 'exec') return args.length + rest.length > 0 ? [{ kind: 'exec', words: [...args, ...rest] }] : []
    if (BUILTINS.has(sub.value)) return []
    const explicitRun = sub.value === 'run'
    const name = explicitRun ? args[0] : sub
    if (!name) return []
    const dynamic = unresolvedName(name)
    if (dynamic) return [dynamic]
    const filters = option(options, '--filter', '-F')
    if (pkg && filters.length > 0) {
      const root = ctx.project.workspaceRootFor(pkg.dir) ?? pkg
      return scriptInEach(selectWorkspaces(ctx.project, root, filters, ctx.cwd), name.value, `bun --filter ${filters.join(' ')} ${name.value}`, true)
    }
    // `bun seed.ts` / `bun run ./x.ts` runs a file, not a script: hand it to the file recognisers
    if (!pkg?.scripts.has(name.value) && /[./]/.test(name.value)) return [{ kind: 'leaf', words: [words[0]!, name, ...(explicitRun ? args.slice(1) : args)] }]
    if (!pkg) return [{ kind: 'unresolved', reason: `no package.json for \`bun ${name.value}\` in ${ctx.cwd}` }]
    return [{ kind: 'script', packageDir: pkg.dir, name: name.value, ifPresent: false, hooks: true, via: `bun ${explicitRun ? 'run ' : ''}${name.value}` }]
  },
}

export default bun
