// One CircleCI config as the compiler sees it: reusable definitions and parameters bound to the
// values each caller passes (https://circleci.com/docs/reference/reusing-config/).
import type { ShellKind, ShellSource } from '../../model/context.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { pipelineValue, type Scenario, type Term, type Values } from './conditions.js'
import { substitute, type Replacement } from './template.js'

/** a parameter's value as written (by the caller, or the default), read where it is written */
export interface Binding {
  node: YamlNode | undefined
  scope: Scope
}

export interface Scope {
  params: Map<string, Binding>
  depth: number
}

export const ROOT: Scope = { params: new Map(), depth: 0 }

// a parameter passed on through nested commands: CircleCI's own limit is far below this
const MAX_DEPTH = 12

export interface Definition {
  name: string
  node: YamlNode
  keyNode: YamlNode | undefined
}

export class CircleConfig {
  readonly jobs: Map<string, Definition>
  readonly commands: Map<string, Definition>
  readonly executors: Map<string, Definition>
  /** `orbs:` alias → the registry orb's name without version (`circleci/heroku`) */
  readonly orbs: Map<string, string>
  private readonly pipelineParameters: Map<string, YamlNode | undefined>

  constructor(readonly view: YamlView) {
    const root = view.root
    // an orb written inline in the config is read like the config's own definitions, as `orb/name`
    // (https://circleci.com/docs/reference/configuration-reference/)
    const inline = view.entries(view.get(root, 'orbs')).filter((e) => view.string(e.value) === undefined)
    const definitions = (key: string) =>
      new Map(
        [{ prefix: '', node: root }, ...inline.map((e) => ({ prefix: `${e.key}/`, node: e.value }))].flatMap(({ prefix, node }) =>
          view
            .entries(view.get(node, key))
            .filter((e) => e.value)
            .map((e) => [`${prefix}${e.key}`, { name: `${prefix}${e.key}`, node: e.value!, keyNode: e.keyNode }] as const),
        ),
      )
    this.jobs = definitions('jobs')
    this.commands = definitions('commands')
    this.executors = definitions('executors')
    this.orbs = new Map(view.entries(view.get(root, 'orbs')).flatMap((e) => (view.string(e.value) === undefined ? [] : [[e.key, view.string(e.value)!.replace(/@.*$/, '')] as const])))
    this.pipelineParameters = new Map(view.entries(view.get(root, 'parameters')).map((e) => [e.key, view.get(e.value, 'default')]))
  }

  /**
   * The scope a definition's steps run in: each declared parameter bound to what the caller passes
   * (`args`, read in `caller`), else its default. `extra` adds values passed another way (a matrix).
   */
  bind(definition: YamlNode | undefined, args: YamlNode | undefined, caller: Scope, extra: Map<string, Binding> = new Map()): Scope {
    const params = new Map<string, Binding>()
    for (const { key, value } of this.view.entries(this.view.get(definition, 'parameters'))) {
      const passed = extra.get(key) ?? (this.view.get(args, key) !== undefined ? { node: this.view.get(args, key), scope: caller } : undefined)
      params.set(key, passed ?? { node: this.view.get(value, 'default'), scope: ROOT })
    }
    return { params, depth: caller.depth + 1 }
  }

  /** the binding a `<< parameters.x >>` text stands for, followed through parameters passed on */
  binding(text: string | undefined, scope: Scope): Binding | undefined {
    const name = /^\s*<<\s*parameters\.([\w-]+)\s*>>\s*$/.exec(text ?? '')?.[1]
    const bound = name === undefined ? undefined : scope.params.get(name)
    if (!bound || scope.depth > MAX_DEPTH) return undefined
    return this.binding(this.view.string(bound.node), bound.scope) ?? bound
  }

  /** a scalar as the shell text it compiles to, located where each piece is written */
  shell(node: YamlNode | undefined, scope: Scope, kind: ShellKind = 'bash'): ShellSource | undefined {
    const source = this.view.shellSource(node, kind)
    if (!source || scope.depth > MAX_DEPTH) return source
    return substitute(source, (reference) => this.shellReplacement(reference, scope, kind))
  }

  /** a scalar's compiled text; undefined where it is not a scalar */
  text(node: YamlNode | undefined, scope: Scope): string | undefined {
    return this.view.string(node) === undefined ? undefined : this.shell(node, scope)?.text
  }

  /** a map of scalars (an `environment:`), each compiled; a list of one-entry maps is read alike */
  record(node: YamlNode | undefined, scope: Scope): Record<string, string> {
    const out: Record<string, string> = {}
    const maps = this.view.items(node).length > 0 ? this.view.items(node) : [node]
    for (const { key, value } of maps.flatMap((map) => this.view.entries(map))) {
      const text = this.text(value, scope)
      if (text !== undefined) out[key] = text
    }
    return out
  }

  /** how a condition reads its values in a scenario: pipeline values the scenario knows, parameters as bound */
  values(scope: Scope, scenario: Scenario): Values {
    const lookup = (name: string): Term => (name.startsWith('pipeline.') ? pipelineValue(name, scenario) : undefined)
    const term = (node: YamlNode | undefined, at: Scope): Term => {
      const source = this.view.shellSource(node, 'bash')
      if (!source || at.depth > MAX_DEPTH) return source?.text
      let known = true
      const text = substitute(source, (reference) => {
        const param = /^parameters\.([\w-]+)$/.exec(reference)?.[1]
        const bound = param === undefined ? undefined : at.params.get(param)
        const value = bound ? term(bound.node, bound.scope) : param === undefined ? lookup(reference) : ''
        if (value === undefined) known = false
        return value ?? ''
      }).text
      return known ? text : undefined
    }
    return { term: (node) => term(node, scope), lookup }
  }

  private shellReplacement(reference: string, scope: Scope, kind: ShellKind): Replacement {
    const param = /^parameters\.([\w-]+)$/.exec(reference)?.[1]
    if (param !== undefined) {
      const bound = scope.params.get(param)
      // an undeclared parameter fails compilation; a value that is not a scalar has no text
      return bound ? (this.shell(bound.node, bound.scope, kind) ?? '') : ''
    }
    const pipelineParameter = /^pipeline\.parameters\.([\w-]+)$/.exec(reference)?.[1]
    if (pipelineParameter !== undefined) return this.shell(this.pipelineParameters.get(pipelineParameter), ROOT, kind) ?? ''
    // the job's own variables hold the same values at run time (https://circleci.com/docs/reference/variables/)
    if (reference === 'pipeline.git.branch') return '${CIRCLE_BRANCH}'
    if (reference === 'pipeline.git.tag') return '${CIRCLE_TAG}'
    if (reference.startsWith('pipeline.')) return `\${CIRCLE_PIPELINE_${reference.slice('pipeline.'.length).replace(/\W/g, '_').toUpperCase()}}`
    return undefined
  }
}
