// https://turborepo.com/docs/reference/run : `turbo run X` runs the X script of every workspace package
// that has it (narrowed by --filter); `turbo X` is the same as `turbo run X`.
import { option, scriptInEach, selectWorkspaces, splitArgs } from './args.js'
import type { Invocation, PackageRunner } from './types.js'

const VALUED = new Set(['--filter', '-F', '--concurrency', '--cache-dir', '--log-order', '--output-logs', '--env-mode', '--graph', '--summarize', '--ui', '--cache'])
const NOT_TASKS = new Set(['login', 'logout', 'link', 'unlink', 'prune', 'gen', 'generate', 'daemon', 'telemetry', 'info', 'ls', 'query', 'scan', 'boundaries', 'watch', 'bin', 'completion', 'devtools', 'docs'])

const turbo: PackageRunner = {
  id: 'turbo',
  commands: ['turbo'],
  resolve(words, ctx) {
    const { options, positionals } = splitArgs(words.slice(1), VALUED)
    const tasks = positionals[0]?.value === 'run' ? positionals.slice(1) : positionals
    if (positionals[0] && NOT_TASKS.has(positionals[0].value)) return []
    const root = ctx.project.workspaceRootFor(ctx.cwd)
    if (!root) return [{ kind: 'unresolved', reason: `no workspace root for \`turbo\` in ${ctx.cwd}` }]
    const filters = option(options, '--filter', '-F')
    const selected = filters.length > 0 ? selectWorkspaces(ctx.project, root, filters, ctx.cwd) : ctx.project.workspacesOf(root)
    const out: Invocation[] = []
    for (const task of tasks) {
      if (task.dynamic) out.push({ kind: 'unresolved', reason: `turbo task \`${task.value}\` is only known at run time` })
      // `web#build` names one package's task
      const [pkgName, taskName] = task.value.includes('#') ? task.value.split('#', 2) : [undefined, task.value]
      const packages = pkgName ? selected.filter((p) => p.name === pkgName) : selected
      out.push(...scriptInEach(packages, taskName!, `turbo run ${task.value}`, true))
    }
    return out
  },
}

export default turbo
