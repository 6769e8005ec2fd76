// https://capistranorb.com/documentation/getting-started/flow/ ; https://capistranorb.com/documentation/getting-started/before-after/
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import { fileStartSpan } from '../model/span.js'
import { classifyEnvironmentName } from '../production/evidence.js'
import type { Project } from '../project/project.js'
import type { CapCommand, CapistranoFile, CapTask, TaskRef } from '../seeds/facts/capistrano.js'
import type { LineIndex } from '../util/line-index.js'
import { alignValue } from '../util/offset-map.js'
import type { SourceReader } from './types.js'

/**
 * The tasks Capistrano and its common plugins define and run themselves. A hook on one of them
 * runs on every `cap <stage> deploy` (flow.md); one of them hooked runs nothing of the project's.
 * Capistrano 3 flow, capistrano-rails (migrations, assets), capistrano-bundler, and the
 * Capistrano 2 `deploy` recipe's steps.
 */
const FRAMEWORK_TASKS = new Set([
  'deploy', 'deploy:starting', 'deploy:started', 'deploy:updating', 'deploy:updated', 'deploy:publishing', 'deploy:published',
  'deploy:finishing', 'deploy:finished', 'deploy:reverting', 'deploy:reverted', 'deploy:finishing_rollback', 'deploy:check',
  'deploy:new_release_path', 'deploy:symlink:release', 'deploy:symlink:shared', 'deploy:symlink:linked_files', 'deploy:symlink:linked_dirs',
  'deploy:set_current_revision', 'deploy:log_revision', 'deploy:cleanup', 'deploy:migrate', 'deploy:migrating', 'deploy:compile_assets',
  'deploy:assets:precompile', 'deploy:assets:backup_manifest', 'deploy:cleanup_assets', 'deploy:normalize_assets', 'bundler:install', 'bundler:map_bins',
  // Capistrano 2
  'deploy:update', 'deploy:update_code', 'deploy:finalize_update', 'deploy:symlink', 'deploy:create_symlink', 'deploy:restart', 'deploy:migrations', 'deploy:setup', 'deploy:cold', 'deploy:start', 'deploy:stop',
])

/**
 * capistrano-rails-db's tasks, each a documented `rake` task run with the stage's RAILS_ENV
 * (https://www.rubydoc.info/gems/capistrano-rails-db/0.0.1): the command is synthesised at the hook.
 */
const RAILS_DB_TASKS: Record<string, string> = {
  'deploy:db:seed': 'rake db:seed',
  'deploy:db:setup': 'rake db:setup',
  'deploy:db:reset': 'rake db:reset',
  'deploy:db:migrate:reset': 'rake db:migrate:reset',
}

/**
 * A task from a gem (not in the repository) may do anything; most plugins restart servers, build
 * assets or notify chat, so a warning on each would be noise. One whose name says it moves data
 * (seed, import, fixtures, load, reset, populate) is reported unresolved on a production deploy.
 */
const DATA_NAME = /seed|import|fixture|load|reset|populate|sample|demo/i

const capistrano: SourceReader = {
  id: 'capistrano',
  title: 'Capistrano',
  docs: 'https://capistranorb.com/documentation/getting-started/flow/',
  files: ['**/config/deploy.rb', '**/config/deploy/*.rb', '**/lib/capistrano/tasks/*.rake'],
  rejectedBy: 'Capistrano',
  read(file, project, config) {
    const all = project.capistranoFiles
    const own = all?.get(file)
    if (!all || !own) return { contexts: [], problems: [] }
    const problems = own.error ? [{ rule: 'parse-error' as const, message: own.error.message, span: own.error.span }] : []
    const m = /^(?:(.*)\/)?config\/deploy(?:\/([^/]+)\.rb|\.rb)$/.exec(file)
    if (!m) return { contexts: [], problems }
    const root = m[1] ?? ''
    const prefix = root ? `${root}/` : ''
    const stages = [...all.keys()].filter((f) => f.startsWith(`${prefix}config/deploy/`))
    // config/deploy.rb stands for the deploy only when there are no stage files (Capistrano 2 without multistage)
    if (m[2] === undefined && stages.length > 0) return { contexts: [], problems }
    const shared = [...all.keys()].filter((f) => f === `${prefix}config/deploy.rb` || f.startsWith(`${prefix}lib/capistrano/tasks/`))
    const files = withLoaded(m[2] === undefined ? shared : [...shared, file], all)
    const context = stageContext(file, m[2], root || '.', files, project, config)
    return { contexts: context ? [context] : [], problems }
  },
}
export default capistrano

/** The files and every file they `load`, in the order Capistrano reads them in */
function withLoaded(files: string[], all: ReadonlyMap<string, CapistranoFile>): [string, CapistranoFile][] {
  const seen = new Set<string>()
  const out: [string, CapistranoFile][] = []
  const add = (f: string): void => {
    const facts = all.get(f)
    if (seen.has(f) || !facts) return
    seen.add(f)
    out.push([f, facts])
    facts.loads.forEach(add)
  }
  files.forEach(add)
  return out
}

interface Hop {
  label: string
  span: Span
}

/** What `cap <stage> deploy` runs of the project's own: the tasks hooked into the flow, and those they invoke. */
function stageContext(file: string, stage: string | undefined, cwd: string, files: [string, CapistranoFile][], project: Project, config: SeedguardConfig): ExecutionContext | undefined {
  const tasks = new Map<string, { task: CapTask; file: string }[]>()
  const settings = new Map<string, string>()
  for (const [f, facts] of files) {
    for (const task of facts.tasks) tasks.set(task.name, [...(tasks.get(task.name) ?? []), { task, file: f }])
    for (const [key, value] of facts.settings) settings.set(key, value.value)
  }
  // capistrano-rails: `set :rails_env, fetch(:rails_env) || fetch(:stage)`
  if (stage !== undefined) settings.set('stage', stage)
  if (!settings.has('rails_env') && stage !== undefined) settings.set('rails_env', stage)
  const resolve = (ref: TaskRef): string => {
    for (let i = ref.scope.length; i >= 0; i--) {
      const name = [...ref.scope.slice(0, i), ref.name].join(':')
      if (tasks.has(name) || FRAMEWORK_TASKS.has(name)) return name
    }
    return ref.name
  }
  const hooks = files.flatMap(([, facts]) => facts.hooks.map((h) => ({ ...h, anchorName: resolve(h.anchor), taskName: resolve(h.task) })))
  const steps: ContextStep[] = []
  const reached = new Set<string>()
  const reach = (name: string, hops: Hop[], at: Span): void => {
    if (reached.has(name)) return
    reached.add(name)
    const own = tasks.get(name)
    if (own) {
      for (const { task, file: taskFile } of own) {
        const lines = project.cache.get(taskFile)
        if (!lines) continue
        const label = [...hops.map((h) => h.label), `task \`${name}\``].join(', ')
        for (const command of task.commands) {
          const source = commandSource(command, lines, settings)
          steps.push({ label: `${label} runs it on the servers`, span: command.span, source, cwd, env: commandEnv(command, settings), reasons: [] })
        }
        for (const invoke of task.invokes) reach(resolve(invoke), [...hops, { label: `task \`${name}\` invokes it`, span: invoke.span }], invoke.span)
      }
    } else if (RAILS_DB_TASKS[name]) {
      const source: ShellSource = { text: RAILS_DB_TASKS[name], offsets: () => at.start.offset, file: at.file, shell: 'sh' }
      const railsEnv = settings.get('rails_env')
      steps.push({ label: `capistrano-rails-db task \`${name}\` (${hops.map((h) => h.label).join(', ')})`, span: at, source, cwd, env: railsEnv ? { RAILS_ENV: railsEnv } : {}, reasons: [] })
    } else if (!FRAMEWORK_TASKS.has(name) && DATA_NAME.test(name)) {
      steps.push({ label: `task \`${name}\` (${hops.map((h) => h.label).join(', ')})`, span: at, cwd, env: {}, reasons: [], invoke: [{ kind: 'unresolved', reason: `Capistrano task \`${name}\` is not defined in the repository (a gem's?): what it runs cannot be read; if it seeds, seedguard cannot see it` }] })
    }
    for (const hook of hooks) if (hook.anchorName === name) reach(hook.taskName, [...hops, { label: `hooked ${hook.when} \`${name}\``, span: hook.task.span }], hook.task.span)
  }
  for (const hook of hooks) if (FRAMEWORK_TASKS.has(hook.anchorName) && !tasks.has(hook.anchorName)) reach(hook.taskName, [{ label: `hooked ${hook.when} \`${hook.anchorName}\``, span: hook.task.span }], hook.task.span)
  // a project task named like a flow step replaces or enhances it: it runs on every deploy
  for (const name of tasks.keys()) if (FRAMEWORK_TASKS.has(name)) reach(name, [{ label: `part of the deploy flow`, span: tasks.get(name)![0]!.task.span }], tasks.get(name)![0]!.task.span)
  if (steps.length === 0) return undefined
  return {
    id: `${file}#deploy`,
    label: `Capistrano \`cap ${stage ?? ''}${stage ? ' ' : ''}deploy\` (${file})`,
    span: fileStartSpan(file),
    reasons: stageReasons(file, stage, settings.get('rails_env'), config),
    steps,
  }
}

/**
 * `cap production deploy` runs the stage file `config/deploy/production.rb`: its name (or the
 * rails_env it sets) says which servers; a stage the names cannot place is a weak reason.
 */
function stageReasons(file: string, stage: string | undefined, railsEnv: string | undefined, config: SeedguardConfig): ProductionReason[] {
  const span = fileStartSpan(file)
  const names = [stage, railsEnv].filter((n): n is string => n !== undefined)
  const verdicts = names.map((n) => classifyEnvironmentName(n, config))
  const phase = `\`cap ${stage ?? ''}${stage ? ' ' : ''}deploy\` runs the hooked tasks on the stage's servers`
  if (verdicts.includes('not-production')) return [{ kind: 'environment', towards: false, detail: `Capistrano stage \`${names.join('`, rails_env `')}\` is not production`, span }]
  if (verdicts.includes('production')) return [{ kind: 'platform-phase', towards: true, detail: phase, span }, { kind: 'environment', towards: true, detail: `Capistrano stage \`${names.join('`, rails_env `')}\``, span }]
  return [{ kind: 'platform-phase', towards: true, detail: `${phase}; the stage name does not say which environment it is`, span, weak: true }]
}

/** SSHKit's `execute :rake, 'db:seed'` is the command `rake db:seed`: the arguments joined by spaces */
function commandSource(command: CapCommand, lines: LineIndex, settings: Map<string, string>): ShellSource {
  let text = ''
  const runs: { at: number; map: (i: number) => number }[] = []
  for (const piece of command.pieces) {
    if (!piece.glued && text.length > 0) {
      runs.push({ at: text.length, map: () => piece.start })
      text += ' '
    }
    const value = piece.kind === 'text' ? piece.value : piece.kind === 'setting' ? (settings.get(piece.name) ?? '_') : '_'
    const base = text.length
    const map = piece.kind === 'text' ? alignValue(piece.value, lines.text, piece.start, piece.end) : () => piece.start
    runs.push({ at: base, map: (i) => map(i - base) })
    text += value
  }
  const end = command.pieces.at(-1)?.end ?? 0
  return {
    text,
    offsets: (i) => {
      if (i >= text.length) return end
      let run = runs[0]!
      for (const r of runs) if (r.at <= i) run = r
      return run.map(i)
    },
    file: lines.file,
    shell: 'sh',
  }
}

function commandEnv(command: CapCommand, settings: Map<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const { name, value } of command.env) {
    const resolved = typeof value === 'string' ? value : settings.get(value.setting)
    if (resolved !== undefined) env[name] = resolved
  }
  return env
}
