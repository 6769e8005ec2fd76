// https://classic.yarnpkg.com/en/docs/cli/run ; https://yarnpkg.com/cli/run ; https://yarnpkg.com/cli/workspaces/foreach
import { installIn, option, packageIn, scriptInEach, scriptOrBinary, selectWorkspaces, splitArgs, unresolvedName } from './args.js'
import type { PackageRunner } from './types.js'

const VALUED = new Set(['--cwd', '--include', '--exclude', '--from', '-j', '--jobs'])
// yarn's own commands; any other first word is a script name (`yarn build`)
const BUILTINS = new Set([
  'add', 'audit', 'autoclean', 'bin', 'cache', 'check', 'config', 'constraints', 'create', 'dedupe', 'explain', 'generate-lock-entry',
  'global', 'help', 'import', 'info', 'init', 'licenses', 'link', 'list', 'login', 'logout', 'npm', 'outdated', 'owner', 'pack',
  'patch', 'patch-commit', 'plugin', 'policies', 'publish', 'rebuild', 'remove', 'search', 'set', 'stage', 'tag', 'team', 'unlink',
  'unplug', 'up', 'upgrade', 'upgrade-interactive', 'version', 'versions', 'why', 'dlx', 'exec', 'node', 'workspace', 'workspaces',
])

const yarn: PackageRunner = {
  id: 'yarn',
  commands: ['yarn'],
  resolve(words, ctx) {
    const { options, positionals, rest } = splitArgs(words.slice(1), VALUED)
    const pkg = packageIn(ctx, option(options, '--cwd')[0])
    const [sub, ...args] = positionals
    if (!sub || sub.value === 'install') return installIn(pkg, options, 'yarn install')
    if (sub.value === 'exec' || sub.value === 'dlx' || sub.value === 'node') {
      const execWords = sub.value === 'node' ? positionals : [...args, ...rest]
      return execWords.length > 0 ? [{ kind: 'exec', words: execWords }] : []
    }
    if (!pkg) return [{ kind: 'unresolved', reason: `no package.json for \`yarn ${sub.value}\` in ${ctx.cwd}` }]
    const root = ctx.project.workspaceRootFor(pkg.dir) ?? pkg
    if (sub.value === 'workspace') {
      // yarn workspace <name> [run] <script>
      const [workspace, maybeRun, maybeName] = args
      const name = maybeRun?.value === 'run' ? maybeName : maybeRun
      if (!workspace || !name) return []
      const selected = selectWorkspaces(ctx.project, root, [workspace.value], ctx.cwd)
      if (selected.length === 0) return [{ kind: 'unresolved', reason: `no workspace named \`${workspace.value}\`` }]
      return unresolvedName(name) ? [unresolvedName(name)!] : selected.map((w) => ({ kind: 'script', packageDir: w.dir, name: name.value, ifPresent: false, hooks: true, via: `yarn workspace ${workspace.value}` }))
    }
    if (sub.value === 'workspaces') {
      // yarn 1: `workspaces run X`; berry: `workspaces foreach [-A] run X`
      const runAt = args.findIndex((w) => w.value === 'run')
      const name = runAt >= 0 ? args[runAt + 1] : undefined
      if (!name) return []
      const selected = option(options, '--include').length > 0 ? selectWorkspaces(ctx.project, root, option(options, '--include'), ctx.cwd) : ctx.project.workspacesOf(root)
      return unresolvedName(name) ? [unresolvedName(name)!] : scriptInEach(selected, name.value, `yarn workspaces ${args[0]?.value ?? ''}`.trim(), true)
    }
    if (BUILTINS.has(sub.value)) return []
    const name = sub.value === 'run' ? args[0] : sub
    if (!name) return []
    const explicitRun = sub.value === 'run'
    return unresolvedName(name) ? [unresolvedName(name)!] : [scriptOrBinary(pkg, name, explicitRun ? args.slice(1) : args, explicitRun, explicitRun ? `yarn run ${name.value}` : `yarn ${name.value}`)]
  },
}

export default yarn
