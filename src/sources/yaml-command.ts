// One platform command written as a YAML string (`command: …`, `entrypoint: …`), as an execution
// context: the shape every YAML platform reader without a module of its own produces.
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellKind } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { RuntimeEnvironment } from '../model/runtime.js'
import type { Span } from '../model/span.js'
import { databaseReasons, envVarReasons } from '../production/evidence.js'
import type { YamlNode, YamlView } from '../util/yaml.js'

/** a key holding commands: a string, or a list of strings run in order */
export interface YamlCommandList {
  view: YamlView
  /** the map holding the command */
  node: YamlNode | undefined
  key: string
  /** how the steps name the key, when the key alone is ambiguous (`build.commands`); the key otherwise */
  shown?: string
  cwd: string
  env: Record<string, string>
  /** the shell the platform runs the text with; sh unless the platform says otherwise */
  shell?: ShellKind
}

export interface YamlCommand extends YamlCommandList {
  file: string
  /** unique within the file */
  id: string
  /** the chain's first hop: "Cloud Foundry `command` of app `shop`" (the file is appended) */
  label: string
  /** when the platform runs it, as a platform-phase reason */
  phase: string
  /** the platform runs it, but whether in production the files cannot tell */
  weak?: boolean
  /** evidence of the app or environment it belongs to */
  reasons: ProductionReason[]
  /** what variables no file sets hold where it runs; absent: set outside the repository */
  runtime?: RuntimeEnvironment
}

/**
 * The steps of `list.key` in `list.node`: one for a string, one per command for a list of strings
 * (run in order, as App Runner's build phases are), with the key's place; undefined when it holds none.
 */
export function yamlCommandSteps(list: YamlCommandList, config: SeedguardConfig): { keySpan: Span; steps: ContextStep[] } | undefined {
  const { view } = list
  const entry = view.entries(list.node).find((e) => e.key === list.key)
  if (!entry) return undefined
  const nodes = view.string(entry.value) !== undefined ? [entry.value] : view.items(entry.value)
  const shown = list.shown ?? list.key
  const steps = nodes.flatMap((node, i) => {
    const source = view.string(node) !== undefined ? view.shellSource(node, list.shell ?? 'sh') : undefined
    if (!source?.text.trim()) return []
    const span = view.span(node)
    const label = nodes.length > 1 ? `\`${shown}\` #${i + 1}` : `\`${shown}\``
    return [{ label, span, source, cwd: list.cwd, env: list.env, reasons: [...databaseReasons(list.env, [], config, span), ...envVarReasons(list.env, config, span)] }]
  })
  return steps.length > 0 ? { keySpan: view.span(entry.keyNode), steps } : undefined
}

/** the context of `command.key` in `command.node`; undefined when it holds no command */
export function yamlCommandContext(command: YamlCommand, config: SeedguardConfig): ExecutionContext | undefined {
  const found = yamlCommandSteps(command, config)
  if (!found) return undefined
  const phase: ProductionReason = { kind: 'platform-phase', towards: true, detail: command.phase, span: found.keySpan, ...(command.weak && { weak: true }) }
  return {
    id: `${command.file}#${command.id}`,
    label: `${command.label} in ${command.file}`,
    span: found.keySpan,
    reasons: [phase, ...command.reasons],
    steps: found.steps,
    ...(command.runtime && { runtime: command.runtime }),
  }
}
