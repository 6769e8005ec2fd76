// The Groovy a declarative Jenkinsfile is written in, read as data: strings (with their escapes
// and `${}` interpolation, every character kept at its offset), comments, blocks `name { … }`,
// calls `name(args)` and `name arg, key: value`, assignments, lists, maps and closures. What lies
// outside this subset (`if`, `def`, `try`, loops) is kept as an opaque statement with its place, so
// the reader can say it was not read. https://www.jenkins.io/doc/book/pipeline/syntax/ ;
// strings: https://groovy-lang.org/syntax.html#all-strings

/** a run of a string's decoded text, each character with its offset in the file */
export interface TextPart {
  kind: 'text'
  text: string
  at: number[]
}

/** `${expression}` or `$name.path` inside a double-quoted string */
export interface InterpolationPart {
  kind: 'interpolation'
  /** the expression, parsed; undefined when it is not in the subset */
  expr: Expr | undefined
  start: number
  end: number
}

export type StringPart = TextPart | InterpolationPart

export interface Arg {
  name?: string
  value: Expr
}

interface Located {
  start: number
  end: number
}

export type Expr = Located &
  (
    | { kind: 'string'; parts: StringPart[] }
    | { kind: 'literal'; text: string }
    | { kind: 'name'; path: string[] }
    | { kind: 'call'; path: string[]; args: Arg[]; closure?: Closure; nameEnd: number }
    | { kind: 'method'; target: Expr; name: string; args: Arg[] }
    | { kind: 'list'; items: Expr[] }
    | { kind: 'map'; entries: Arg[] }
    | Closure
    | { kind: 'binary'; op: string; left: Expr; right: Expr }
    | { kind: 'unary'; op: string; operand: Expr }
    /** an expression outside the subset: a ternary, an index, `new X()` */
    | { kind: 'other' }
  )

export type Closure = Located & { kind: 'closure'; body: Statement[] }

export type Statement = Located &
  (
    | { kind: 'expr'; value: Expr }
    | { kind: 'return'; value: Expr }
    | { kind: 'assign'; name: string; value: Expr }
    /** a statement outside the subset (`if`, `def`, `try`, a loop, `@Library`), named by its first word */
    | { kind: 'other'; word: string }
  )

export class GroovyError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'newline' | 'eof'

interface Token extends Located {
  kind: TokenKind
  text: string
  string?: StringPart[]
}

// longest first: the tokenizer takes the first that matches
const PUNCTUATION = ['==~', '=~', '?.', '?:', '->', '==', '!=', '<=', '>=', '&&', '||', '++', '--', '+=', '-=', '<<', '**', '..', '{', '}', '(', ')', '[', ']', ',', ':', ';', '.', '=', '!', '+', '-', '*', '/', '%', '<', '>', '?', '&', '|', '@', '~', '^']
// after these a `/` starts a slashy string rather than a division
const BEFORE_SLASHY = new Set(['(', '[', '{', ',', ':', '=', '==', '!=', '==~', '=~', '&&', '||', '!', '?', 'newline', 'start', 'return'])
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', s: ' ', '\\': '\\', "'": "'", '"': '"', $: '$' }
const STATEMENT_KEYWORDS = new Set(['if', 'else', 'for', 'while', 'do', 'try', 'catch', 'finally', 'switch', 'def', 'return', 'import', 'package', 'class', 'throw', 'break', 'continue', 'final', 'static', 'void', 'String', 'boolean', 'int', 'var'])

export function tokenize(text: string, base = 0): Token[] {
  const tokens: Token[] = []
  let i = 0
  const previous = () => {
    const last = tokens.at(-1)
    return !last ? 'start' : last.kind === 'newline' ? 'newline' : last.kind === 'punct' || (last.kind === 'ident' && last.text === 'return') ? last.text : last.kind
  }
  // a shebang (`#!groovy`) on the first line is a comment to Groovy
  if (text.startsWith('#!')) i = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')
  while (i < text.length) {
    const c = text[i]!
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: '\n', start: base + i, end: base + i + 1 })
      i++
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++
    } else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      // a line continuation outside a string
      i += text[i + 1] === '\n' ? 2 : 3
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i)
      i = end < 0 ? text.length : end
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2)
      if (end < 0) throw new GroovyError('unterminated /* comment', base + i)
      i = end + 2
    } else if (c === "'" || c === '"') {
      const read = readQuoted(text, i, base)
      tokens.push({ kind: 'string', text: text.slice(i, read.end), string: read.parts, start: base + i, end: base + read.end })
      i = read.end
    } else if (c === '/' && BEFORE_SLASHY.has(previous())) {
      const read = readSlashy(text, i, base)
      tokens.push({ kind: 'string', text: text.slice(i, read.end), string: read.parts, start: base + i, end: base + read.end })
      i = read.end
    } else if (c === '$' && text[i + 1] === '/') {
      const end = text.indexOf('/$', i + 2)
      if (end < 0) throw new GroovyError('unterminated $/ string', base + i)
      tokens.push({ kind: 'string', text: text.slice(i, end + 2), string: [plainText(text, i + 2, end, base)], start: base + i, end: base + end + 2 })
      i = end + 2
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1
      while (j < text.length && /[\w$]/.test(text[j]!)) j++
      tokens.push({ kind: 'ident', text: text.slice(i, j), start: base + i, end: base + j })
      i = j
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][\w.]*/.exec(text.slice(i, i + 64))![0].replace(/\.$/, '')
      tokens.push({ kind: 'number', text: m, start: base + i, end: base + i + m.length })
      i += m.length
    } else {
      const p = PUNCTUATION.find((op) => text.startsWith(op, i))
      if (!p) throw new GroovyError(`unexpected character \`${c}\``, base + i)
      tokens.push({ kind: 'punct', text: p, start: base + i, end: base + i + p.length })
      i += p.length
    }
  }
  tokens.push({ kind: 'eof', text: '', start: base + text.length, end: base + text.length })
  return tokens
}

function plainText(text: string, from: number, to: number, base: number): TextPart {
  const at: number[] = []
  for (let k = from; k < to; k++) at.push(base + k)
  return { kind: 'text', text: text.slice(from, to), at }
}

/** '…', "…", '''…''', """…""": decoded, with `${}` and `$name` parts in the double-quoted ones */
function readQuoted(text: string, start: number, base: number): { parts: StringPart[]; end: number } {
  const quote = text[start]!
  const triple = text.startsWith(quote.repeat(3), start)
  const close = triple ? quote.repeat(3) : quote
  const interpolates = quote === '"'
  const parts: StringPart[] = []
  let current: TextPart = { kind: 'text', text: '', at: [] }
  const flush = () => {
    if (current.text.length > 0) parts.push(current)
    current = { kind: 'text', text: '', at: [] }
  }
  let i = start + close.length
  for (;;) {
    if (i >= text.length) throw new GroovyError('unterminated string', base + start)
    if (text.startsWith(close, i)) return flush(), { parts, end: i + close.length }
    const c = text[i]!
    if (c === '\n' && !triple) throw new GroovyError('unterminated string', base + start)
    if (c === '\\') {
      const next = text[i + 1]
      if (next === '\n') {
        i += 2
        continue
      }
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        current.text += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
        current.at.push(base + i)
        i += 6
        continue
      }
      const decoded = next !== undefined ? ESCAPES[next] : undefined
      current.text += decoded ?? '\\'
      current.at.push(base + (decoded !== undefined ? i + 1 : i))
      i += decoded !== undefined ? 2 : 1
      continue
    }
    if (interpolates && c === '$' && (text[i + 1] === '{' || /[A-Za-z_]/.test(text[i + 1] ?? ''))) {
      flush()
      const end = text[i + 1] === '{' ? closingBrace(text, i + 1, base) + 1 : dottedNameEnd(text, i + 1)
      const inner = text[i + 1] === '{' ? [i + 2, end - 1] : [i + 1, end]
      parts.push({ kind: 'interpolation', expr: expressionIn(text.slice(inner[0], inner[1]), base + inner[0]!), start: base + i, end: base + end })
      i = end
      continue
    }
    current.text += c
    current.at.push(base + i)
    i++
  }
}

/** `/…/`: only `\/` is an escape; `${}` interpolates */
function readSlashy(text: string, start: number, base: number): { parts: StringPart[]; end: number } {
  const at: number[] = []
  let value = ''
  let i = start + 1
  for (;;) {
    if (i >= text.length || text[i] === '\n') throw new GroovyError('unterminated /…/ string', base + start)
    if (text[i] === '/') return { parts: [{ kind: 'text', text: value, at }], end: i + 1 }
    if (text[i] === '\\' && text[i + 1] === '/') i++
    value += text[i]
    at.push(base + i)
    i++
  }
}

/** `$name.prop.prop`: where the name ends (a trailing dot is not part of it) */
function dottedNameEnd(text: string, from: number): number {
  const m = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(text.slice(from, from + 200))!
  return from + m[0].length
}

/** the `}` that closes the `{` at `open`, past nested braces and strings */
function closingBrace(text: string, open: number, base: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const c = text[i]!
    if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i
    else if (c === "'" || c === '"') i = readQuoted(text, i, base).end - 1
  }
  throw new GroovyError('unterminated ${', base + open)
}

function expressionIn(text: string, base: number): Expr | undefined {
  try {
    const parser = new Parser(tokenize(text, base))
    const expr = parser.expression()
    return parser.atEnd() ? expr : undefined
  } catch {
    return undefined
  }
}

/** the statements of a whole file */
export function parseGroovy(text: string): Statement[] {
  const parser = new Parser(tokenize(text))
  const body = parser.statements()
  if (!parser.atEnd()) throw new GroovyError('unexpected `}`', parser.offset())
  return body
}

class Parser {
  private i = 0

  constructor(private readonly tokens: Token[]) {}

  atEnd(): boolean {
    this.skipNewlines()
    return this.peek().kind === 'eof'
  }

  offset(): number {
    return this.peek().start
  }

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!
  }

  private next(): Token {
    return this.tokens[Math.min(this.i++, this.tokens.length - 1)]!
  }

  private is(text: string, k = 0): boolean {
    const t = this.peek(k)
    return t.kind === 'punct' && t.text === text
  }

  private expect(text: string): Token {
    const t = this.next()
    if (t.kind !== 'punct' || t.text !== text) throw new GroovyError(t.kind === 'eof' ? `missing \`${text}\`` : `expected \`${text}\`, found \`${t.text}\``, t.start)
    return t
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline' || this.is(';')) this.i++
  }

  /** the next token past line breaks, without taking it */
  private peekPastNewlines(): Token {
    let k = 0
    while (this.peek(k).kind === 'newline') k++
    return this.peek(k)
  }

  /**
   * statements up to a `}` or the end. A statement in Groovy this parser does not know (`list*.name`,
   * `obj.@field`) is kept opaque rather than failing the file: only unbalanced brackets do.
   */
  statements(): Statement[] {
    const out: Statement[] = []
    for (;;) {
      this.skipNewlines()
      const t = this.peek()
      if (t.kind === 'eof' || this.is('}')) return out
      const start = this.i
      try {
        out.push(this.statement())
      } catch (error) {
        if (!(error instanceof GroovyError)) throw error
        this.i = start
        out.push(this.opaque(t.text))
      }
    }
  }

  private statement(): Statement {
    const t = this.peek()
    if (t.kind === 'ident' && t.text === 'return' && this.peek(1).kind !== 'newline' && !this.is('}', 1) && !this.is(';', 1)) {
      this.next()
      const value = this.expression()
      if (this.endsStatement()) return { kind: 'return', value, start: t.start, end: value.end }
      return { ...this.opaque('return'), start: t.start }
    }
    // `def name = value`: a local variable, read as an assignment
    if (t.kind === 'ident' && t.text === 'def' && this.peek(1).kind === 'ident' && this.is('=', 2)) this.next()
    else if ((t.kind === 'ident' && STATEMENT_KEYWORDS.has(t.text)) || this.is('@')) return this.opaque(t.kind === 'ident' ? t.text : `@${this.peek(1).text}`)
    const expr = this.expression()
    if (this.is('=') && expr.kind === 'name' && expr.path.length <= 2) {
      this.next()
      this.skipNewlines()
      const value = this.expression()
      return { kind: 'assign', name: expr.path.join('.'), value, start: expr.start, end: value.end }
    }
    if (!this.endsStatement()) {
      // something this reader does not take apart follows: keep the rest of the statement opaque
      const rest = this.opaque(expr.kind === 'name' || expr.kind === 'call' ? expr.path[0]! : t.text)
      return { ...rest, start: expr.start }
    }
    return { kind: 'expr', value: expr, start: expr.start, end: expr.end }
  }

  private endsStatement(): boolean {
    const t = this.peek()
    return t.kind === 'newline' || t.kind === 'eof' || this.is(';') || this.is('}')
  }

  /** a statement outside the subset: up to the end of its line, past balanced brackets and `else`/`catch` arms */
  private opaque(word: string): Statement {
    const start = this.peek().start
    let depth = 0
    let end = start
    for (;;) {
      const t = this.peek()
      if (t.kind === 'eof') {
        if (depth > 0) throw new GroovyError('missing `}`', t.start)
        break
      }
      if (depth === 0 && (t.kind === 'newline' || (t.kind === 'punct' && (t.text === ';' || t.text === '}')))) {
        const after = this.peekPastNewlines()
        if (!(after.kind === 'ident' && ['else', 'catch', 'finally'].includes(after.text)) && !(after.kind === 'punct' && after.text === '{' && this.previousIsClosingParen())) break
      }
      this.next()
      if (t.kind === 'punct' && ['{', '(', '['].includes(t.text)) depth++
      if (t.kind === 'punct' && ['}', ')', ']'].includes(t.text)) {
        if (depth === 0) throw new GroovyError(`unexpected \`${t.text}\``, t.start)
        depth--
      }
      if (t.kind !== 'newline') end = t.end
    }
    return { kind: 'other', word, start, end }
  }

  /** `if (x)` followed by its block on the next line */
  private previousIsClosingParen(): boolean {
    for (let k = this.i - 1; k >= 0; k--) {
      const t = this.tokens[k]!
      if (t.kind !== 'newline') return t.kind === 'punct' && t.text === ')'
    }
    return false
  }

  expression(): Expr {
    const expr = this.binary(0)
    if (this.is('?') || this.is('?:')) {
      // a ternary or an Elvis operator: its value depends on the run
      this.next()
      this.skipNewlines()
      const rest = this.expression()
      if (this.is(':')) {
        this.next()
        this.skipNewlines()
        const last = this.expression()
        return { kind: 'other', start: expr.start, end: last.end }
      }
      return { kind: 'other', start: expr.start, end: rest.end }
    }
    return expr
  }

  private static readonly LEVELS = [['||'], ['&&'], ['==', '!=', '==~', '=~', '<', '>', '<=', '>=', 'in'], ['+', '-'], ['*', '/', '%']]

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary()
    let left = this.binary(level + 1)
    for (;;) {
      // `&&` and `||` may open the next line
      const lookahead = level <= 1 ? this.peekPastNewlines() : this.peek()
      const op = lookahead.kind === 'punct' || (lookahead.kind === 'ident' && lookahead.text === 'in') ? lookahead.text : undefined
      if (!op || !Parser.LEVELS[level]!.includes(op)) return left
      this.skipNewlinesBefore(lookahead)
      this.next()
      this.skipNewlines()
      const right = this.binary(level + 1)
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end }
    }
  }

  private skipNewlinesBefore(token: Token): void {
    while (this.peek() !== token) this.i++
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-')) {
      const op = this.next()
      const operand = this.unary()
      return { kind: 'unary', op: op.text, operand, start: op.start, end: operand.end }
    }
    return this.postfix(this.primary())
  }

  private postfix(expr: Expr): Expr {
    for (;;) {
      const ahead = this.peekPastNewlines()
      // `.trim()` may stand on the next line
      if (ahead.kind === 'punct' && (ahead.text === '.' || ahead.text === '?.')) {
        this.skipNewlinesBefore(ahead)
        this.next()
        const name = this.next()
        if (name.kind !== 'ident' && name.kind !== 'string') throw new GroovyError('expected a name after `.`', name.start)
        const key = name.kind === 'ident' ? name.text : (name.string ?? []).map((p) => (p.kind === 'text' ? p.text : '')).join('')
        if (this.is('(')) {
          const args = this.callArgs()
          expr = expr.kind === 'name' ? this.withClosure({ kind: 'call', path: [...expr.path, key], args, nameEnd: name.end, start: expr.start, end: this.previousEnd() }) : { kind: 'method', target: expr, name: key, args, start: expr.start, end: this.previousEnd() }
        } else if (expr.kind === 'name') {
          expr = { ...expr, path: [...expr.path, key], end: name.end }
        } else {
          expr = { kind: 'method', target: expr, name: key, args: [], start: expr.start, end: name.end }
        }
        continue
      }
      if (this.is('[')) {
        this.next()
        this.skipNewlines()
        const index = this.expression()
        this.skipNewlines()
        const close = this.expect(']')
        expr = { kind: 'other', start: expr.start, end: Math.max(index.end, close.end) }
        continue
      }
      return expr
    }
  }

  private previousEnd(): number {
    return this.tokens[this.i - 1]!.end
  }

  private primary(): Expr {
    const t = this.peek()
    if (t.kind === 'string') {
      this.next()
      return { kind: 'string', parts: t.string ?? [], start: t.start, end: t.end }
    }
    if (t.kind === 'number') {
      this.next()
      return { kind: 'literal', text: t.text, start: t.start, end: t.end }
    }
    if (t.kind === 'ident') {
      this.next()
      if (['true', 'false', 'null'].includes(t.text)) return { kind: 'literal', text: t.text, start: t.start, end: t.end }
      if (t.text === 'new') {
        const made = this.postfix(this.primary())
        return { kind: 'other', start: t.start, end: made.end }
      }
      if (this.is('(')) {
        const args = this.callArgs()
        return this.withClosure({ kind: 'call', path: [t.text], args, nameEnd: t.end, start: t.start, end: this.previousEnd() })
      }
      if (this.is('{') || (this.peek().kind === 'newline' && this.peekPastNewlines().text === '{' && this.peekPastNewlines().kind === 'punct')) {
        return this.withClosure({ kind: 'call', path: [t.text], args: [], nameEnd: t.end, start: t.start, end: t.end })
      }
      if (this.startsCommandArgument()) return this.commandCall(t)
      return { kind: 'name', path: [t.text], start: t.start, end: t.end }
    }
    if (this.is('(')) {
      this.next()
      this.skipNewlines()
      const inner = this.expression()
      this.skipNewlines()
      this.expect(')')
      return { ...inner, start: t.start, end: this.previousEnd() }
    }
    if (this.is('[')) return this.listOrMap()
    if (this.is('{')) return this.closure()
    throw new GroovyError(t.kind === 'eof' ? 'unexpected end of file' : `unexpected \`${t.text}\``, t.start)
  }

  /** `sh 'x'`, `branch pattern: 'x', comparator: 'GLOB'`, `agent any`: a call without parentheses */
  private startsCommandArgument(): boolean {
    const t = this.peek()
    if (t.kind === 'string' || t.kind === 'number') return true
    if (t.kind === 'ident') return !['in', 'instanceof', 'as'].includes(t.text)
    return this.is('[')
  }

  private commandCall(name: Token): Expr {
    const args: Arg[] = []
    for (;;) {
      args.push(this.arg())
      if (!this.is(',')) break
      this.next()
      this.skipNewlines()
    }
    return this.withClosure({ kind: 'call', path: [name.text], args, nameEnd: name.end, start: name.start, end: this.previousEnd() })
  }

  private arg(): Arg {
    const t = this.peek()
    if ((t.kind === 'ident' || t.kind === 'string') && this.is(':', 1)) {
      this.next()
      this.next()
      this.skipNewlines()
      const name = t.kind === 'ident' ? t.text : (t.string ?? []).map((p) => (p.kind === 'text' ? p.text : '')).join('')
      return { name, value: this.expression() }
    }
    return { value: this.expression() }
  }

  private callArgs(): Arg[] {
    this.expect('(')
    const args: Arg[] = []
    this.skipNewlines()
    while (!this.is(')')) {
      args.push(this.arg())
      this.skipNewlines()
      if (!this.is(',')) break
      this.next()
      this.skipNewlines()
    }
    this.skipNewlines()
    this.expect(')')
    return args
  }

  /** a trailing closure: `stage('x') { … }`, also on the next line */
  private withClosure(call: Expr & { kind: 'call' }): Expr {
    const ahead = this.peekPastNewlines()
    if (ahead.kind === 'punct' && ahead.text === '{' && (this.is('{') || this.peek().kind === 'newline')) {
      this.skipNewlinesBefore(ahead)
      const closure = this.closure()
      return { ...call, closure, end: closure.end }
    }
    return call
  }

  private closure(): Closure {
    const open = this.expect('{')
    // parameters: `{ a, b -> … }`
    let k = 0
    while (this.peek(k).kind === 'ident' || this.is(',', k) || this.peek(k).kind === 'newline') k++
    if (this.is('->', k)) this.i += k + 1
    const body = this.statements()
    const close = this.expect('}')
    return { kind: 'closure', body, start: open.start, end: close.end }
  }

  private listOrMap(): Expr {
    const open = this.expect('[')
    this.skipNewlines()
    if (this.is(':') && this.is(']', 1)) {
      this.next()
      return { kind: 'map', entries: [], start: open.start, end: this.next().end }
    }
    const items: Arg[] = []
    while (!this.is(']')) {
      items.push(this.arg())
      this.skipNewlines()
      if (!this.is(',')) break
      this.next()
      this.skipNewlines()
    }
    const close = this.expect(']')
    if (items.length > 0 && items.every((a) => a.name !== undefined)) return { kind: 'map', entries: items, start: open.start, end: close.end }
    return { kind: 'list', items: items.map((a) => a.value), start: open.start, end: close.end }
  }
}
