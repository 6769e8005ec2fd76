import type { Project } from '../../project/project.js'
import { parseYamlOf, YamlView } from '../../util/yaml.js'
import type { Problem } from '../types.js'

/** a CI configuration file as a YAML view, or the parse error at its place */
export function loadYamlFile(file: string, project: Project): { view: YamlView } | { problem: Problem } {
  const lines = project.cache.get(file)
  if (!lines) return { problem: { rule: 'parse-error', message: `${file} cannot be read`, span: { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } } }
  const { doc, error } = parseYamlOf(lines)
  if (error) return { problem: { rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) } }
  return { view: new YamlView(doc, lines) }
}

/** where expanding YAML aliases stopped (an alias bomb): the rest of the file was not read */
export function aliasLimitProblem(view: YamlView): Problem[] {
  const at = view.aliasLimitAt
  return at === undefined ? [] : [{ rule: 'parse-error', message: 'too many YAML alias expansions (an alias bomb?): the rest of the file was not read', span: view.lines.span(at, at + 1) }]
}
