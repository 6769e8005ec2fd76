// https://docs.github.com/en/actions/sharing-automations/creating-actions/creating-a-composite-action
import type { ContextStep } from '../../model/context.js'
import type { Project } from '../../project/project.js'
import { parseYamlOf, YamlView } from '../../util/yaml.js'
import type { Problem } from '../types.js'
import { rejectedDuplicateKey } from './duplicate-keys.js'

export interface StepReader {
  (view: YamlView, steps: ReturnType<YamlView['items']>, inherited: { cwd: string; env: Record<string, string> }, depth: number): ContextStep[]
}

/**
 * A local `uses: ./path` action: its composite steps run inside the caller's job, so they join the
 * caller's context. A JavaScript or Docker action, or a missing one, cannot be followed.
 */
export function readLocalAction(
  uses: string,
  /** the action's directory in the repository (`uses` is a workspace path) */
  dir: string | undefined,
  project: Project,
  readSteps: StepReader,
  inherited: { cwd: string; env: Record<string, string> },
  depth: number,
): { steps?: ContextStep[]; unresolved?: string; problem?: Problem } {
  if (dir === undefined) return { unresolved: `local action \`${uses}\` is outside the repository` }
  const file = [`${dir}/action.yml`, `${dir}/action.yaml`].find((f) => project.cache.exists(f))
  if (!file) return { unresolved: `local action \`${uses}\` has no action.yml` }
  const lines = project.cache.get(file)!
  const { doc, error } = parseYamlOf(lines)
  if (error) return { problem: { rule: 'parse-error', message: `${file}: ${error.message}`, span: lines.span(error.offset, error.offset + 1) } }
  const rejected = rejectedDuplicateKey(doc, lines, 'action')
  if (rejected) return { problem: rejected }
  const view = new YamlView(doc, lines)
  const runs = view.get(view.root, 'runs')
  const using = view.string(view.get(runs, 'using'))
  if (using !== 'composite') return { unresolved: `local action \`${uses}\` runs \`${using ?? 'unknown'}\`, which seedguard cannot follow` }
  if (depth > 8) return { unresolved: `local action \`${uses}\` nests too deeply` }
  return { steps: readSteps(view, view.items(view.get(runs, 'steps')), inherited, depth + 1) }
}
