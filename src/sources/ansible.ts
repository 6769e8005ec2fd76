// https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_intro.html
// A playbook is a list of plays; each runs its tasks (and its roles' `tasks/main.yml`) on the hosts it names,
// from the inventory `ansible-playbook -i` is given (https://docs.ansible.com/ansible/latest/cli/ansible-playbook.html).
// `command`/`shell` tasks run their text on those hosts.
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason, Verdict } from '../model/production.js'
import type { Span } from '../model/span.js'
import { classifyEnvironmentName, nameVerdict } from '../production/evidence.js'
import type { Deployments, PlaybookRun } from '../production/deployments.js'
import type { Project } from '../project/project.js'
import { basenameOf, CHECKOUT_ROOT, dirnameOf, joinPath } from '../util/paths.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import { yamlOf } from './docker/files.js'
import type { SourceReader } from './types.js'

type Vars = Record<string, string>

// https://docs.ansible.com/ansible/latest/collections/ansible/builtin/command_module.html and shell_module.html
const COMMAND_MODULES = new Set(['command', 'shell', 'ansible.builtin.command', 'ansible.builtin.shell', 'ansible.legacy.command', 'ansible.legacy.shell'])
const TASK_LISTS = ['pre_tasks', 'tasks', 'post_tasks']
const BLOCK_LISTS = ['block', 'rescue', 'always']
const INCLUDE_TASKS = new Set(['include_tasks', 'import_tasks', 'ansible.builtin.include_tasks', 'ansible.builtin.import_tasks', 'include'])
const INCLUDE_ROLE = new Set(['include_role', 'import_role', 'ansible.builtin.include_role', 'ansible.builtin.import_role'])

/** a play the cheap text test lets through: a top-level list item naming `hosts:` */
const PLAY_TEXT = /^(- |  )hosts:/m

interface Scope {
  project: Project
  config: SeedguardConfig
  /** the playbook's directory: roles/ and group_vars/ sit beside it */
  base: string
  vars: Vars
  env: Vars
  reasons: ProductionReason[]
  label: string
  /** task files already on the path (an include cycle) */
  seen: Set<string>
  /** server paths that hold the deployed checkout (Ansistrano's `current`): the repository's root */
  checkout: string[]
}

/**
 * Where a play runs: hosts named for an environment decide; `all` or a group no name decides runs
 * on whichever inventory `-i` names: the one a script, Makefile or CI job runs the playbook with
 * (`ansible-playbook -i inventories/production site.yml`), else the repository's inventories may settle it.
 */
function hostsReasons(project: Project, config: SeedguardConfig, base: string, hosts: string, span: Span, runs: PlaybookRun[]): ProductionReason[] {
  const named = nameVerdict(hosts, config)
  if (named === 'production') return [{ kind: 'platform-phase', towards: true, detail: `the play runs on hosts \`${hosts}\``, span }]
  if (named === 'not-production') return [{ kind: 'environment', towards: false, detail: `the play runs on hosts \`${hosts}\``, span }]
  const judged = runs.map((run) => ({ run, verdict: runVerdict(run, base, config) }))
  const production = judged.find((j) => j.verdict === 'production')
  if (production) return [{ kind: 'platform-phase', towards: true, detail: `the play runs on hosts \`${hosts}\` of the production inventory ${production.run.inventories.join(', ')}: ${production.run.detail}`, span }]
  if (judged.length > 0 && judged.every((j) => j.verdict === 'not-production')) return [{ kind: 'environment', towards: false, detail: `every run of the playbook is on a non-production inventory (${judged.map((j) => j.run.detail).join('; ')})`, span }]
  const inventories = inventoriesOf(project, base, config)
  const verdicts = new Set(inventories.map((i) => i.verdict))
  if (inventories.length > 0 && verdicts.size === 1 && verdicts.has('not-production')) return [{ kind: 'environment', towards: false, detail: `every inventory in the repository is for a non-production environment (${inventories.map((i) => i.file).join(', ')})`, span }]
  if (inventories.length > 0 && verdicts.size === 1 && verdicts.has('production')) return [{ kind: 'platform-phase', towards: true, detail: `the play runs on hosts \`${hosts}\` of ${inventories.map((i) => i.file).join(', ')}, the repository's only inventory, for production`, span }]
  const which = inventories.length > 0 ? `the inventories ${inventories.map((i) => i.file).join(', ')} are for several environments` : 'no inventory in the repository says which'
  return [{ kind: 'platform-phase', towards: true, weak: true, detail: `the play runs on hosts \`${hosts}\` of whichever inventory \`ansible-playbook -i\` names: ${which}`, span }]
}

/** a run of the playbook: not production where what runs it is not; else as its inventories are named */
function runVerdict(run: PlaybookRun, base: string, config: SeedguardConfig): Verdict {
  if (run.production === 'not-production') return 'not-production'
  const verdicts = run.inventories.map((i) => inventoryVerdict(i, base, config))
  return verdicts.includes('production') ? 'production' : verdicts.length > 0 && verdicts.every((v) => v === 'not-production') ? 'not-production' : 'unknown'
}

/** inventory files (`inventory/production`, `inventories/staging/hosts`, `hosts.prod.ini`) and the environment their path names */
function inventoriesOf(project: Project, base: string, config: SeedguardConfig): { file: string; verdict: Verdict }[] {
  return project.cache.files.list()
    .filter((f) => (f.startsWith(base === '.' ? '' : `${base}/`)) && !/(^|\/)(group|host)_vars\//.test(f))
    .filter((f) => /(^|\/)inventor(y|ies)\//.test(f) || /^(hosts|inventory)([._-][\w-]+)*(\.ini|\.ya?ml)?$/.test(basenameOf(f)))
    .map((file) => ({ file, verdict: inventoryVerdict(file, base, config) }))
}

/** the environment an inventory's path names below the playbook's directory, its `hosts`/`inventory` words aside */
function inventoryVerdict(path: string, base: string, config: SeedguardConfig): Verdict {
  const below = base !== '.' && path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path
  return nameVerdict(below.replace(/\.(ini|ya?ml)$/, '').replace(/(^|\/)(hosts|inventor(y|ies))(?=\/|$|[._-])/g, ''), config)
}

/** each match of `pattern` in the source replaced by `value(match)`, offsets still pointing into the file */
function replaced(source: ShellSource, pattern: RegExp, value: (m: RegExpMatchArray) => string): ShellSource {
  let text = ''
  const origin: number[] = []
  let last = 0
  for (const m of source.text.matchAll(pattern)) {
    for (let i = last; i < m.index; i++) (text += source.text[i]!), origin.push(i)
    for (const ch of value(m)) (text += ch), origin.push(m.index)
    last = m.index + m[0].length
  }
  if (last === 0) return source
  for (let i = last; i < source.text.length; i++) (text += source.text[i]!), origin.push(i)
  origin.push(source.text.length)
  return { ...source, text, offsets: (i) => source.offsets(origin[i] ?? source.text.length) }
}

/**
 * `{{ name }}` from the variables in scope (one unknown stays a variable the walker cannot read,
 * `${name}`), then each server path of the deployed checkout as the repository's root
 */
function substitute(source: ShellSource, vars: Vars, checkout: string[]): ShellSource {
  const rendered = replaced(source, /\{\{\s*([\w.]+)\s*(?:\|[^}]*)?\}\}/g, (m) => vars[m[1]!] ?? `\${${m[1]!.replace(/\W/g, '_')}}`)
  return checkout.reduce((s, path) => replaced(s, new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'g'), () => CHECKOUT_ROOT), rendered)
}

function render(value: string, vars: Vars): string {
  return value.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (m, name: string) => vars[name] ?? m)
}

/**
 * `when:` as far as it is simple: `var == 'x'` / `var != 'x'` with the variable known, and
 * `inventory_hostname in groups['x']`, decided by the name x. Anything else: undecided.
 */
function whenReasons(view: YamlView, node: YamlNode | undefined, vars: Vars, config: SeedguardConfig): ProductionReason[] | 'never' {
  const conditions = view.items(node).length > 0 ? view.strings(node) : [view.string(node)].filter((c): c is string => c !== undefined)
  const out: ProductionReason[] = []
  const span = view.span(node)
  for (const condition of conditions) {
    const compared = /^\s*([\w.]+)\s*(==|!=)\s*['"]([\w-]+)['"]\s*$/.exec(condition)
    const group = /^\s*inventory_hostname\s+(not\s+)?in\s+groups\[['"]([\w-]+)['"]\]\s*$/.exec(condition)
    if (compared && vars[compared[1]!] !== undefined) {
      if ((vars[compared[1]!] === compared[3]) !== (compared[2] === '==')) return 'never'
      continue
    }
    const name = compared?.[3] ?? group?.[2]
    const verdict = name === undefined ? 'unknown' : classifyEnvironmentName(name, config)
    const negated = compared?.[2] === '!=' || group?.[1] !== undefined
    if (verdict === 'not-production' && !negated) out.push({ kind: 'environment', towards: false, detail: `\`when: ${condition}\` runs it only in ${name}`, span })
    else if (!(verdict === 'production' && !negated)) out.push({ kind: 'platform-phase', towards: true, weak: true, detail: `\`when: ${condition}\` cannot be decided from the repository`, span })
  }
  return out
}

function envOf(view: YamlView, node: YamlNode | undefined, vars: Vars): Vars {
  return Object.fromEntries(Object.entries(view.record(node)).map(([k, v]) => [k, render(v, vars)]))
}

function varsFile(project: Project, file: string | undefined): Vars {
  const view = file === undefined ? undefined : yamlOf(project, file)
  return view ? view.record(view.root) : {}
}

/**
 * `group_vars/<group>` beside the playbook and beside the inventories the play may run on: a file
 * with or without `.yml`/`.yaml`, or a directory of them
 * (https://docs.ansible.com/ansible/latest/inventory_guide/intro_inventory.html#organizing-host-and-group-variables).
 */
function groupVars(project: Project, dirs: string[], groups: string[]): Vars {
  const files = project.cache.files.list()
  const out: Vars = {}
  for (const group of groups) {
    for (const dir of dirs) {
      const at = joinPath(dir, `group_vars/${group}`)
      if (at === undefined) continue
      for (const file of files.filter((f) => f === at || f === `${at}.yml` || f === `${at}.yaml` || (f.startsWith(`${at}/`) && /\.ya?ml$/.test(f)))) Object.assign(out, varsFile(project, file))
    }
  }
  return out
}

/** values that name other variables (`app_dir: /home/{{ user }}/app`) rendered with them, a few levels deep */
function resolved(vars: Vars): Vars {
  let out = vars
  for (let pass = 0; pass < 4; pass++) out = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, render(v, out)]))
  return out
}

/** the tasks of a list (`tasks:`, a block, an included file), each `command`/`shell` one a context */
function readTasks(view: YamlView, file: string, list: YamlNode | undefined, scope: Scope, taskDir: string, out: ExecutionContext[]): void {
  for (const task of view.items(list)) {
    const when = whenReasons(view, view.get(task, 'when'), scope.vars, scope.config)
    if (when === 'never') continue
    const vars = { ...scope.vars, ...view.record(view.get(task, 'vars')) }
    // a condition it cannot decide leaves the task's run on the play's hosts uncertain
    const undecided = when.some((r) => r.weak)
    const reasons = [...scope.reasons.map((r) => (undecided && r.kind === 'platform-phase' ? { ...r, weak: true } : r)), ...when]
    const here: Scope = { ...scope, vars, env: { ...scope.env, ...envOf(view, view.get(task, 'environment'), vars) }, reasons }
    for (const key of BLOCK_LISTS) readTasks(view, file, view.get(task, key), here, taskDir, out)
    for (const entry of view.entries(task)) {
      if (INCLUDE_TASKS.has(entry.key)) {
        const name = render(view.string(entry.value) ?? view.string(view.get(entry.value, 'file')) ?? '', vars)
        readTaskFile(joinPath(taskDir, name), here, out)
      }
      if (INCLUDE_ROLE.has(entry.key)) readRole(view.string(view.get(entry.value, 'name')), here, out)
      if (!COMMAND_MODULES.has(entry.key)) continue
      const chdirRaw = view.string(view.get(entry.value, 'chdir')) ?? view.string(view.get(view.get(task, 'args'), 'chdir'))
      const chdir = chdirRaw === undefined ? undefined : render(chdirRaw, vars)
      const node = view.string(entry.value) !== undefined ? entry.value : view.get(entry.value, 'cmd')
      const argv = view.argv(view.get(entry.value, 'argv'))
      const raw = node ? view.shellSource(node, 'sh') : argv.length > 0 ? argvSource(file, argv) : undefined
      if (!raw) continue
      const source = substitute(node ? withoutFreeFormArgs(raw) : raw, vars, scope.checkout)
      const name = view.string(view.get(task, 'name'))
      const span = view.span(node ?? view.get(entry.value, 'argv'))
      out.push({
        id: `${file}#${span.start.line}:${scope.label}`,
        label: scope.label,
        span: view.span(entry.keyNode),
        reasons: here.reasons,
        // a `chdir` on the server is the deployed checkout: the repository's root stands for it
        steps: [{ label: `task ${name ? `\`${name}\`` : `\`${entry.key}\``}${chdir ? ` (in ${chdir})` : ''}`, span, source, cwd: '.', env: here.env, reasons: [] } satisfies ContextStep],
      })
    }
  }
}

/**
 * The free form's own `key=value` options (`rake db:migrate chdir=/srv/app`) are the module's, not
 * the command's (https://docs.ansible.com/ansible/latest/collections/ansible/builtin/command_module.html):
 * blanked in place, so offsets still point into the file.
 */
function withoutFreeFormArgs(source: ShellSource): ShellSource {
  const text = source.text.replace(/(^|\s)(chdir|creates|removes|executable|stdin|warn)=("[^"]*"|'[^']*'|\{\{[^}]*\}\}|\S+)/g, (m, lead: string) => lead + ' '.repeat(m.length - lead.length))
  return text === source.text ? source : { ...source, text }
}

/** `argv:` items joined into one command line, each quoted, located at the list */
function argvSource(file: string, argv: ReturnType<YamlView['argv']>): ShellSource {
  const text = argv.map((a) => `'${a.value.replace(/'/g, `'\\''`)}'`).join(' ')
  return { text, offsets: () => argv[0]!.start, file, shell: 'sh' }
}

function readTaskFile(file: string | undefined, scope: Scope, out: ExecutionContext[]): void {
  if (file === undefined || scope.seen.has(file)) return
  const view = yamlOf(scope.project, file)
  if (!view) return
  readTasks(view, file, view.root, { ...scope, seen: new Set([...scope.seen, file]) }, dirnameOf(file), out)
}

/**
 * Ansistrano's deploy role (https://github.com/ansistrano/deploy#role-variables), Capistrano's flow
 * in Ansible, is installed from Galaxy, not kept in the repository: what it runs of the repository's
 * own are the task files its `ansistrano_{before,after}_<step>_tasks_file` variables name, at each
 * step of the deploy. In them `ansistrano_release_path.stdout` is the new release, and
 * `{{ ansistrano_deploy_to }}/{{ ansistrano_current_dir }}` (`current`) links to it once it is live.
 */
const ANSISTRANO_DEPLOY = /(^|\.)ansistrano[.-]deploy$/
const ANSISTRANO_STEPS = ['setup', 'update_code', 'symlink_shared', 'symlink', 'cleanup']

/** the server path of the live release, `current` under `ansistrano_deploy_to`, where the play deploys with Ansistrano */
function ansistranoCheckout(roles: (string | undefined)[], vars: Vars): string[] {
  const deployTo = vars.ansistrano_deploy_to?.replace(/\/+$/, '')
  return roles.some((role) => role !== undefined && ANSISTRANO_DEPLOY.test(role)) && deployTo?.startsWith('/') ? [`${deployTo}/${vars.ansistrano_current_dir ?? 'current'}`] : []
}

function readAnsistranoHooks(scope: Scope, out: ExecutionContext[]): void {
  const here: Scope = { ...scope, vars: { ...scope.vars, 'ansistrano_release_path.stdout': CHECKOUT_ROOT } }
  for (const step of ANSISTRANO_STEPS) {
    for (const when of ['before', 'after']) {
      const file = scope.vars[`ansistrano_${when}_${step}_tasks_file`]
      if (file !== undefined) readTaskFile(joinPath(scope.base, render(file, scope.vars)), { ...here, label: `${scope.label}, Ansistrano \`${when} ${step.replace(/_/g, ' ')}\` hook` }, out)
    }
  }
}

/** `roles/<name>/`: its defaults and vars, then `tasks/main.yml` (https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_reuse_roles.html) */
function readRole(name: string | undefined, scope: Scope, out: ExecutionContext[]): void {
  if (name === undefined) return
  if (ANSISTRANO_DEPLOY.test(name)) return readAnsistranoHooks(scope, out)
  // beside the playbook, else on the roles path: a `roles/` at the top of the repository, as `roles_path = roles/` in ansible.cfg usually says
  const dir = [joinPath(scope.base, `roles/${name}`), `roles/${name}`].find((d) => d !== undefined && scope.project.cache.exists(`${d}/tasks/main.yml`))
  if (dir === undefined) return
  const vars = resolved({ ...varsFile(scope.project, `${dir}/defaults/main.yml`), ...scope.vars, ...varsFile(scope.project, `${dir}/vars/main.yml`) })
  readTaskFile(`${dir}/tasks/main.yml`, { ...scope, vars, label: `${scope.label}, role \`${name}\`` }, out)
}

function readPlaybook(file: string, project: Project, config: SeedguardConfig, deployments: Deployments): ExecutionContext[] {
  const view = yamlOf(project, file)
  const plays = view ? view.items(view.root) : []
  if (!view || plays.length === 0 || !plays.every((p) => ['hosts', 'import_playbook', 'ansible.builtin.import_playbook', 'include'].some((key) => view.get(p, key)))) return []
  const base = dirnameOf(file)
  const runs = deployments.artifacts.playbookRuns.filter((r) => r.playbook === file)
  const out: ExecutionContext[] = []
  plays.forEach((play, index) => {
    const hostsNode = view.get(play, 'hosts')
    const hosts = view.string(hostsNode) ?? view.strings(hostsNode).join(':')
    if (!hostsNode || !hosts) return
    const name = view.string(view.get(play, 'name')) ?? `#${index + 1}`
    const span = view.span(hostsNode)
    const reasons = hostsReasons(project, config, base, hosts, span, runs)
    // the inventories of the environment the play runs in bring their group_vars; `all`, then the group the play names
    const verdict = reasons.some((r) => r.kind === 'platform-phase' && !r.weak) ? 'production' : undefined
    const runInventories = runs.filter((r) => runVerdict(r, base, config) === verdict).flatMap((r) => r.inventories.map((i) => (project.cache.exists(i) ? dirnameOf(i) : i)))
    const inventoryDirs = [...inventoriesOf(project, base, config).filter((i) => i.verdict === verdict).map((i) => dirnameOf(i.file)), ...runInventories]
    // `playbook_dir` is the playbook's directory on the machine that runs it: in the repository
    // (https://docs.ansible.com/ansible/latest/reference_appendices/special_variables.html)
    const vars = resolved({ playbook_dir: base === '.' ? CHECKOUT_ROOT : `${CHECKOUT_ROOT}/${base}`, ...groupVars(project, [base, ...new Set(inventoryDirs)], ['all', hosts]), ...view.record(view.get(play, 'vars')) })
    const roles = view.items(view.get(play, 'roles')).map((role) => view.string(role) ?? view.string(view.get(role, 'role')) ?? view.string(view.get(role, 'name')))
    const scope: Scope = { project, config, base, vars, env: envOf(view, view.get(play, 'environment'), vars), reasons, label: `Ansible play \`${name}\` (hosts: ${hosts}) in ${file}`, seen: new Set([file]), checkout: ansistranoCheckout(roles, vars) }
    for (const role of roles) readRole(role, scope, out)
    for (const key of TASK_LISTS) readTasks(view, file, view.get(play, key), scope, base, out)
  })
  return out
}

const ansible: SourceReader = {
  id: 'ansible',
  title: 'Ansible playbooks',
  docs: 'https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_intro.html',
  files: ['**/*.yml', '**/*.yaml'],
  // role task files are read through the plays that run them; CI configs and manifests are not playbooks
  accepts: (file) => !/(^|\/)(roles\/[^/]+\/|group_vars\/|host_vars\/|\.github\/|\.gitlab|\.circleci\/)/.test(file) && !/compose/.test(basenameOf(file)),
  candidates: true,
  read(file, project, config, deployments) {
    const text = project.cache.get(file)?.text
    if (text === undefined || !PLAY_TEXT.test(text)) return { contexts: [], problems: [] }
    return { contexts: readPlaybook(file, project, config, deployments), problems: [] }
  },
}
export default ansible
