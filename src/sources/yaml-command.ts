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

/** The context of `command.key` in `command.node`, or undefined when the key holds no string. */
export function yamlCommandContext(command: YamlCommand, config: SeedguardConfig): ExecutionContext | undefined {
  const { view, file } = command
  const entry = view.entries(command.node).find((e) => e.key === command.key)
  const source = entry && view.string(entry.value) !== undefined ? view.shellSource(entry.value, 'sh') : undefined
  if (!entry || !source?.text.trim()) return undefined
  const keySpan = view.span(entry.keyNode)
  const span = view.span(entry.value)
  const phase: ProductionReason = { kind: 'platform-phase', towards: true, detail: command.phase, span: keySpan, ...(command.weak && { weak: true }) }
  return {
    id: `${file}#${command.id}`,
    label: `${command.label} in ${file}`,
    span: keySpan,
    reasons: [phase, ...command.reasons],
    steps: [{ label: `\`${command.key}\``, span, source, cwd: command.cwd, env: command.env, reasons: [...databaseReasons(command.env, [], config, span), ...envVarReasons(command.env, config, span)] }],
    ...(command.runtime && { runtime: command.runtime }),
  }
}
