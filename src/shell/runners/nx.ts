// https://nx.dev/reference/nx-commands : `nx run proj:target`, `nx target proj`, `nx run-many -t a,b
// [-p x,y]`, `nx affected -t a`. A target is a project.json target (nx:run-commands runs its
// commands, nx:run-script a package script) or, inferred, the project's package.json script.
import { readNxProjects, type NxProject } from '../../project/nx-projects.js'
import { basenameOf } from '../../util/paths.js'
import { dirWithFile, nameMatchesAny, option, splitArgs } from './args.js'
import type { Invocation, PackageRunner, RunnerContext } from './types.js'

const VALUED = new Set(['-t', '--target', '--targets', '-p', '--projects', '--exclude', '-c', '--configuration', '--base', '--head', '--files', '--parallel', '--output-style', '--runner', '--nxBail'])
// commands that manage the workspace rather than run targets
const BUILTINS = new Set(['add', 'connect', 'daemon', 'exec', 'format', 'format:check', 'format:write', 'g', 'generate', 'graph', 'dep-graph', 'import', 'init', 'list', 'login', 'logout', 'migrate', 'release', 'repair', 'report', 'reset', 'show', 'sync', 'sync:check', 'view-logs', 'watch', 'affected:graph', 'print-affected'])

const nx: PackageRunner = {
  id: 'nx',
  commands: ['nx'],
  resolve(words, ctx) {
    const { options, positionals } = splitArgs(words.slice(1), VALUED, true)
    const [sub, ...args] = positionals
    if (!sub || BUILTINS.has(sub.value)) return []
    if ([sub, ...args].some((w) => w.dynamic)) return [{ kind: 'unresolved', reason: `Nx target \`${words.slice(1).map((w) => w.value).join(' ')}\` is only known at run time` }]
    const root = dirWithFile(ctx, 'nx.json') ?? ctx.project.workspaceRootFor(ctx.cwd)?.dir ?? '.'
    const projects = readNxProjects(ctx.project, root)
    const via = `nx ${sub.value}`
    if (sub.value === 'run-many' || sub.value.startsWith('affected')) {
      // affected: which projects changed only git knows, so any of them may run
      const targets = [...option(options, '-t', '--target', '--targets'), sub.value.replace(/^affected:?/, '')].flatMap((t) => t.split(',')).filter(Boolean)
      const named = option(options, '-p', '--projects').flatMap((p) => p.split(',')).filter(Boolean)
      const excluded = option(options, '--exclude').flatMap((p) => p.split(','))
      const selected = projects.filter((p) => (named.length === 0 || matches(p, named)) && !matches(p, excluded))
      if (named.length > 0 && selected.length === 0) return [{ kind: 'unresolved', reason: `no Nx project matches \`${named.join(',')}\`` }]
      return targets.flatMap((t) => selected.flatMap((p) => runTarget(p, t, `${via} -t ${t}`, ctx) ?? []))
    }
    // `nx run api:seed[:config]`, `nx api:seed`, `nx seed api` (no project: the one in the current directory)
    const spec = sub.value === 'run' ? args[0]?.value : sub.value.includes(':') ? sub.value : undefined
    const [projectName, target] = spec !== undefined ? spec.split(':') : [args[0]?.value, sub.value]
    if (!target) return []
    const project = projectName === undefined ? nearest(projects, ctx.cwd) : (projects.find((p) => p.name === projectName) ?? projects.find((p) => basenameOf(p.dir) === projectName))
    if (!project) return [{ kind: 'unresolved', reason: projectName === undefined ? `no Nx project in ${ctx.cwd} for \`${via}\`` : `no Nx project \`${projectName}\`` }]
    const out = runTarget(project, target, `nx run ${project.name}:${target}`, ctx)
    return out ?? [{ kind: 'unresolved', reason: `Nx project \`${project.name}\` has no target \`${target}\`` }]
  },
}

export default nx

function matches(project: NxProject, patterns: string[]): boolean {
  return nameMatchesAny(project.name, patterns) || nameMatchesAny(project.dir, patterns)
}

function nearest(projects: NxProject[], cwd: string): NxProject | undefined {
  return projects.filter((p) => cwd === p.dir || cwd.startsWith(`${p.dir}/`) || p.dir === '.').sort((a, b) => b.dir.length - a.dir.length)[0]
}

/**
 * What `target` of `project` runs, its `dependsOn` targets first; undefined when the project has no
 * such target (run-many skips the project, a named project is unresolved).
 */
function runTarget(project: NxProject, target: string, via: string, ctx: RunnerContext, seen = new Set<string>()): Invocation[] | undefined {
  if (seen.has(target)) return []
  seen.add(target)
  const config = project.targets.get(target)
  const before = (config?.dependsOn ?? []).flatMap((t) => runTarget(project, t, via, ctx, seen) ?? [])
  if (config?.kind === 'commands') return [...before, ...config.commands.map((word): Invocation => ({ kind: 'command-string', word, cwd: config.cwd, label: `${word.span.file} target \`${target}\`` }))]
  if (config?.kind === 'executor') return before
  const script = config?.kind === 'script' ? config.script : target
  if (ctx.project.packages.get(project.dir)?.scripts.has(script)) return [...before, { kind: 'script', packageDir: project.dir, name: script, ifPresent: false, hooks: true, via }]
  return config ? before : undefined
}
