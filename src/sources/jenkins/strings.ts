// Groovy string values as the shell or the environment sees them. A double-quoted string is a
// GString: Groovy replaces `${env.X}`, `${params.X}` and `$X` before the shell runs
// (https://www.jenkins.io/doc/book/pipeline/jenkinsfile/#string-interpolation), so they are the
// value where the Jenkinsfile gives it, else a shell variable of that name, which the shell reader
// knows no value for; anything else Groovy computes is a variable no file sets.
import type { ShellKind, ShellSource } from '../../model/context.js'
import type { Expr, StringPart } from './parse.js'

/** what Groovy puts in a string for an expression it computes at run time */
export const GROOVY_VALUE = 'GROOVY_VALUE'

/** the variable `${env.X}`, `${params.X}` or `$X` reads; parameters are in the environment too */
export function variableOf(expr: Expr | undefined): string | undefined {
  if (expr?.kind !== 'name') return undefined
  const { path } = expr
  if (path.length === 1) return path[0]
  if (path.length === 2 && (path[0] === 'env' || path[0] === 'params')) return path[1]
  return undefined
}

interface Piece {
  text: string
  /** the file offset of each character; one offset for a whole interpolated value */
  at: number[] | number
}

/**
 * A string expression (literal, GString, `+` of strings, `.stripIndent()`/`.trim()`, which leave
 * the commands as they are) as text with each character's offset; undefined for anything else.
 */
function piecesOf(expr: Expr, env: Record<string, string>): Piece[] | undefined {
  if (expr.kind === 'string') return expr.parts.map((part) => pieceOf(part, env))
  if (expr.kind === 'binary' && expr.op === '+') {
    const left = piecesOf(expr.left, env)
    const right = piecesOf(expr.right, env)
    return left && right ? [...left, ...right] : undefined
  }
  if (expr.kind === 'method' && ['stripIndent', 'trim', 'toString'].includes(expr.name) && expr.args.length === 0) return piecesOf(expr.target, env)
  return undefined
}

function pieceOf(part: StringPart, env: Record<string, string>): Piece {
  if (part.kind === 'text') return { text: part.text, at: part.at }
  const name = variableOf(part.expr)
  const known = name !== undefined ? env[name] : undefined
  return { text: known ?? `\${${name ?? GROOVY_VALUE}}`, at: part.start }
}

/** the shell text of a step's script argument, offsets into the Jenkinsfile */
export function shellSourceOf(expr: Expr, env: Record<string, string>, file: string, shell: ShellKind): ShellSource | undefined {
  const pieces = piecesOf(expr, env)
  if (!pieces) return undefined
  const text = pieces.map((p) => p.text).join('')
  const starts: number[] = []
  let length = 0
  for (const piece of pieces) {
    starts.push(length)
    length += piece.text.length
  }
  const end = expr.end
  const offsets = (i: number): number => {
    if (i >= length) return end
    let k = pieces.length - 1
    while (k > 0 && starts[k]! > i) k--
    const { at } = pieces[k]!
    return typeof at === 'number' ? at : (at[i - starts[k]!] ?? end)
  }
  return { text, offsets, file, shell }
}

/** a literal string's value, with GString parts replaced where known; undefined where any is not */
export function stringValue(expr: Expr | undefined, env: Record<string, string>): string | undefined {
  if (!expr) return undefined
  const pieces = piecesOf(expr, env)
  if (!pieces || pieces.some((p) => typeof p.at === 'number' && p.text.startsWith('${'))) return undefined
  return pieces.map((p) => p.text).join('')
}
