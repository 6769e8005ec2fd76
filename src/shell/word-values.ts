import type { SyntaxNode as Node, Word as AstWord, WordPart } from 'unbash'

/** the values a variable may hold at a point of the script: one per way the script got there */
export type Candidates = readonly string[]

/** what the script knows statically when it expands a word */
export interface KnownValues {
  vars: ReadonlyMap<string, Candidates>
  /** `$0`: the path the script was invoked with, where the command line that runs it is known */
  zero: string | undefined
  /** `${BASH_SOURCE[0]}`: the path of the file being run or sourced, as it was named */
  bashSource: string | undefined
}

/** more alternatives than this are not worth telling apart: the word is left unknown */
export const MAX_CANDIDATES = 8
const MAX_BRACE_WORDS = 64

/**
 * The values a word may expand to, after parameter and command substitution and quote removal,
 * where every part of it is known: literals, variables with known values, and the idioms a
 * script uses to name its own directory (`$(dirname "$0")`, `${0%/*}`, `$(cd "$(dirname "$0")" && pwd)`).
 * Field splitting and brace expansion are the caller's. undefined: some part is only known at run time.
 */
export function wordValues(word: AstWord, known: KnownValues): Candidates | undefined {
  if (!word.parts) return [word.value]
  const values = concatenate(word.parts.map((part) => partValues(part, known)))
  return values && [...new Set(values)]
}

/**
 * The words bash makes of a word with an unquoted brace expansion (`db:{migrate,seed}`), where the
 * rest of it has one known value; undefined for any other word.
 */
export function braceWords(word: AstWord, known: KnownValues): string[] | undefined {
  if (!word.parts?.some((part) => part.type === 'BraceExpansion')) return undefined
  const pieces = word.parts.map((part) => {
    // a brace with expansions or quotes inside expands to words only known at run time
    if (part.type === 'BraceExpansion') return /[$'"\\`]/.test(part.text) ? undefined : expandBraces(part.text)
    const values = partValues(part, known)
    return values?.length === 1 ? values : undefined
  })
  return concatenate(pieces, MAX_BRACE_WORDS)
}

function partValues(part: WordPart, known: KnownValues): Candidates | undefined {
  switch (part.type) {
    case 'Literal':
    case 'SingleQuoted':
    case 'AnsiCQuoted':
      return [part.value]
    case 'DoubleQuoted':
    case 'LocaleString':
      return concatenate(part.parts.map((child) => partValues(child, known)))
    case 'SimpleExpansion':
      return parameterValues(part.text.slice(1), known)
    case 'ParameterExpansion': {
      if (part.prefix) return undefined
      const index = part.index?.value
      // bash: BASH_SOURCE[0] is the file being executed (https://www.gnu.org/software/bash/manual/html_node/Bash-Variables.html)
      const values = part.parameter === 'BASH_SOURCE' && (index === undefined || index === '0') ? single(known.bashSource) : index === undefined ? parameterValues(part.parameter, known) : undefined
      if (!part.operation) return values
      // `${0%/*}`: the shortest suffix matching `/*` removed, the script's directory
      // (https://www.gnu.org/software/bash/manual/html_node/Shell-Parameter-Expansion.html)
      if (part.operation.type === 'Remove' && part.operation.operator === '%' && part.operation.operand.text === '/*') return values?.map((v) => (v.includes('/') ? v.slice(0, v.lastIndexOf('/')) : v))
      return undefined
    }
    case 'CommandExpansion':
      return part.script?.commands.length === 1 ? substitutionValues(part.script.commands[0]!, known) : undefined
    default:
      return undefined
  }
}

function parameterValues(name: string, known: KnownValues): Candidates | undefined {
  if (name === '0') return single(known.zero)
  return known.vars.get(name)
}

/**
 * `$(dirname X)`, `$(cd X && pwd)`, `$(pwd)`: the output of the directory idioms. `pwd` prints an
 * absolute path; as the walker resolves paths against the directory the command runs in, the
 * directory relative to it (`X`, `.`) names the same place.
 */
function substitutionValues(statement: Node, known: KnownValues): Candidates | undefined {
  const command = statement.type === 'Statement' ? statement.command : statement
  if (command?.type === 'Command') {
    const name = command.name?.value
    const operands = command.suffix.filter((w): w is AstWord => w.type === 'Word')
    if (name === 'dirname' && operands.length === 1) return wordValues(operands[0]!, known)?.map(dirname)
    if (name === 'pwd' && operands.every((w) => /^-[LP]$/.test(w.value))) return ['.']
    return undefined
  }
  if (command?.type === 'AndOr' && command.commands.length === 2 && command.operators[0] === '&&') {
    const [cd, pwd] = command.commands
    if (cd?.type !== 'Command' || cd.name?.value !== 'cd' || substitutionValues(pwd!, known)?.[0] !== '.') return undefined
    const operands = cd.suffix.filter((w): w is AstWord => w.type === 'Word')
    return operands.length === 1 ? wordValues(operands[0]!, known) : undefined
  }
  return undefined
}

/** POSIX dirname: trailing slashes dropped, then the last component; `.` when none is left (https://pubs.opengroup.org/onlinepubs/9799919799/utilities/dirname.html) */
export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '') return path === '' ? '.' : '/'
  const slash = trimmed.lastIndexOf('/')
  if (slash < 0) return '.'
  return trimmed.slice(0, slash).replace(/\/+$/, '') || '/'
}

function single(value: string | undefined): Candidates | undefined {
  return value === undefined ? undefined : [value]
}

/** every way of picking one value per piece, in order; undefined when a piece is unknown or there are more than `limit` */
function concatenate(pieces: (Candidates | undefined)[], limit = MAX_CANDIDATES): string[] | undefined {
  let values: string[] = ['']
  for (const piece of pieces) {
    if (!piece) return undefined
    values = values.flatMap((prefix) => piece.map((v) => prefix + v))
    if (values.length > limit) return undefined
  }
  return values
}

/**
 * Bash brace expansion of unquoted text: `db:{migrate,seed}` is the two words `db:migrate`
 * `db:seed`, nested and with a preamble and postscript (`a{b,{c,d}e}f`), and the sequences
 * `{1..3}`, `{a..c}`. A brace without a top-level comma or a valid sequence stays literal.
 * https://www.gnu.org/software/bash/manual/html_node/Brace-Expansion.html
 */
export function expandBraces(text: string): string[] {
  for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
    if (text[open - 1] === '$') continue
    const close = matchingBrace(text, open)
    if (close < 0) return [text]
    const alternatives = braceAlternatives(text.slice(open + 1, close))
    if (!alternatives) continue
    const preamble = text.slice(0, open)
    const postscripts = expandBraces(text.slice(close + 1))
    return alternatives.flatMap((alternative) => expandBraces(alternative).flatMap((middle) => postscripts.map((post) => preamble + middle + post)))
  }
  return [text]
}

function matchingBrace(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

function braceAlternatives(inner: string): string[] | undefined {
  const sequence = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])$/.exec(inner)
  if (sequence) return sequenceOf(sequence[1]!, sequence[2]!)
  const alternatives: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '{') depth++
    else if (inner[i] === '}') depth--
    else if (inner[i] === ',' && depth === 0) {
      alternatives.push(inner.slice(start, i))
      start = i + 1
    }
  }
  if (alternatives.length === 0) return undefined
  alternatives.push(inner.slice(start))
  return alternatives
}

function sequenceOf(from: string, to: string): string[] | undefined {
  const numeric = /\d/.test(from)
  if (numeric !== /\d/.test(to)) return undefined
  const [a, b] = numeric ? [Number(from), Number(to)] : [from.charCodeAt(0), to.charCodeAt(0)]
  if (Math.abs(b - a) >= MAX_BRACE_WORDS) return undefined
  const step = a <= b ? 1 : -1
  const values: string[] = []
  for (let n = a; n !== b + step; n += step) values.push(numeric ? String(n) : String.fromCharCode(n))
  return values
}
