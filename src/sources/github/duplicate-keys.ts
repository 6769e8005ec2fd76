// https://github.com/actions/runner/blob/main/src/Sdk/DTObjectTemplating/ObjectTemplating/TemplateReader.cs
import type { Document } from 'yaml'
import type { LineIndex } from '../../util/line-index.js'
import { duplicateKeys } from '../../util/yaml.js'
import type { Problem } from '../types.js'

/**
 * GitHub refuses a workflow or action file that gives a key twice in one mapping ("'deploy' is
 * already defined"), comparing keys without regard to case; a key holding an expression is not
 * compared. Such a file never runs (so nothing in it reaches production), and which of the two
 * definitions was meant cannot be known: a warning at the second key that says so, not a guess.
 */
export function rejectedDuplicateKey(doc: Document.Parsed, lines: LineIndex, kind: 'workflow' | 'action'): Problem | undefined {
  const [duplicate] = duplicateKeys(doc, (key) => (key.includes('${{') ? undefined : key.toLowerCase()))
  if (!duplicate) return undefined
  const first = lines.position(duplicate.first[0])
  return {
    rule: 'parse-error',
    message: `GitHub rejects this ${kind}: \`${duplicate.key}\` is already defined at line ${first.line}, column ${first.column}, so nothing in the file runs`,
    span: lines.span(duplicate.at[0], duplicate.at[1]),
    severity: 'warning',
  }
}
