// https://turborepo.com/docs/reference/run : `turbo run X` runs the X script of every workspace package
// that has it (narrowed by --filter); `turbo X` is the same as `turbo run X`.
import { parse } from 'jsonc-parser'
import { option, scriptInEach, selectWorkspaces, splitArgs } from './args.js'
import type { Invocation, PackageRunner } from './types.js'
import type { Project } from '../../project/project.js'
import type { PackageJson } from '../../project/packages.js'
import { joinPath } from '../../util/paths.js'

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
      // a task no package has and no turbo.json declares stops the run ("Could not find the following
      // tasks in project"): the command fails, and whatever the deploy meant it to run is not known
      if (!task.dynamic && !ctx.project.workspacesOf(root).some((p) => p.scripts.has(taskName!)) && !declaredTasks(ctx.project, root).has(taskName!)) {
        out.push({ kind: 'unresolved', reason: `turbo stops: no package of ${root.file} has a \`${taskName}\` script, and no turbo.json declares the task` })
        continue
      }
      out.push(...scriptInEach(packages, taskName!, `turbo run ${task.value}`, true))
    }
    return out
  },
}

export default turbo

/** the task names of the root turbo.json (`tasks`, turbo 1's `pipeline`), `web#build` as `build` (https://turborepo.com/docs/reference/configuration#tasks) */
function declaredTasks(project: Project, root: PackageJson): Set<string> {
  const text = project.cache.get(joinPath(root.dir, 'turbo.json') ?? 'turbo.json')?.text ?? project.cache.get(joinPath(root.dir, 'turbo.jsonc') ?? 'turbo.jsonc')?.text
  const config = text === undefined ? undefined : (parse(text) as { tasks?: object; pipeline?: object } | undefined)
  return new Set(Object.keys(config?.tasks ?? config?.pipeline ?? {}).map((k) => k.replace(/^[^#]*#/, '')))
}
