// https://nx.dev/reference/project-configuration ; https://nx.dev/nx-api/nx/executors/run-commands
// An Nx project is a directory with a project.json, or a workspace package (its package.json
// scripts are inferred targets). Its name is project.json `name`, else package.json `name`, else
// the directory's name.
// The workspace root's package.json is a project only when it has an `nx` property or a root
// project.json (https://nx.dev/recipes/tips-n-tricks/root-level-scripts): otherwise `nx run-many`
// never reaches the root scripts, which usually call `nx run-many` themselves.
import type { ShellWord } from '../shell/parse.js'
import { jsonAt, jsonEntries, jsonString, parseJsonOf, type JsonNode } from '../util/json.js'
import type { LineIndex } from '../util/line-index.js'
import { basenameOf, dirnameOf, isWithin, joinPath } from '../util/paths.js'
import type { Project } from './project.js'

/** What a project.json target runs: shell commands (`nx:run-commands`), a package script (`nx:run-script`), or an executor we cannot see into. */
export type NxTarget =
  | { kind: 'commands'; commands: ShellWord[]; cwd: string; dependsOn: string[] }
  | { kind: 'script'; script: string; dependsOn: string[] }
  | { kind: 'executor'; executor: string; dependsOn: string[] }

export interface NxProject {
  name: string
  dir: string
  targets: Map<string, NxTarget>
}

const RUN_COMMANDS = new Set(['nx:run-commands', '@nx/workspace:run-commands', '@nrwl/workspace:run-commands'])
const RUN_SCRIPT = new Set(['nx:run-script', '@nrwl/workspace:run-script'])
const cache = new WeakMap<Project, Map<string, NxProject[]>>()

/** The projects of the Nx workspace rooted at `root` (nx.json's directory). */
export function readNxProjects(project: Project, root: string): NxProject[] {
  let byRoot = cache.get(project)
  if (!byRoot) cache.set(project, (byRoot = new Map()))
  const known = byRoot.get(root)
  if (known) return known
  const projects = new Map<string, NxProject>()
  const files = project.cache.files.list().filter((f) => basenameOf(f) === 'project.json' && !f.includes('node_modules/') && isWithin(root, f))
  for (const file of files) {
    const lines = project.cache.get(file)
    const node = lines && parseJsonOf(lines).root
    if (!lines || node?.type !== 'object') continue
    const dir = dirnameOf(file)
    const targets = new Map(jsonEntries(jsonAt(node, ['targets'])).map(({ key, value }) => [key, readTarget(key, value, lines, root, dir)]))
    projects.set(dir, { name: jsonString(jsonAt(node, ['name'])) ?? project.packages.get(dir)?.name ?? basenameOf(dir), dir, targets })
  }
  for (const pkg of project.packages.values()) {
    if (!isWithin(root, pkg.dir) || projects.has(pkg.dir) || (pkg.dir === root && !hasNxProperty(project, pkg.file))) continue
    projects.set(pkg.dir, { name: pkg.name ?? basenameOf(pkg.dir), dir: pkg.dir, targets: new Map() })
  }
  const list = [...projects.values()]
  byRoot.set(root, list)
  return list
}

function hasNxProperty(project: Project, packageFile: string): boolean {
  const lines = project.cache.get(packageFile)
  return lines !== undefined && jsonAt(parseJsonOf(lines).root, ['nx']) !== undefined
}

function readTarget(name: string, node: JsonNode, lines: LineIndex, root: string, dir: string): NxTarget {
  const dependsOn = (jsonAt(node, ['dependsOn'])?.children ?? []).map((d) => jsonString(d) ?? jsonString(jsonAt(d, ['target']))).filter((d): d is string => d !== undefined && !d.startsWith('^'))
  const executor = jsonString(jsonAt(node, ['executor']))
  const options = jsonAt(node, ['options'])
  if (executor !== undefined && RUN_SCRIPT.has(executor)) return { kind: 'script', script: jsonString(jsonAt(options, ['script'])) ?? '', dependsOn }
  // a target with a top-level `command` is shorthand for nx:run-commands
  if (executor !== undefined && !RUN_COMMANDS.has(executor)) return { kind: 'executor', executor, dependsOn }
  const sources = [jsonAt(node, ['command']), jsonAt(options, ['command']), jsonAt(options, ['commands'])]
  const strings = sources.flatMap((s) => (s?.type === 'array' ? (s.children ?? []) : s ? [s] : [])).map((s) => (s.type === 'object' ? jsonAt(s, ['command']) : s))
  // no executor and no command: the target only configures the package.json script of that name
  if (executor === undefined && strings.length === 0) return { kind: 'script', script: name, dependsOn }
  const commands = strings.filter((s): s is JsonNode => jsonString(s) !== undefined).map((s) => ({ value: jsonString(s)!, span: lines.span(s.offset + 1, s.offset + s.length - 1), dynamic: false }))
  // cwd is relative to the workspace root, which is also where commands run without one
  const cwd = jsonString(jsonAt(options, ['cwd']))?.replace('{projectRoot}', dir).replace('{workspaceRoot}', '.')
  return { kind: 'commands', commands, cwd: (cwd === undefined ? root : joinPath(root, cwd)) ?? root, dependsOn }
}
