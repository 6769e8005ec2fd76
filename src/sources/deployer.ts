// https://deployer.org/docs/7.x/getting-started ; https://deployer.org/docs/7.x/hosts ; https://deployer.org/docs/7.x/yaml
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import { fileStartSpan } from '../model/span.js'
import { classifyEnvironmentName } from '../production/evidence.js'
import type { LineIndex } from '../util/line-index.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import { dirnameOf } from '../util/paths.js'
import { hostVerdict } from './host-names.js'
import type { SourceReader } from './types.js'
import { loadYamlFile } from './yaml-file.js'

const STRING = `'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"`

/**
 * The Laravel recipe's database tasks, each `artisan('<command> --force')`
 * (https://github.com/deployphp/deployer/blob/master/recipe/laravel.php): synthesised at the hook.
 */
const LARAVEL_RECIPE: Record<string, string> = {
  'artisan:db:seed': 'php artisan db:seed --force',
  'artisan:migrate:fresh': 'php artisan migrate:fresh --force',
}

/** A task of a recipe (not in the repository) whose name says it moves data is unresolved; the rest (links, caches, restarts) is not read. */
const DATA_NAME = /seed|import|fixture|load|reset|populate|sample|demo|fresh/i

interface Literal {
  value: string
  /** what the call adds before it: the `php artisan ` of the Laravel recipe's `artisan('db:seed --force')` */
  prefix?: string
  /** the file offset of each character of the value */
  offsets: (i: number) => number
  span: Span
}

interface Task {
  name: string
  span: Span
  commands: Literal[]
  invokes: Literal[]
}

interface Hook {
  when: 'before' | 'after'
  anchor: string
  tasks: Literal[]
}

/** what a recipe declares, read alike from deploy.php and deploy.yaml */
interface Recipe {
  tasks: Map<string, Task>
  /** `task('deploy', ['a', 'b'])`, `deploy: [a, b]`: tasks that run others in order */
  groups: Map<string, Literal[]>
  hooks: Hook[]
  /** it imports Deployer's Laravel recipe */
  laravel: boolean
  /** each host's name and the stage its labels give it */
  hosts: { names: string[]; stage?: string }[]
}

/**
 * Deployer's recipe, deploy.php (https://deployer.org/docs/7.x/basics) or deploy.yaml
 * (https://deployer.org/docs/7.x/yaml): `dep deploy <selector>` runs the `deploy` task's list and
 * what `before`/`after` hook onto it, with each task's `run` commands on the selected hosts. A host
 * labelled or named for production makes the file a production deploy.
 */
const deployer: SourceReader = {
  id: 'deployer',
  title: 'Deployer',
  docs: 'https://deployer.org/docs/7.x/getting-started',
  files: ['**/deploy.php', '**/deploy.yaml'],
  read(file, project, config) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    if (file.endsWith('.yaml')) {
      if (!isDeployerYaml(lines.text)) return { contexts: [], problems: [] }
      const loaded = loadYamlFile(file, project)
      if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
      return { contexts: recipeContexts(file, lines, yamlRecipe(loaded.view), config), problems: [] }
    }
    if (!/namespace\s+Deployer\b|Deployer\\/.test(lines.text)) return { contexts: [], problems: [] }
    return { contexts: recipeContexts(file, lines, phpRecipe(lines), config), problems: [] }
  },
}
export default deployer

/** the tasks `dep deploy` reaches, as the context of the hosts it selects */
function recipeContexts(file: string, lines: LineIndex, { tasks, groups, hooks, laravel, hosts }: Recipe, config: SeedguardConfig): ExecutionContext[] {
  const defined = (name: string) => tasks.has(name) || groups.has(name)
  const steps: ContextStep[] = []
  const cwd = dirnameOf(file)
  const reached = new Set<string>()
  const reach = (name: string, hops: string[], at: Span): void => {
    if (reached.has(name)) return
    reached.add(name)
    const label = [...hops, `task \`${name}\``].join(', ')
    const task = tasks.get(name)
    if (task) {
      for (const c of task.commands) steps.push({ label: `${label} runs it on the hosts`, span: c.span, source: commandSource(c, lines), cwd, env: {}, reasons: [] })
      for (const i of task.invokes) reach(i.value, [...hops, `task \`${name}\` invokes it`], i.span)
    }
    for (const member of groups.get(name) ?? []) reach(member.value, [...hops, `part of task \`${name}\``], member.span)
    if (!defined(name)) {
      const recipe = laravel ? LARAVEL_RECIPE[name] : undefined
      if (recipe) steps.push({ label: `Laravel recipe task \`${name}\` (${hops.join(', ')})`, span: at, source: { text: recipe, offsets: () => at.start.offset, file, shell: 'sh' }, cwd, env: {}, reasons: [] })
      else if (DATA_NAME.test(name)) steps.push({ label, span: at, cwd, env: {}, reasons: [], invoke: [{ kind: 'unresolved', reason: `Deployer task \`${name}\` comes from a recipe outside the repository: what it runs cannot be read; if it seeds, seedguard cannot see it` }] })
    }
    for (const hook of hooks) if (hook.anchor === name) for (const t of hook.tasks) reach(t.value, [...hops, `hooked ${hook.when} \`${name}\``], t.span)
  }
  // `dep deploy` runs the deploy task; a hook on any recipe task of its flow (deploy:*, artisan:migrate …) runs with it
  if (defined('deploy')) reach('deploy', [], fileStartSpan(file))
  for (const hook of hooks) {
    if (defined(hook.anchor) || !(hook.anchor === 'deploy' || /^(deploy|artisan):/.test(hook.anchor))) continue
    for (const t of hook.tasks) reach(t.value, [`hooked ${hook.when} \`${hook.anchor}\``], t.span)
  }
  if (steps.length === 0) return []
  return [{ id: `${file}#deploy`, label: `Deployer \`dep deploy\` (${file})`, span: fileStartSpan(file), reasons: hostReasons(hosts, file, config), steps }]
}

/** deploy.php: `task()`, `before()`/`after()`, `host()` calls, read from the text */
function phpRecipe(lines: LineIndex): Recipe {
  // comments are blanked in place so offsets stay
  const text = lines.text.replace(/\/\*[\s\S]*?\*\/|(^|[\s;])\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '))
  const literal = (raw: string, at: number): Literal => ({ value: raw.slice(1, -1), offsets: (i) => at + 1 + i, span: lines.span(at + 1, at + raw.length - 1) })
  const groups = new Map<string, Literal[]>()
  for (const m of text.matchAll(new RegExp(`\\btask\\s*\\(\\s*(${STRING})\\s*,\\s*\\[([^\\]]*)\\]`, 'g'))) {
    groups.set(m[1]!.slice(1, -1), literals(m[2]!, m.index + m[0].indexOf('[', m[1]!.length) + 1, literal))
  }
  const hooks = [...text.matchAll(new RegExp(`\\b(before|after)\\s*\\(\\s*(${STRING})\\s*,\\s*(${STRING}|\\[[^\\]]*\\])`, 'g'))].map((m): Hook => ({
    when: m[1] as Hook['when'],
    anchor: m[2]!.slice(1, -1),
    tasks: literals(m[3]!, m.index + m[0].lastIndexOf(m[3]!), literal),
  }))
  return { tasks: readTasks(text, literal), groups, hooks, laravel: /recipe\/laravel(\.php)?['"]/.test(text), hosts: phpHosts(text) }
}

/** a YAML recipe names Deployer's own recipes or keys: `import: recipe/…`, or `hosts:` beside `tasks:` */
function isDeployerYaml(text: string): boolean {
  return /^import:[\s\S]*?recipe\//m.test(text) || (/^hosts:/m.test(text) && /^tasks:/m.test(text))
}

/**
 * deploy.yaml (https://deployer.org/docs/7.x/yaml, https://github.com/deployphp/deployer/blob/master/src/schema.json):
 * `tasks:` maps a name to a list of task names (a group) or of steps (`run:`, `cd:`, `upload:` …);
 * `before:`/`after:` map a task to one task or a list; `hosts:` map a name to its settings and `labels`.
 */
function yamlRecipe(view: YamlView): Recipe {
  const literal = (node: YamlNode | undefined): Literal | undefined => {
    const source = view.shellSource(node, 'sh')
    return source && { value: source.text, offsets: source.offsets, span: view.span(node) }
  }
  const tasks = new Map<string, Task>()
  const groups = new Map<string, Literal[]>()
  for (const { key, keyNode, value } of view.entries(view.get(view.root, 'tasks'))) {
    const items = view.items(value)
    const names = items.map((item) => (view.string(item) !== undefined ? literal(item) : undefined))
    if (items.length > 0 && names.every((n) => n !== undefined)) {
      groups.set(key, names as Literal[])
      continue
    }
    const commands = items.map((item) => literal(view.get(item, 'run'))).filter((c): c is Literal => c !== undefined)
    tasks.set(key, { name: key, span: view.span(keyNode), commands, invokes: [] })
  }
  const hooks = (['before', 'after'] as const).flatMap((when) =>
    view.entries(view.get(view.root, when)).map(({ key, value }): Hook => ({ when, anchor: key, tasks: (view.items(value).length > 0 ? view.items(value) : [value]).map(literal).filter((t): t is Literal => t !== undefined) })),
  )
  const imported = view.get(view.root, 'import')
  const imports = view.items(imported).length > 0 ? view.strings(imported) : [view.string(imported) ?? '']
  const hosts = view.entries(view.get(view.root, 'hosts')).map(({ key, value }) => {
    const labels = view.record(view.get(value, 'labels'))
    const stage = labels.stage ?? labels.env
    const hostname = view.string(view.get(value, 'hostname'))
    return { names: [key, ...(hostname ? [hostname] : [])], ...(stage !== undefined && { stage }) }
  })
  return { tasks, groups, hooks, laravel: imports.some((i) => /recipe\/laravel(\.php)?$/.test(i)), hosts }
}

function literals(list: string, at: number, literal: (raw: string, at: number) => Literal): Literal[] {
  return [...list.matchAll(new RegExp(STRING, 'g'))].map((m) => literal(m[0], at + m.index))
}

/** `task('name', function () { … run('…'); invoke('…'); … });` */
function readTasks(text: string, literal: (raw: string, at: number) => Literal): Map<string, Task> {
  const tasks = new Map<string, Task>()
  for (const m of text.matchAll(new RegExp(`\\btask\\s*\\(\\s*(${STRING})\\s*,\\s*(?:static\\s+)?function\\s*\\([^)]*\\)\\s*(?:use\\s*\\([^)]*\\)\\s*)?(?::\\s*\\w+\\s*)?\\{`, 'g'))) {
    const open = m.index + m[0].length
    let depth = 1
    let end = open
    while (end < text.length && depth > 0) {
      const c = text[end]
      if (c === '{') depth++
      else if (c === '}') depth--
      else if (c === "'" || c === '"') {
        const s = new RegExp(STRING, 'y')
        s.lastIndex = end
        const q = s.exec(text)
        if (q) end += q[0].length - 1
      }
      end++
    }
    const body = text.slice(open, end)
    const name = literal(m[1]!, m.index + m[0].indexOf(m[1]!))
    const task: Task = tasks.get(name.value) ?? { name: name.value, span: name.span, commands: [], invokes: [] }
    for (const c of body.matchAll(new RegExp(`\\b(run|invoke)\\s*\\(\\s*(${STRING})`, 'g'))) {
      const lit = literal(c[2]!, open + c.index + c[0].lastIndexOf(c[2]!))
      if (c[1] === 'run') task.commands.push(lit)
      else task.invokes.push(lit)
    }
    tasks.set(name.value, task)
  }
  // task('app:seed', artisan('db:seed --force', ['skipIfNoEnv'])): the Laravel recipe's helper runs `{{bin/php}} {{release_or_current_path}}/artisan <command>`
  for (const m of text.matchAll(new RegExp(`\\btask\\s*\\(\\s*(${STRING})\\s*,\\s*artisan\\s*\\(\\s*(${STRING})`, 'g'))) {
    const name = literal(m[1]!, m.index + m[0].indexOf(m[1]!))
    const command = { ...literal(m[2]!, m.index + m[0].lastIndexOf(m[2]!)), prefix: 'php artisan ' }
    tasks.set(name.value, { name: name.value, span: name.span, commands: [command], invokes: [] })
  }
  return tasks
}

/**
 * `run('cd {{release_path}} && {{bin/php}} artisan db:seed --force')`, in place: `{{bin/php}}` is
 * the binary Deployer found (its `bin/*` settings), so the program's name padded with spaces; any
 * other `{{…}}` placeholder (a path) a word of x.
 */
function commandSource(command: Literal, lines: LineIndex): ShellSource {
  const prefix = command.prefix ?? ''
  const text = prefix + command.value.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (m, name: string) => (name.startsWith('bin/') ? name.slice(4).padEnd(m.length, ' ') : 'x'.repeat(m.length)))
  return { text, offsets: (i) => command.offsets(Math.max(0, Math.min(i, text.length) - prefix.length)), file: lines.file, shell: 'sh' }
}

/** `host('prod.example.com')->set('labels', ['stage' => 'production'])` (v7), `->stage('production')` (v6) */
function phpHosts(text: string): Recipe['hosts'] {
  return [...text.matchAll(new RegExp(`\\bhost\\s*\\(([^)]*)\\)([^;]*);`, 'g'))].map((m) => {
    const names = [...m[1]!.matchAll(new RegExp(STRING, 'g'))].map((s) => s[0].slice(1, -1))
    const stage = new RegExp(`->\\s*stage\\s*\\(\\s*(${STRING})|(['"])(?:stage|env)\\2\\s*=>\\s*(${STRING})`).exec(m[2]!)
    const stageName = (stage?.[1] ?? stage?.[3])?.slice(1, -1)
    return { names, ...(stageName !== undefined && { stage: stageName }) }
  })
}

/**
 * A production host (its stage label, else its name) makes `dep deploy` a production deploy; only
 * staging hosts, none; hosts whose names cannot tell, a weak reason.
 */
function hostReasons(hosts: Recipe['hosts'], file: string, config: SeedguardConfig): ProductionReason[] {
  const span = fileStartSpan(file)
  const verdicts = hosts.map(({ names, stage }) => ({
    name: stage ?? names.join(', '),
    verdict: stage !== undefined ? classifyEnvironmentName(stage, config) : (names.map((n) => hostVerdict(n, config)).find((v) => v !== 'unknown') ?? 'unknown'),
  }))
  const production = verdicts.filter((v) => v.verdict === 'production')
  const phase = 'host selected by `dep deploy` runs the deploy task and its hooks'
  if (production.length > 0) return [{ kind: 'platform-phase', towards: true, detail: phase, span }, { kind: 'environment', towards: true, detail: `Deployer host \`${production.map((p) => p.name).join('`, `')}\``, span }]
  if (verdicts.length > 0 && verdicts.every((v) => v.verdict === 'not-production')) return [{ kind: 'environment', towards: false, detail: `Deployer hosts \`${verdicts.map((v) => v.name).join('`, `')}\` are not production`, span }]
  return [{ kind: 'platform-phase', towards: true, detail: `${phase}; the hosts' names do not say which environment they are`, span, weak: true }]
}
