// Task (https://taskfile.dev): `task deploy` runs deploy's `deps`, then its `cmds` in order, each a
// shell command (mvdan.cc/sh), or `task: other` to run another task. With no name it runs `default`.
// Sources: https://taskfile.dev/docs/guide/running-tasks (file names, the walk up to a parent's
// Taskfile, tasks run from the Taskfile's directory unless `dir`), https://taskfile.dev/docs/guide/includes
// (namespaces, paths relative to the including file, an include's `dir`, `flatten`),
// https://taskfile.dev/docs/reference/schema (the shapes of a task and of its commands).
import type { Project } from '../../project/project.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import { nearestFile } from '../../project/nearest-file.js'
import { parseYamlOf, YamlView, type YamlNode } from '../../util/yaml.js'
import type { ShellWord } from '../parse.js'
import { flagAndInline } from './args.js'
import type { Invocation, PackageRunner } from './types.js'

export const TASKFILE_NAMES = ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'taskfile.dist.yml', 'Taskfile.dist.yaml', 'taskfile.dist.yaml']
// https://taskfile.dev/docs/reference/cli : flags that take a value
const VALUED = new Set(['-t', '--taskfile', '-d', '--dir', '-C', '--concurrency', '-o', '--output', '--output-group-begin', '--output-group-end', '-I', '--interval', '--sort', '--remote-cache-dir', '--cache-expiry', '--completion'])
// flags that list, print or check instead of running anything
const DRY = new Set(['-n', '--dry', '-l', '--list', '-a', '--list-all', '--summary', '-i', '--init', '--status', '--version', '-h', '--help', '--json'])
const MAX_INCLUDE_DEPTH = 4

interface TaskDefinition {
  view: YamlView
  node: YamlNode | undefined
  /** where its commands run; undefined: where `task` was run (`dir: '{{.USER_WORKING_DIR}}'`) */
  dir: string | undefined
  /** the namespace its own `task:` references are resolved in (`docs:` for an included file) */
  namespace: string
  /** the Taskfile's and the task's own `vars` with a plain value */
  vars: Record<string, string>
}

interface Taskfile {
  file: string
  tasks: Map<string, TaskDefinition>
}

const parsed = new WeakMap<Project, Map<string, Taskfile | null>>()

const task: PackageRunner = {
  id: 'task',
  commands: ['task', 'go-task'],
  resolve(words, ctx) {
    let dir: string | undefined = ctx.cwd
    let given: string | undefined
    const names: ShellWord[] = []
    const cliVars: Record<string, string> = {}
    let cliArgs = ''
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!
      if (word.value === '--') {
        cliArgs = words.slice(i + 1).map((w) => w.value).join(' ')
        break
      }
      const [flag, inline] = flagAndInline(word.value)
      if (DRY.has(flag!)) return []
      if (VALUED.has(flag!)) {
        const value = inline ?? words[++i]?.value
        if (flag === '-d' || flag === '--dir') dir = value === undefined || dir === undefined ? undefined : joinPath(dir, value)
        if (flag === '-t' || flag === '--taskfile') given = value
        continue
      }
      if (word.value.startsWith('-')) continue
      const assignment = /^(\w+)=(.*)$/s.exec(word.value)
      if (assignment) cliVars[assignment[1]!] = assignment[2]!
      else names.push(word)
    }
    if (dir === undefined) return [{ kind: 'unresolved', reason: 'task --dir names a directory outside the repository' }]
    const givenPath = given === undefined ? undefined : joinPath(dir, given)
    // Task walks up the tree to the nearest Taskfile, as git does; `-t` names a file or its directory
    const file = given !== undefined ? givenPath && taskfileAt(ctx.project, givenPath) : nearestFile(ctx.project, dir, TASKFILE_NAMES)
    // no Taskfile in the repository: the command stays a plain command (custom `seed-commands` may name it)
    if (file === undefined) return undefined
    const taskfile = readTaskfile(ctx.project, file)
    if (!taskfile) return [{ kind: 'unresolved', reason: `${file} cannot be read as a Taskfile` }]
    const dynamic = names.find((n) => n.dynamic)
    if (dynamic) return [{ kind: 'unresolved', reason: `task \`${dynamic.value}\` is only known at run time` }]
    const out: Invocation[] = []
    const ran = new Set<string>()
    const run = (name: string): void => {
      if (ran.has(name)) return
      ran.add(name)
      const definition = taskfile.tasks.get(name)
      if (!definition) {
        out.push({ kind: 'unresolved', reason: `${taskfile.file} has no task \`${name}\`` })
        return
      }
      const { view, node } = definition
      const reference = (target: string) => (target.startsWith(':') ? target.slice(1) : `${definition.namespace}${target}`)
      for (const dep of view.items(view.get(node, 'deps'))) {
        const target = view.string(dep) ?? view.string(view.get(dep, 'task'))
        if (target !== undefined) run(reference(target))
      }
      for (const command of commandsOf(view, node)) {
        const body = view.string(command) !== undefined ? command : (view.get(command, 'cmd') ?? view.get(command, 'defer'))
        const target = view.string(view.get(command, 'task')) ?? view.string(view.get(body, 'task'))
        if (target !== undefined) {
          run(reference(target))
          continue
        }
        const value = view.string(body)
        if (value === undefined || !body) continue
        const vars = { ...definition.vars, ...cliVars, CLI_ARGS: cliArgs, USER_WORKING_DIR: ctx.cwd }
        const word: ShellWord = { value: expandTemplates(value, vars), span: view.span(body), dynamic: false }
        out.push({ kind: 'command-string', word, cwd: definition.dir ?? ctx.cwd, label: `${definition.view.lines.file} task \`${name}\`` })
      }
    }
    for (const name of names.length > 0 ? names.map((n) => n.value) : ['default']) run(name)
    return out
  },
}

export default task

/** a task's commands: `cmds`, a single `cmd`, or the shorthands `name: command` and `name: [a, b]` */
function commandsOf(view: YamlView, node: YamlNode | undefined): YamlNode[] {
  if (view.string(node) !== undefined) return [node!]
  const list = view.items(node)
  if (list.length > 0) return list
  const single = view.get(node, 'cmd')
  return single ? [single] : view.items(view.get(node, 'cmds'))
}

/** a path Task is given (`-t`, an include): the file, or the Taskfile in that directory */
function taskfileAt(project: Project, path: string): string | undefined {
  return project.cache.exists(path) ? path : TASKFILE_NAMES.map((n) => joinPath(path, n)).find((p): p is string => p !== undefined && project.cache.exists(p))
}


function readTaskfile(project: Project, file: string): Taskfile | undefined {
  let cache = parsed.get(project)
  if (!cache) parsed.set(project, (cache = new Map()))
  if (!cache.has(file)) {
    cache.set(file, null)
    const tasks = new Map<string, TaskDefinition>()
    const ok = addTasks(project, file, dirnameOf(file), '', tasks, 0)
    cache.set(file, ok ? { file, tasks } : null)
  }
  return cache.get(file) ?? undefined
}

/** a Taskfile's tasks and its includes' under their namespaces; false when the file does not parse */
function addTasks(project: Project, file: string, dir: string, namespace: string, tasks: Map<string, TaskDefinition>, depth: number): boolean {
  const lines = project.cache.get(file)
  if (!lines) return false
  const { doc, error } = parseYamlOf(lines)
  if (error) return false
  const view = new YamlView(doc, lines)
  const fileVars = view.record(view.get(view.root, 'vars'))
  for (const { key, value } of view.entries(view.get(view.root, 'tasks'))) {
    const own = view.string(view.get(value, 'dir'))
    const taskDir = own === undefined ? dir : /^\{\{\s*\.USER_WORKING_DIR\s*\}\}$/.test(own) ? undefined : (joinPath(dir, own) ?? dir)
    const definition = { view, node: value, dir: taskDir, namespace, vars: { ...fileVars, ...view.record(view.get(value, 'vars')) } }
    for (const name of [key, ...view.strings(view.get(value, 'aliases'))]) if (!tasks.has(`${namespace}${name}`)) tasks.set(`${namespace}${name}`, definition)
  }
  if (depth >= MAX_INCLUDE_DEPTH) return true
  for (const { key, value } of view.entries(view.get(view.root, 'includes'))) {
    const target = view.string(value) ?? view.string(view.get(value, 'taskfile'))
    const path = target === undefined || target.includes('{{') ? undefined : joinPath(dirnameOf(file), target)
    const included = path === undefined ? undefined : taskfileAt(project, path)
    if (included === undefined) continue
    // without its own `dir`, an included file's tasks run where the including file's do
    const ownDir = view.string(view.get(value, 'dir'))
    const includedDir = ownDir === undefined ? dir : (joinPath(dirnameOf(file), ownDir) ?? dir)
    const flatten = view.string(view.get(value, 'flatten')) === 'true'
    addTasks(project, included, includedDir, flatten ? namespace : `${namespace}${key}:`, tasks, depth + 1)
  }
  return true
}

/** Go templates: `{{.VAR}}` from the Taskfile's vars and the command line, anything else unknown to the shell */
function expandTemplates(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{-?\s*([^}]*?)\s*-?\}\}/g, (_, expression: string) => {
    const name = /^\.(\w+)$/.exec(expression)?.[1]
    if (name !== undefined && vars[name] !== undefined && !vars[name]!.includes('{{')) return vars[name]!
    return name !== undefined ? `$${name}` : '$TASK_TEMPLATE'
  })
}
