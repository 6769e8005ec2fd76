// https://docs.npmjs.com/cli/v11/commands/npm-run-script ; https://docs.npmjs.com/cli/v11/using-npm/scripts
import { defaultStart, installIn, option, packageIn, scriptInEach, selectWorkspaces, splitArgs, unresolvedName } from './args.js'
import type { Invocation, PackageRunner } from './types.js'

const VALUED = new Set(['--prefix', '-w', '--workspace', '-C', '--script-shell', '--loglevel'])
const RUN = new Set(['run', 'run-script', 'rum', 'urn'])
// npm's lifecycle shortcuts: `npm start` is `npm run start`, with pre/post
const SHORTCUTS: Record<string, string> = { start: 'start', test: 'test', t: 'test', tst: 'test', stop: 'stop', restart: 'restart' }
const INSTALLS = new Set(['ci', 'install', 'i', 'isntall', 'add', 'clean-install', 'install-clean', 'ic'])

const npm: PackageRunner = {
  id: 'npm',
  commands: ['npm'],
  resolve(words, ctx) {
    const { options, positionals, rest } = splitArgs(words.slice(1), VALUED, true)
    const [sub, target] = positionals
    if (!sub) return undefined
    const prefix = option(options, '--prefix', '-C')[0]
    const pkg = packageIn(ctx, prefix)
    const hooks = !options.has('--ignore-scripts')
    const via = `npm ${sub.value}`
    if (INSTALLS.has(sub.value)) {
      // `npm install <pkg>` adds a dependency; only a bare install runs the project's lifecycle
      return target ? [] : installIn(pkg, options, via)
    }
    if (sub.value === 'exec' || sub.value === 'x') {
      const execWords = rest.length > 0 ? rest : positionals.slice(1)
      return execWords.length > 0 ? [{ kind: 'exec', words: execWords }] : []
    }
    const name = RUN.has(sub.value) ? target : SHORTCUTS[sub.value] !== undefined ? { ...sub, value: SHORTCUTS[sub.value]! } : undefined
    if (!name) return RUN.has(sub.value) ? [] : undefined
    const dynamic = unresolvedName(name)
    if (dynamic) return [dynamic]
    if (!pkg) return [{ kind: 'unresolved', reason: `no package.json for \`${via}\` in ${ctx.cwd}` }]
    const ifPresent = options.has('--if-present')
    const workspaces = option(options, '-w', '--workspace')
    if (options.has('--workspaces') || options.has('-ws') || workspaces.length > 0) {
      const root = ctx.project.workspaceRootFor(pkg.dir) ?? pkg
      // npm takes a workspace's name or its directory (https://docs.npmjs.com/cli/v11/using-npm/config#workspace)
      const selected = workspaces.length > 0 ? selectWorkspaces(ctx.project, root, workspaces, ctx.cwd, true) : ctx.project.workspacesOf(root)
      const out: Invocation[] = scriptInEach(selected, name.value, `${via} ${name.value}`, hooks)
      if (options.has('--include-workspace-root') && root.scripts.has(name.value)) out.push({ kind: 'script', packageDir: root.dir, name: name.value, ifPresent: true, hooks, via })
      return out
    }
    return [defaultStart(pkg, name, ctx) ?? { kind: 'script', packageDir: pkg.dir, name: name.value, ifPresent, hooks, via: RUN.has(sub.value) ? `${via} ${name.value}` : via }]
  },
}

export default npm
