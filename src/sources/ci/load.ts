import type { YamlView } from '../../util/yaml.js'
import type { Problem } from '../types.js'


/** where expanding YAML aliases stopped (an alias bomb): the rest of the file was not read */
export function aliasLimitProblem(view: YamlView): Problem[] {
  const at = view.aliasLimitAt
  return at === undefined ? [] : [{ rule: 'parse-error', message: 'too many YAML alias expansions (an alias bomb?): the rest of the file was not read', span: view.lines.span(at, at + 1) }]
}
