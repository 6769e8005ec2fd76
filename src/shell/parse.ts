import { forEachChild, parse, type SyntaxNode as Node, type Word as AstWord, type Command as AstCommand, type ParsedScript, type Script } from 'unbash'
import type { ShellSource } from '../model/context.js'
import type { Span } from '../model/span.js'
import type { LineIndex } from '../util/line-index.js'
import { joinPath } from '../util/paths.js'
import { bindArguments, bindVariables, negateGuards, type Guard } from '../model/guard.js'
import { guardsOfCase, guardsOfCondition } from './guards.js'

export interface ShellWord {
  /** the word after quote removal; expansions stay as written (`$X`) */
  value: string
  span: Span
  /** contains a parameter/command expansion or a `${{ }}` expression, so its value is not known statically */
  dynamic: boolean
}

export interface SimpleCommand {
  words: ShellWord[]
  /** `VAR=x cmd` prefixes: the environment of this command only */
  assignments: Record<string, string>
  /** `export VAR=x`: the environment of every later command of the same script */
  exported: Record<string, string>
  /** files this command writes through `>` / `>>` (`$GITHUB_ENV`, `.env`) */
  writes: string[]
  /** a here-document's text (`ssh host <<EOF … EOF`): what the command reads, often a script another machine runs */
  heredoc?: string
  span: Span
  /** working directory relative to the repository root, after `cd` earlier in the same list */
  cwd: string
  guards: Guard[]
}

export interface ShellParseResult {
  commands: SimpleCommand[]
  errors: { message: string; span: Span }[]
}

const EXPORTING = new Set(['export', 'declare', 'typeset'])
const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g

/**
 * Parses shell text with unbash and returns its simple commands in execution order, each with
 * exact spans in the file. Function bodies are expanded where the function is called; `${{ }}`
 * expressions are replaced by same-length opaque words first so every offset stays exact.
 * `args` are the positional parameters the text runs with, where its command line is known.
 */
export function parseShell(source: ShellSource, lines: LineIndex, cwd: string, args?: readonly string[]): ShellParseResult {
  const masked = source.text.replace(EXPRESSION, (m) => 'GHEXPR'.padEnd(m.length, '_').slice(0, m.length))
  const expressionAt = new Set<number>()
  for (const m of source.text.matchAll(EXPRESSION)) expressionAt.add(m.index)
  const span = (start: number, end: number): Span => lines.span(source.offsets(start), source.offsets(end - 1) + (end > start ? 1 : 0))
  const ast = scriptOf(masked)
  const walker = new Walker(masked, source.text, span)
  walker.walkScript(ast, { cwd, guards: [], vars: new Map(), args })
  const errors = (ast.errors ?? []).map((e) => ({ message: e.message, span: span(e.pos, e.pos + 1) }))
  return { commands: walker.commands, errors }
}

const scripts = new Map<string, ParsedScript>()
let scriptChars = 0
/** a pure function of the text may outlive a run; this bounds what a long-lived process (the hook) keeps */
const MAX_SCRIPT_CHARS = 32 * 1024 * 1024

/**
 * unbash's tree of a text, parsed once: the same text (`npm ci`, a shared run block, a package
 * script copied across a monorepo) recurs in many files, and the walk only reads the tree.
 */
function scriptOf(text: string): ParsedScript {
  let script = scripts.get(text)
  if (script) return script
  if (scriptChars + text.length > MAX_SCRIPT_CHARS) {
    scripts.clear()
    scriptChars = 0
  }
  scripts.set(text, (script = parse(text)))
  scriptChars += text.length
  return script
}

/** per file: the source's first offset, then its text, then the cwd and arguments it was parsed with */
const parsedSources = new WeakMap<LineIndex, Map<number, Map<string, Map<string, ShellParseResult>>>>()

/** parseShell, once per file, source, cwd and arguments: the walker and the Docker readers parse the same run blocks */
export function parseShellOnce(source: ShellSource, lines: LineIndex, cwd: string, args?: readonly string[]): ShellParseResult {
  // nested maps, not one key joining the text: building that string cost a copy of the text per call
  let ofFile = parsedSources.get(lines)
  if (!ofFile) parsedSources.set(lines, (ofFile = new Map()))
  const start = source.offsets(0)
  let atStart = ofFile.get(start)
  if (!atStart) ofFile.set(start, (atStart = new Map()))
  let ofText = atStart.get(source.text)
  if (!ofText) atStart.set(source.text, (ofText = new Map()))
  const key = args === undefined ? cwd : `${cwd}\0${JSON.stringify(args)}`
  let parsed = ofText.get(key)
  if (!parsed) ofText.set(key, (parsed = parseShell(source, lines, cwd, args)))
  return parsed
}

interface Scope {
  cwd: string
  guards: Guard[]
  /** `$( $( … ) )` nesting: each level makes unbash parse the rest again, so depth is bounded */
  substitutions?: number
  /** shell variables with a static value, set earlier in the same list */
  vars: Map<string, string>
  /** positional parameters of the script or function; undefined when its command line is not known */
  args: readonly string[] | undefined
}

const MAX_SUBSTITUTION_DEPTH = 8

class Walker {
  readonly commands: SimpleCommand[] = []
  private readonly functions = new Map<string, Node>()
  private readonly calling = new Set<string>()

  constructor(
    private readonly text: string,
    private readonly original: string,
    private readonly span: (start: number, end: number) => Span,
  ) {}

  walkScript(script: Script, scope: Scope): void {
    this.walkList(script.commands, scope)
  }

  private walkList(statements: readonly Node[], scope: Scope): void {
    // `cd` in a list changes the directory for the rest of that list only; so do the guards of an
    // `if` whose branch leaves the script (walkIf), and after a plain `exit` nothing runs at all
    const local: Scope = { ...scope }
    for (const statement of statements) {
      this.walk(statement, local)
      if (this.endsScript(statement, local)) return
    }
  }

  private walk(node: Node | undefined, scope: Scope): void {
    if (!node) return
    switch (node.type) {
      case 'Statement':
        return this.walk(node.command, scope)
      case 'CompoundList':
        return this.walkList(node.commands, scope)
      case 'Subshell':
        return this.walk(node.body, { ...scope, vars: new Map(scope.vars) })
      case 'BraceGroup':
        return this.walk(node.body, scope)
      case 'AndOr':
        return this.walkAndOr(node.commands, node.operators, scope)
      case 'Pipeline':
        for (const c of node.commands) this.walk(c, { ...scope, vars: new Map(scope.vars) })
        return
      case 'Redirected':
        return this.walk(node.command, scope)
      case 'If':
        return this.walkIf(node, scope)
      case 'Case':
        return this.walkCase(node, scope)
      case 'Function':
        this.functions.set(node.name.value, node.body)
        return
      case 'Command':
        return this.walkCommand(node, scope)
      default:
        // loops, coproc, test commands: visit every nested command
        return this.walkChildren(node, scope)
    }
  }

  private walkChildren(node: Node, scope: Scope): void {
    forEachChildNode(node, (child) => this.walk(child, scope))
  }

  private walkAndOr(commands: readonly Node[], operators: readonly string[], scope: Scope): void {
    let guards = scope.guards
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i]!
      this.walk(command, { ...scope, guards })
      // `[ "$X" = y ] && cmd` guards cmd like an if would; `|| cmd` guards it negated
      const condition = this.condition(command, scope)
      if (condition.length > 0) guards = [...guards, ...(operators[i] === '||' ? negateGuards(condition) : condition)]
      if (command.type === 'Command' && wordValue(command.name) === 'cd') scope.cwd = this.cdTarget(command, scope.cwd)
    }
    // `[ "$X" = production ] && exit 0`: the rest of the script runs only where the test failed
    const [test, last] = commands
    if (commands.length === 2 && this.endsScript(last, scope)) {
      const condition = this.condition(test, scope)
      scope.guards = [...scope.guards, ...(operators[0] === '||' ? condition : negateGuards(condition))]
    }
  }

  private walkIf(node: Extract<Node, { type: 'If' }>, scope: Scope): void {
    this.walk(node.clause, { ...scope })
    const condition = this.condition(node.clause, scope)
    this.walk(node.then, { ...scope, guards: [...scope.guards, ...condition] })
    let elseGuards = [...scope.guards, ...negateGuards(condition)]
    // the rest of the script runs where no branch that leaves it was taken: the negation of each
    // leading arm that ends in `exit` / `exec`, up to the first that falls through
    let after = this.endsScript(node.then, scope) ? elseGuards : undefined
    for (const elif of node.elif ?? []) {
      const own = this.condition(elif.clause, scope)
      this.walk(elif.clause, { ...scope, guards: elseGuards })
      this.walk(elif.then, { ...scope, guards: [...elseGuards, ...own] })
      elseGuards = [...elseGuards, ...negateGuards(own)]
      if (after) after = this.endsScript(elif.then, scope) ? elseGuards : undefined
    }
    if (node.else) this.walk(node.else, { ...scope, guards: elseGuards })
    // `if [ "$X" != production ]; then …; else exit; fi`: the rest runs only where the test held
    if (!after && !node.elif?.length && this.endsScript(node.else, scope)) after = [...scope.guards, ...condition]
    if (after) scope.guards = after
  }

  /** `case` arms as shell tries them: the first arm whose pattern matches runs, so each arm also runs where no earlier one matched */
  private walkCase(node: Extract<Node, { type: 'Case' }>, scope: Scope): void {
    this.walkExpansions(node.word, scope)
    let unmatched = scope.guards
    // `;&` falls into the next arm's body: that body runs where either arm matched
    let fallenFrom: Guard[] | undefined
    for (const item of node.items) {
      const own = this.bind(guardsOfCase(node.word, item.pattern, this.span), scope)
      this.walk(item.body, { ...scope, guards: fallenFrom ?? [...unmatched, ...own] })
      fallenFrom = item.terminator === ';&' ? (fallenFrom ?? unmatched) : undefined
      // `;;&` goes on testing the later patterns after a match
      if (item.terminator !== ';;&') unmatched = [...unmatched, ...negateGuards(own)]
    }
  }

  /** the guards a condition establishes, with the positional parameters of this script or function bound */
  private condition(node: Node | undefined, scope: Scope): Guard[] {
    return this.bind(guardsOfCondition(node, this.text, this.span), scope)
  }

  /**
   * Whether the statement or list always leaves the script: `exit`, or `exec` with a command to
   * become (`exec "$@"` with no arguments becomes nothing and the script goes on).
   */
  private endsScript(node: Node | undefined, scope: Scope): boolean {
    switch (node?.type) {
      case 'Statement':
        return !node.background && this.endsScript(node.command, scope)
      case 'CompoundList':
        return node.commands.some((c) => this.endsScript(c, scope))
      case 'BraceGroup':
        return this.endsScript(node.body, scope)
      case 'Command': {
        const name = wordValue(node.name)
        if (name === 'exit') return true
        const operands = node.suffix.filter((w): w is AstWord => w.type === 'Word')
        return name === 'exec' && operands.some((w) => !(scope.args?.length === 0 && hasExpansion(w) && (w.value === '$@' || w.value === '$*')))
      }
      default:
        return false
    }
  }

  /** a test's variables, where the command line that runs the script or the script itself gives them a value */
  private bind(guards: Guard[], scope: Scope): Guard[] {
    return bindVariables(bindArguments(guards, scope.args), scope.vars)
  }

  private walkCommand(node: AstCommand, scope: Scope): void {
    const assignments: Record<string, string> = {}
    for (const prefix of node.prefix) {
      if (prefix.type === 'Assignment' && prefix.value.type === 'Word') {
        assignments[prefix.name] = this.word(prefix.value).value
        this.walkExpansions(prefix.value, scope)
      }
    }
    const exported: Record<string, string> = {}
    const writes: string[] = []
    let heredoc: string | undefined
    for (const arg of [...node.prefix, ...node.suffix]) {
      if (arg.type === 'Assignment' && arg.value.type === 'Word' && EXPORTING.has(node.name?.value ?? '')) exported[arg.name] = this.word(arg.value).value
      if (arg.type === 'Redirect' && arg.target && />/.test(arg.operator)) writes.push(this.word(arg.target).value)
      if (arg.type === 'HereDoc') heredoc = arg.body.text
    }
    const astWords: AstWord[] = []
    if (node.name) astWords.push(node.name)
    for (const w of node.suffix) if (w.type === 'Word') astWords.push(w)
    for (const w of astWords) this.walkExpansions(w, scope)
    // `PRISMA="node node_modules/prisma/build/index.js"` on a line of its own, or exported, is a
    // shell variable later lines run as a command (`$PRISMA db seed`)
    if (astWords.length === 0 || EXPORTING.has(node.name?.value ?? '')) {
      for (const [key, value] of Object.entries({ ...assignments, ...exported })) if (!/\$|GHEXPR/.test(value)) scope.vars.set(key, value)
      else for (const key of Object.keys({ ...assignments, ...exported })) scope.vars.delete(key)
      if (astWords.length === 0) return
    }
    const words = astWords.flatMap((w) => this.expandVariable(w, scope))
    const name = words[0]?.value
    if (name === 'cd') {
      scope.cwd = this.cdTarget(node, scope.cwd)
      return
    }
    const body = name === undefined ? undefined : this.functions.get(name)
    if (body && name !== undefined && !this.calling.has(name)) {
      this.calling.add(name)
      // a function's positional parameters are its own arguments
      const args = words.slice(1)
      this.walk(body, { ...scope, args: args.some((w) => w.dynamic) ? undefined : args.map((w) => w.value) })
      this.calling.delete(name)
      return
    }
    this.commands.push({
      words,
      assignments,
      exported,
      writes,
      ...(heredoc !== undefined && { heredoc }),
      span: this.span(node.pos, node.end),
      cwd: scope.cwd,
      guards: scope.guards,
    })
  }

  /** `$VAR` / `${VAR}` with a value set earlier in the script: unquoted it splits into words */
  private expandVariable(w: AstWord, scope: Scope): ShellWord[] {
    const match = /^(")?\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))\1$/.exec(w.text)
    const value = match ? scope.vars.get(match[2] ?? match[3]!) : undefined
    if (value === undefined) return [this.word(w)]
    const span = this.span(w.pos, w.end)
    const pieces = match![1] ? [value] : value.split(/\s+/).filter(Boolean)
    return pieces.map((piece) => ({ value: piece, span, dynamic: false }))
  }

  /** commands inside `$(…)` run too */
  private walkExpansions(word: AstWord, scope: Scope): void {
    const depth = scope.substitutions ?? 0
    if (!word.parts || depth >= MAX_SUBSTITUTION_DEPTH) return
    const visit = (node: Node): void => {
      if (node.type === 'CommandExpansion' && node.script) return this.walkScript(node.script, { ...scope, substitutions: depth + 1 })
      forEachChildNode(node, visit)
    }
    for (const part of word.parts) visit(part)
  }

  private cdTarget(node: AstCommand, cwd: string): string {
    const target = node.suffix.find((w) => w.type === 'Word')
    if (!target || target.type !== 'Word') return cwd
    const w = this.word(target)
    if (w.dynamic) return cwd
    return joinPath(cwd, w.value) ?? cwd
  }

  private word(w: AstWord): ShellWord {
    const expression = w.text.includes('GHEXPR')
    // a `${{ }}` word keeps its written text, so recognisers can read `--prod=${{ x }}` as dynamic
    const value = expression ? unquote(this.original.slice(w.pos, w.end)) : (wordValue(w) ?? w.text)
    return { value, span: this.span(w.pos, w.end), dynamic: expression || hasExpansion(w) }
  }
}

function unquote(text: string): string {
  return /^(['"]).*\1$/s.test(text) ? text.slice(1, -1) : text
}

function wordValue(w: AstWord | undefined): string | undefined {
  return w?.value
}

function hasExpansion(w: AstWord): boolean {
  if (!w.parts) return false
  let found = false
  const visit = (node: Node): void => {
    if (found) return
    if (
      node.type === 'SimpleExpansion' ||
      node.type === 'ParameterExpansion' ||
      node.type === 'CommandExpansion' ||
      node.type === 'ArithmeticExpansion' ||
      node.type === 'ProcessSubstitution'
    ) {
      found = true
      return
    }
    forEachChildNode(node, visit)
  }
  for (const part of w.parts) visit(part)
  return found
}

function forEachChildNode(node: Node, callback: (child: Node) => void): void {
  forEachChild(node, callback)
}
