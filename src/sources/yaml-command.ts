// One platform command written as a YAML string (`command: …`, `entrypoint: …`), as an execution
// context: the shape every YAML platform reader without a module of its own produces.
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { RuntimeEnvironment } from '../model/runtime.js'
import { databaseReasons, envVarReasons } from '../production/evidence.js'
import type { YamlNode, YamlView } from '../util/yaml.js'

export interface YamlCommand {
  view: YamlView
  file: string
  /** the map holding the command */
  node: YamlNode | undefined
  key: string
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
  cwd: string
  env: Record<string, string>
  /** what variables no file sets hold where it runs; absent: set outside the repository */
  runtime?: RuntimeEnvironment
}

/**
 * The context of `command.key` in `command.node`: one step for a string, one per command for a
 * list of strings (run in order, as App Runner's build phases are); undefined when it holds none.
 */
export function yamlCommandContext(command: YamlCommand, config: SeedguardConfig): ExecutionContext | undefined {
  const { view, file } = command
  const entry = view.entries(command.node).find((e) => e.key === command.key)
  if (!entry) return undefined
  const nodes = view.string(entry.value) !== undefined ? [entry.value] : view.items(entry.value)
  const steps = nodes.flatMap((node, i) => {
    const source = view.string(node) !== undefined ? view.shellSource(node, 'sh') : undefined
    if (!source?.text.trim()) return []
    const span = view.span(node)
    const label = nodes.length > 1 ? `\`${command.key}\` #${i + 1}` : `\`${command.key}\``
    return [{ label, span, source, cwd: command.cwd, env: command.env, reasons: [...databaseReasons(command.env, [], config, span), ...envVarReasons(command.env, config, span)] }]
  })
  if (steps.length === 0) return undefined
  const keySpan = view.span(entry.keyNode)
  const phase: ProductionReason = { kind: 'platform-phase', towards: true, detail: command.phase, span: keySpan, ...(command.weak && { weak: true }) }
  return {
    id: `${file}#${command.id}`,
    label: `${command.label} in ${file}`,
    span: keySpan,
    reasons: [phase, ...command.reasons],
    steps,
    ...(command.runtime && { runtime: command.runtime }),
  }
}
