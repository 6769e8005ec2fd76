// https://pnpm.io/cli/run ; https://pnpm.io/filtering ; pnpm 7 release notes (`-r` excludes the root)
import { defaultStart, installIn, option, packageIn, scriptInEach, scriptOrBinary, selectWorkspaces, splitArgs, unresolvedName } from './args.js'
import type { PackageRunner } from './types.js'

const VALUED = new Set(['--filter', '-F', '--filter-prod', '-C', '--dir', '--workspace-concurrency', '--reporter', '--test-pattern', '--changed-files-ignore-pattern'])
const BUILTINS = new Set([
  'add', 'audit', 'bin', 'config', 'create', 'dedupe', 'deploy', 'doctor', 'env', 'fetch', 'import', 'init', 'licenses', 'link', 'list',
  'ls', 'outdated', 'pack', 'patch', 'patch-commit', 'prune', 'publish', 'rebuild', 'remove', 'rm', 'root', 'server', 'setup', 'store',
  'unlink', 'update', 'up', 'why', 'approve-builds', 'self-update',
])

const pnpm: PackageRunner = {
  id: 'pnpm',
  commands: ['pnpm'],
  resolve(words, ctx) {
    const { options, positionals, rest } = splitArgs(words.slice(1), VALUED)
    const pkg = packageIn(ctx, option(options, '-C', '--dir')[0])
    const [sub, ...args] = positionals
    if (!sub) return []
    if (sub.value === 'install' || sub.value === 'i' || sub.value === 'ci' || sub.value === 'install-test' || sub.value === 'it') {
      return installIn(pkg, options, `pnpm ${sub.value}`)
    }
    if (sub.value === 'exec' || sub.value === 'dlx') {
      const execWords = [...args, ...rest]
      if (execWords.length === 0) return []
      // `pnpm --filter api exec prisma db seed` runs inside each selected package
      const filters = option(options, '--filter', '-F', '--filter-prod')
      const root = pkg && (ctx.project.workspaceRootFor(pkg.dir) ?? pkg)
      const where = root && filters.length > 0 ? selectWorkspaces(ctx.project, root, filters, ctx.cwd).map((p) => p.dir) : [pkg?.dir ?? ctx.cwd]
      return where.map((cwd) => ({ kind: 'exec', words: execWords, cwd }))
    }
    if (BUILTINS.has(sub.value)) return []
    const name = sub.value === 'run' || sub.value === 'run-script' ? args[0] : sub.value === 'start' || sub.value === 'test' || sub.value === 't' ? { ...sub, value: sub.value === 't' ? 'test' : sub.value } : sub
    if (!name) return []
    const dynamic = unresolvedName(name)
    if (dynamic) return [dynamic]
    if (!pkg) return [{ kind: 'unresolved', reason: `no package.json for \`pnpm ${name.value}\` in ${ctx.cwd}` }]
    const filters = option(options, '--filter', '-F', '--filter-prod')
    const recursive = options.has('-r') || options.has('--recursive')
    if (filters.length > 0 || recursive) {
      const root = ctx.project.workspaceRootFor(pkg.dir) ?? pkg
      const selected = filters.length > 0 ? selectWorkspaces(ctx.project, root, filters, ctx.cwd) : ctx.project.workspacesOf(root)
      if (selected.length === 0 && filters.length > 0) return [{ kind: 'unresolved', reason: `\`--filter ${filters.join(' ')}\` selects no workspace package` }]
      return scriptInEach(selected, name.value, `pnpm ${filters.length > 0 ? `--filter ${filters.join(' ')}` : '-r'} ${name.value}`, true)
    }
    const explicitRun = sub.value !== name.value
    if (explicitRun && options.has('--if-present') && !pkg.scripts.has(name.value)) return []
    return [defaultStart(pkg, name, ctx) ?? scriptOrBinary(pkg, name, explicitRun ? args.slice(1) : [...args, ...rest], explicitRun, `pnpm ${explicitRun ? sub.value + ' ' : ''}${name.value}`)]
  },
}

export default pnpm
