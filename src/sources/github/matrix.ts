// https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations
import type { YamlNode, YamlView } from '../../util/yaml.js'

const MAX_COMBINATIONS = 64

/**
 * A static matrix expanded into its combinations (include/exclude applied), each as a scope of
 * single values; a matrix built from an expression cannot be expanded and yields one empty scope.
 */
export function expandMatrix(view: YamlView, node: YamlNode | undefined): Record<string, string[]>[] {
  const entries = view.entries(node)
  if (entries.length === 0) return [{}]
  let combos: Record<string, string>[] = [{}]
  const include: Record<string, string>[] = []
  const exclude: Record<string, string>[] = []
  for (const { key, value } of entries) {
    if (key === 'include') include.push(...view.items(value).map((i) => view.record(i)))
    else if (key === 'exclude') exclude.push(...view.items(value).map((i) => view.record(i)))
    else {
      const values = view.strings(value)
      if (values.length === 0) continue
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))).slice(0, MAX_COMBINATIONS)
    }
  }
  combos = combos.filter((c) => !exclude.some((e) => Object.entries(e).every(([k, v]) => c[k] === v)))
  for (const extra of include) {
    const matching = combos.filter((c) => Object.entries(extra).every(([k, v]) => !(k in c) || c[k] === v))
    if (matching.length > 0 && Object.keys(combos[0] ?? {}).length > 0) matching.forEach((c) => Object.assign(c, extra))
    else combos.push({ ...extra })
  }
  const nonEmpty = combos.filter((c) => Object.keys(c).length > 0).slice(0, MAX_COMBINATIONS)
  return nonEmpty.length > 0 ? nonEmpty.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [v]]))) : [{}]
}
