// How an Azure pipeline is put together before it runs: template references
// https://learn.microsoft.com/en-us/azure/devops/pipelines/process/templates , template parameters
// https://learn.microsoft.com/en-us/azure/devops/pipelines/process/template-parameters , and
// compile-time expressions `${{ if }}`, `${{ else }}`, `${{ each }}`, `${{ parameters.x }}`
// https://learn.microsoft.com/en-us/azure/devops/pipelines/process/template-expressions
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import { loadYamlFile } from '../yaml-file.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import { YamlView, type YamlNode } from '../../util/yaml.js'
import type { Problem } from '../types.js'
import { holds, UNKNOWN, type Result } from './expressions.js'
import { emptyScope, lookupOf, substitute, type Located, type Param, type Scope, type Variable } from './scope.js'
import type { AzureGate } from './triggers.js'

// "A pipeline can reference up to 100 template files and nest them 100 levels deep" (templates, limits)
const MAX_DEPTH = 100

export interface GateEntry {
  gate: AzureGate
  kind: 'trigger' | 'condition'
}

/** one stage, job or step of a list once templates and compile-time conditions are expanded */
export interface Item {
  view: YamlView
  node: YamlNode
  scope: Scope
  /** the `${{ if }}` branches it sits in */
  gates: GateEntry[]
  /** a steps template of another repository, whose steps are not read */
  external?: string
}

/** a template in another repository (`x.yml@alias`): what it adds is not read */
export interface External {
  target: string
  span: Span
  gates: GateEntry[]
}

export interface Expansion {
  project: Project
  problems: Problem[]
  external: External[]
}

/** a compile-time condition as a gate: it may read the run's predefined variables, so it depends on the scenario */
function templateGate(expression: string, scope: Scope, span: Span, earlier: string[], negate: boolean): AzureGate {
  return {
    outcome(scenario) {
      const lookup = lookupOf(scope, scenario)
      const before = earlier.map((e) => holds(e, lookup))
      const own = expression === '' ? true : holds(expression, lookup)
      // `${{ else }}`/`${{ elseif }}`: every earlier branch must fail
      const results: Result[] = [...before.map((b) => (b === 'unknown' ? b : !b)), negate ? (own === 'unknown' ? own : !own) : own]
      const outcome = results.includes(false) ? 'no' : results.includes('unknown') ? 'maybe' : 'yes'
      return { outcome, span, detail: `\`\${{ ${expression === '' ? 'else' : earlier.length > 0 ? `elseif ${expression}` : `if ${expression}`} }}\`` }
    },
  }
}

const DIRECTIVE = /^\$\{\{\s*(if|elseif|else|each)\b(.*?)\s*\}\}$/s
const INSERT = /^\$\{\{\s*(.+?)\s*\}\}$/s

/**
 * The items of a stages/jobs/steps list: `${{ if }}`/`${{ elseif }}`/`${{ else }}` branches (each
 * with its condition as a gate), `${{ each }}` over a known list, `${{ parameters.x }}` lists
 * inserted, and `- template:` references read from the repository.
 */
export function expandList(view: YamlView, list: YamlNode | undefined, scope: Scope, gates: GateEntry[], kind: 'stages' | 'jobs' | 'steps', ex: Expansion): Item[] {
  const out: Item[] = []
  let branches: string[] = []
  for (const item of view.items(list)) {
    const entries = view.entries(item)
    const only = entries.length === 1 ? entries[0]! : undefined
    const directive = only ? DIRECTIVE.exec(only.key.trim()) : null
    if (only && directive) {
      const [, word, rest] = directive
      const span = view.span(only.keyNode)
      const expandBody = (extra: GateEntry[], bodyScope: Scope) => {
        const body = only.value
        if (view.items(body).length > 0) out.push(...expandList(view, body, bodyScope, [...gates, ...extra], kind, ex))
        else if (body) out.push(...expandOne(view, body, bodyScope, [...gates, ...extra], kind, ex))
      }
      if (word === 'each') {
        const each = /^(\w+)\s+in\s+(.+)$/s.exec(rest!.trim())
        const source = each ? locatedOf(each[2]!, scope) : undefined
        if (!each || !source) {
          // an `each` over something not known (an object parameter, a variable): its body once, values unknown
          expandBody([], each ? { ...scope, params: { ...scope.params, [each[1]!]: {} } } : scope)
          continue
        }
        const elements = source.view.items(source.node).length > 0 ? source.view.items(source.node) : source.view.entries(source.node).map((e) => e.value).filter((n): n is YamlNode => n !== undefined)
        for (const element of elements) expandBody([], { ...scope, params: { ...scope.params, [each[1]!]: { value: { ...source, node: element } } } })
        branches = []
        continue
      }
      const condition = (rest ?? '').trim()
      if (word === 'if') {
        expandBody([{ gate: templateGate(condition, scope, span, [], false), kind: 'condition' }], scope)
        branches = [condition]
      } else if (word === 'elseif') {
        expandBody([{ gate: templateGate(condition, scope, span, branches, false), kind: 'condition' }], scope)
        branches = [...branches, condition]
      } else {
        expandBody([{ gate: templateGate('', scope, span, branches, false), kind: 'condition' }], scope)
        branches = []
      }
      continue
    }
    branches = []
    out.push(...expandOne(view, item, scope, gates, kind, ex))
  }
  return out
}

function expandOne(view: YamlView, item: YamlNode, scope: Scope, gates: GateEntry[], kind: 'stages' | 'jobs' | 'steps', ex: Expansion): Item[] {
  const scalar = view.string(item)
  if (scalar !== undefined) {
    // `- ${{ parameters.steps }}`: a stepList/jobList/stageList parameter inserted here
    const insert = INSERT.exec(scalar.trim())
    const source = insert ? locatedOf(insert[1]!, scope) : undefined
    if (source && scope.depth < MAX_DEPTH) return expandList(source.view, source.node, { ...source.scope, depth: scope.depth + 1 }, gates, kind, ex)
    return []
  }
  const reference = view.get(item, 'template')
  if (reference !== undefined && entriesWithout(view, item, ['template', 'parameters']).length === 0) return includeTemplate(view, item, reference, scope, gates, kind, ex)
  return [{ view, node: item, scope, gates }]
}

function entriesWithout(view: YamlView, node: YamlNode, keys: string[]) {
  return view.entries(node).filter((e) => !keys.includes(e.key))
}

/** `parameters.x.y` or a loop variable, as the YAML value it names */
function locatedOf(expression: string, scope: Scope): Located | undefined {
  const path = expression.trim().split('.')
  const start = path[0] === 'parameters' ? path.slice(1) : path
  const param = scope.params[start[0] ?? '']
  if (!param?.value) return undefined
  let { node } = param.value
  for (const key of start.slice(1)) {
    const next = param.value.view.get(node, key)
    if (!next) return undefined
    node = next
  }
  return { ...param.value, node }
}

/**
 * A template file's own list of `kind`, with the caller's parameters bound. Paths are relative to
 * the file that references them, or to the repository root with a leading `/`; `file@alias` is in
 * another repository (`resources: repositories:`) and is not read.
 */
function includeTemplate(view: YamlView, item: YamlNode, reference: YamlNode, scope: Scope, gates: GateEntry[], kind: 'stages' | 'jobs' | 'steps', ex: Expansion): Item[] {
  // steps of another repository are judged as a step of their job, as a remote action is
  const target = kind === 'steps' ? externalTarget(view.string(reference), scope) : undefined
  if (target !== undefined) return [{ view, node: item, scope, gates, external: target }]
  const loaded = loadTemplate(view, reference, view.get(item, 'parameters'), scope, gates, ex)
  if (!loaded) return []
  return expandList(loaded.view, loaded.view.get(loaded.view.root, kind), loaded.scope, gates, kind, ex)
}

/** the reference as written when it is not a file of this repository (`file@alias`, or a path no file shows) */
function externalTarget(raw: string | undefined, scope: Scope): string | undefined {
  const target = raw === undefined ? UNKNOWN : substitute(raw, scope, undefined)
  if (typeof target !== 'string') return raw ?? '?'
  const alias = target.split('@')[1]
  return alias !== undefined && alias !== 'self' ? target : undefined
}

/** a referenced template file with its parameters bound, or undefined (a problem or an external reference is recorded) */
export function loadTemplate(view: YamlView, reference: YamlNode, given: YamlNode | undefined, scope: Scope, gates: GateEntry[], ex: Expansion): { view: YamlView; scope: Scope } | undefined {
  const span = view.span(reference)
  const external = externalTarget(view.string(reference), scope)
  if (external !== undefined) {
    ex.external.push({ target: external, span, gates })
    return undefined
  }
  const target = substitute(view.string(reference)!, scope, undefined) as string
  const path = target.split('@')[0]
  const file = path!.startsWith('/') ? joinPath('.', path!.slice(1)) : joinPath(dirnameOf(view.lines.file), path!)
  if (!file || !ex.project.cache.exists(file)) {
    ex.problems.push({ rule: 'parse-error', message: `\`template: ${target}\` names no file of the repository: Azure Pipelines refuses the pipeline`, span })
    return undefined
  }
  if (scope.depth >= MAX_DEPTH) return undefined
  const loaded = loadYamlFile(file, ex.project)
  if ('problem' in loaded) {
    ex.problems.push(loaded.problem)
    return undefined
  }
  const callerScope = scope
  const params = declaredParameters(loaded.view, undefined)
  for (const { key, value } of view.entries(given)) if (value) params[key] = { value: { view, node: value, scope: callerScope } }
  const via = `template \`${file}\` (${view.lines.file}:${span.start.line})`
  return { view: loaded.view, scope: { params, variables: scope.variables, via: [...scope.via, via], depth: scope.depth + 1 } }
}

/**
 * A file's `parameters:` with their defaults: the list form (`- name:`, `type:`, `default:`) or the
 * older map form (`name: default`). `queueTime`: the root pipeline's, chosen when a run is queued.
 */
export function declaredParameters(view: YamlView, queueTime: true | undefined): Record<string, Param> {
  const node = view.get(view.root, 'parameters')
  const params: Record<string, Param> = {}
  const own = emptyScope()
  const items = view.items(node)
  if (items.length > 0) {
    for (const item of items) {
      const name = view.string(view.get(item, 'name'))
      if (name === undefined) continue
      const fallback = view.get(item, 'default') ?? view.items(view.get(item, 'values'))[0]
      const values = view.strings(view.get(item, 'values'))
      const choices = values.length > 0 ? values : view.string(view.get(item, 'type')) === 'boolean' ? ['true', 'false'] : undefined
      params[name] = { ...(fallback ? { value: { view, node: fallback, scope: own } } : {}), ...(queueTime ? { queueTime, ...(choices ? { choices } : {}) } : {}) }
    }
  } else {
    for (const { key, value } of view.entries(node)) params[key] = { ...(value ? { value: { view, node: value, scope: own } } : {}), ...(queueTime ? { queueTime } : {}) }
  }
  return params
}

/**
 * A `variables:` section in either form: a map, or a list of `- name:`/`value:`, `- group:` (its
 * values live in Azure DevOps) and `- template:` files. A `${{ if }}` inside it that is known to be
 * false drops its variables; one that may hold keeps them.
 */
export function variablesOf(view: YamlView, node: YamlNode | undefined, scope: Scope, gates: GateEntry[], ex: Expansion): Record<string, Variable> {
  const out: Record<string, Variable> = {}
  const add = (name: string, value: YamlNode | undefined, at: Scope) => {
    const text = view.string(value)
    if (text !== undefined) out[name.toLowerCase()] = { text, scope: at }
  }
  const readMap = (v: YamlView, map: YamlNode | undefined, at: Scope) => {
    for (const { key, value } of v.entries(map)) {
      const directive = DIRECTIVE.exec(key.trim())
      if (directive) {
        if (possible(directive, at)) readMap(v, value, at)
      } else if (v.string(value) !== undefined) out[key.toLowerCase()] = { text: v.string(value)!, scope: at }
    }
  }
  const items = view.items(node)
  if (items.length === 0) {
    readMap(view, node, scope)
    return out
  }
  for (const item of items) {
    const only = view.entries(item).length === 1 ? view.entries(item)[0]! : undefined
    const directive = only ? DIRECTIVE.exec(only.key.trim()) : null
    if (only && directive) {
      if (possible(directive, scope)) Object.assign(out, variablesOf(view, only.value, scope, gates, ex))
      continue
    }
    const name = view.string(view.get(item, 'name'))
    if (name !== undefined) add(name, view.get(item, 'value'), scope)
    const reference = view.get(item, 'template')
    // a variables template of another repository only adds values no file shows, as a variable group does
    if (reference && externalTarget(view.string(reference), scope) === undefined) {
      const loaded = loadTemplate(view, reference, view.get(item, 'parameters'), scope, gates, ex)
      if (loaded) Object.assign(out, variablesOf(loaded.view, loaded.view.get(loaded.view.root, 'variables'), loaded.scope, gates, ex))
    }
  }
  return out
}

/**
 * A key of a stage, job or step, also where a `${{ if }}`/`${{ else }}` key that may hold sets it
 * (`${{ if eq(parameters.env, 'prod') }}: { environment: production }`): the first such, as written.
 */
export function property(view: YamlView, node: YamlNode | undefined, key: string, scope: Scope, depth = 0): YamlNode | undefined {
  const direct = view.get(node, key)
  if (direct !== undefined || depth > 8) return direct
  for (const entry of view.entries(node)) {
    const directive = DIRECTIVE.exec(entry.key.trim())
    if (!directive || directive[1] === 'each' || !possible(directive, scope)) continue
    const inner = property(view, entry.value, key, scope, depth + 1)
    if (inner !== undefined) return inner
  }
  return undefined
}

/** a `${{ if }}` key of a map: false only when it surely is, in every run */
function possible(directive: RegExpExecArray, scope: Scope): boolean {
  if (directive[1] !== 'if' && directive[1] !== 'elseif') return true
  return holds(directive[2]!.trim(), lookupOf(scope, undefined)) !== false
}

