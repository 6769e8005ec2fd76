// The names a pipeline's expressions read: parameters, the YAML's variables and the predefined
// variables of a run (https://learn.microsoft.com/en-us/azure/devops/pipelines/process/variables ,
// https://learn.microsoft.com/en-us/azure/devops/pipelines/process/template-parameters)
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { holds, UNKNOWN, valueOf, type Lookup, type Result, type Scalar } from './expressions.js'
import type { Scenario } from './triggers.js'

const MAX_VARIABLE_DEPTH = 10

/** a YAML value where it is written, with the scope its expressions are read in */
export interface Located {
  view: YamlView
  node: YamlNode
  scope: Scope
}

/** a parameter's value; a root pipeline's parameters can be chosen when a run is queued by hand */
export interface Param {
  value?: Located
  /** a value fixed by this reader, one of `choices` */
  text?: string
  /** set for the root pipeline's runtime parameters: the value given at queue time replaces the default */
  queueTime?: true
  /** the values a runtime parameter can be given when the run is queued (`values:`, or a boolean's two) */
  choices?: string[]
}

export interface Variable {
  text: string
  scope: Scope
}

export interface Scope {
  params: Record<string, Param>
  /** YAML variables visible here, by lower-case name */
  variables: Record<string, Variable>
  /** the template references that led here, outermost first */
  via: string[]
  depth: number
}

export function emptyScope(): Scope {
  return { params: {}, variables: {}, via: [], depth: 0 }
}

/**
 * What names in expressions stand for in one scenario (or, without one, in any): parameters, the
 * YAML's variables and the predefined variables of the run. A runtime parameter is the default in
 * a triggered run, and whatever the person queuing chose in a manual one.
 */
export function lookupOf(scope: Scope, scenario: Scenario | undefined, depth = 0): Lookup {
  return {
    property(path) {
      const [head, name, ...rest] = path
      if (head?.toLowerCase() === 'parameters' && name !== undefined) return paramValue(scope, name, rest, scenario, depth)
      if (head?.toLowerCase() === 'variables' && name !== undefined) return variableValue(scope, name.toLowerCase(), scenario, depth)
      if (head !== undefined && name === undefined && head in scope.params) return paramValue(scope, head, [], scenario, depth)
      return UNKNOWN
    },
  }
}

function paramValue(scope: Scope, name: string, path: string[], scenario: Scenario | undefined, depth: number): Scalar {
  const param = scope.params[name] ?? Object.entries(scope.params).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]
  if (param?.text !== undefined) return param.text
  if (!param?.value || (param.queueTime && (scenario === undefined || scenario.reason === 'Manual'))) return UNKNOWN
  let { view, node } = param.value
  for (const key of path) {
    const next = view.get(node, key)
    if (!next) return ''
    node = next
  }
  const text = view.string(node)
  if (text === undefined) return view.items(node).length > 0 || view.entries(node).length > 0 ? 'object' : ''
  return depth > MAX_VARIABLE_DEPTH ? UNKNOWN : substitute(text, param.value.scope, scenario, depth + 1)
}

function variableValue(scope: Scope, name: string, scenario: Scenario | undefined, depth: number): Scalar {
  if (scenario && name in scenario.vars) return scenario.vars[name]!
  const variable = scope.variables[name]
  if (!variable || depth > MAX_VARIABLE_DEPTH) return UNKNOWN
  // `$[ … ]`: a runtime expression, read when the job starts
  const runtime = /^\s*\$\[(.*)\]\s*$/s.exec(variable.text)
  if (runtime) return valueOf(runtime[1]!, lookupOf(variable.scope, scenario, depth + 1))
  const text = substitute(variable.text, variable.scope, scenario, depth + 1)
  if (typeof text !== 'string') return text
  return macros(text, (other) => variableValue(variable.scope, other.toLowerCase(), scenario, depth + 1))
}

/** `${{ … }}` replaced by the values they have; unknown if one has none */
export function substitute(text: string, scope: Scope, scenario: Scenario | undefined, depth = 0): Scalar {
  if (!text.includes('${{')) return text
  let unknown = false
  const out = text.replace(/\$\{\{(.*?)\}\}/gs, (_, expr: string) => {
    const value = valueOf(expr, lookupOf(scope, scenario, depth))
    if (typeof value !== 'string') unknown = true
    return typeof value === 'string' ? value : ''
  })
  return unknown ? UNKNOWN : out
}

/** `$(name)` macros replaced; unknown if one names a variable with no known value */
function macros(text: string, value: (name: string) => Scalar): Scalar {
  let unknown = false
  const out = text.replace(/\$\(([\w.-]+)\)/g, (_, name: string) => {
    const v = value(name)
    if (typeof v !== 'string') unknown = true
    return typeof v === 'string' ? v : ''
  })
  return unknown ? UNKNOWN : out
}

/**
 * A runtime `condition:` with the compile-time `${{ }}` inside it replaced first, as Azure does; a
 * value that cannot be known makes what it is part of unknown.
 */
export function conditionHolds(text: string, scope: Scope, scenario: Scenario): Result {
  const lookup = lookupOf(scope, scenario)
  const literal = (v: Scalar): string => (typeof v !== 'string' ? "variables['\u0001']" : /^(true|false|-?\d+(\.\d+)?)$/i.test(v) ? v : `'${v.replace(/'/g, "''")}'`)
  const replaced = text.replace(/'((?:[^']|'')*)'|\$\{\{(.*?)\}\}/gs, (whole, quoted: string | undefined, bare: string | undefined) => {
    if (bare !== undefined) return literal(valueOf(bare, lookup))
    if (!quoted!.includes('${{')) return whole
    const inner = substitute(quoted!.replace(/''/g, "'"), scope, scenario)
    return literal(typeof inner === 'string' ? inner : UNKNOWN).replace(/^(true|false|-?\d+(\.\d+)?)$/i, "'$1'")
  })
  return holds(replaced, lookup)
}

/**
 * The texts a value can have when a runtime parameter with known choices is chosen at queue time
 * (`environment: ${{ parameters.env }}` with `values: [dev, prod]`); undefined when it cannot be told.
 */
export function possibleTexts(raw: string, scope: Scope): string[] | undefined {
  const known = substitute(raw, scope, undefined)
  if (typeof known === 'string') return [known]
  const chosen = Object.entries(scope.params).filter(([name, p]) => p.choices && new RegExp(`\\bparameters\\.${name}\\b`).test(raw))
  if (chosen.length !== 1) return undefined
  const [name, param] = chosen[0]!
  const texts = param.choices!.map((text) => substitute(raw, { ...scope, params: { ...scope.params, [name]: { text } } }, undefined))
  return texts.every((t): t is string => typeof t === 'string') ? texts : undefined
}
