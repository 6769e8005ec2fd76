import type { Project } from '../project/project.js'
import { parseYamlOf, YamlView } from '../util/yaml.js'
import type { Problem } from './types.js'

/** a configuration file of the repository as a YAML view, or the parse error at its place */
export function loadYamlFile(file: string, project: Project): { view: YamlView } | { problem: Problem } {
  const lines = project.cache.get(file)
  if (!lines) return { problem: { rule: 'parse-error', message: `${file} cannot be read`, span: { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } } }
  const { doc, error } = parseYamlOf(lines)
  if (error) return { problem: { rule: 'parse-error', message: `invalid YAML: ${error.message}`, span: lines.span(error.offset, error.offset + 1) } }
  return { view: new YamlView(doc, lines) }
}
