import { forEachChild, parse, type SyntaxNode as Node, type Word as AstWord, type Command as AstCommand, type HereDoc, type ParsedScript, type Script } from 'unbash'
import type { ShellKind, ShellSource } from '../model/context.js'
import type { Span } from '../model/span.js'
import type { LineIndex } from '../util/line-index.js'
import { heredocLines } from '../util/heredoc.js'
import { changedCwd, placeWalk, START_CWD, textSpan } from './placement.js'
import { bindArguments, bindVariables, negateGuards, type Guard } from '../model/guard.js'
import { guardsOfCase, guardsOfCondition } from './guards.js'
import { braceWords, MAX_CANDIDATES, wordValues, type Candidates, type KnownValues } from './word-values.js'

export interface ShellWord {
  /** the word after quote removal; expansions stay as written (`$X`) */
  value: string
  span: Span
  /** contains a parameter/command expansion or a `${{ }}` expression, so its value is not known statically */
  dynamic: boolean
}

/** a command's words as one line, shortened for a chain's hop label */
export function commandText(words: ShellWord[]): string {
  const text = words.map((w) => w.value).join(' ')
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

export interface SimpleCommand {
  words: ShellWord[]
  /** `VAR=x cmd` prefixes: the environment of this command only */
  assignments: Record<string, string>
  /** `export VAR=x`: the environment of every later command of the same script */
  exported: Record<string, string>
  /** files this command writes through `>` (or appends to through `>>`): `$GITHUB_ENV`, `.env`, a script an image build writes */
  writes: { target: ShellWord; append: boolean }[]
  /** a here-document (`ssh host <<EOF … EOF`): what the command reads, often a script another machine runs */
  heredoc?: HereDocument
  /** the file the command reads through `<` (`mysql app < reset.sql`) */
  input?: ShellWord
  span: Span
  /** working directory relative to the repository root, after `cd` earlier in the same list */
  cwd: string
  guards: Guard[]
  /** the shell running the command: it also runs a script without a `#!` line, and what is sourced */
  shell: ShellKind
}

/** a here-document's lines as the command reads them (`<<-` strips their leading tabs) */
export interface HereDocument {
  text: string
  /** file offset of text[i] */
  offsets: (i: number) => number
  /** the delimiter is quoted (`<<'EOF'`): the shell expands nothing in the text */
  literal: boolean
}

export interface ShellParseResult {
  commands: SimpleCommand[]
  errors: { message: string; span: Span }[]
}

/** the names a script file is run by: `$0` when executed, `${BASH_SOURCE[0]}` also when sourced */
export interface ScriptName {
  zero?: string
  bashSource?: string
}

const EXPORTING = new Set(['export', 'declare', 'typeset'])
const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g

/**
 * Parses shell text with unbash and returns its simple commands in execution order, each with
 * exact spans in the file. Function bodies are expanded where the function is called; `${{ }}`
 * expressions are replaced by same-length opaque words first so every offset stays exact.
 * `args` are the positional parameters the text runs with, where its command line is known;
 * `name`, what a script file was run as. Bash expands braces in words (`db:{migrate,seed}`); a
 * POSIX sh keeps them literal.
 */
export function parseShell(source: ShellSource, lines: LineIndex, cwd: string, args?: readonly string[], name: ScriptName = {}, environment: Readonly<Record<string, string>> = {}): ShellParseResult {
  return placeWalk(walkOfText(source.text, source.shell, args, name, environment), source, lines, cwd)
}

/** a text's unbash tree and its walks by shell, arguments and environment: a pure function of the text */
interface TextWalks {
  script: ParsedScript
  /** the text with `${{ }}` expressions masked, as unbash read it */
  masked: string
  walks: Map<string, ShellParseResult>
}

const texts = new Map<string, TextWalks>()
let textChars = 0
/** a pure function of the text may outlive a run; this bounds what a long-lived process (the hook) keeps */
const MAX_TEXT_CHARS = 32 * 1024 * 1024

/**
 * The walk of a text with spans into the text alone (placement.ts), once per text and setting:
 * the same text (`npm ci`, a shared run block, a package script copied across a monorepo) recurs
 * in many files, and walking it is most of what parsing costs.
 */
function walkOfText(text: string, shell: ShellKind, args: readonly string[] | undefined, name: ScriptName, environment: Readonly<Record<string, string>>): ShellParseResult {
  let ofText = texts.get(text)
  if (!ofText) {
    if (textChars + text.length > MAX_TEXT_CHARS) {
      texts.clear()
      textChars = 0
    }
    const masked = text.replace(EXPRESSION, (m) => 'GHEXPR'.padEnd(m.length, '_').slice(0, m.length))
    texts.set(text, (ofText = { script: parse(masked), masked, walks: new Map() }))
    textChars += text.length
  }
  const key = settingKey(shell, args, name, environment)
  let walk = ofText.walks.get(key)
  if (!walk) ofText.walks.set(key, (walk = walkScript(ofText, text, shell, args, name, environment)))
  return walk
}

/** everything besides the text a walk depends on */
function settingKey(shell: ShellKind, args: readonly string[] | undefined, name: ScriptName, environment: Readonly<Record<string, string>>): string {
  const plain = args === undefined && name.zero === undefined && name.bashSource === undefined && Object.keys(environment).length === 0
  return plain ? shell : `${shell}\0${JSON.stringify([args ?? null, name, environment])}`
}

function walkScript({ script: ast, masked }: TextWalks, text: string, shell: ShellKind, args: readonly string[] | undefined, name: ScriptName, environment: Readonly<Record<string, string>>): ShellParseResult {
  const walker = new Walker(masked, text, shell)
  // a shell starts with its environment as variables: `$POST_DEPLOY` set by the CI job expands like one the script sets
  const inherited = new Map<string, Candidates>(Object.entries(environment).map(([key, value]) => [key, [value]]))
  walker.walkScript(ast, { cwd: START_CWD, guards: [], vars: new Map(inherited), inherited, args, zero: name.zero, bashSource: name.bashSource })
  const errors = (ast.errors ?? []).map((e) => ({ message: e.message, span: textSpan(e.pos, e.pos + 1) }))
  return { commands: walker.commands, errors }
}

/** per file: the source's first offset, then its text, then the cwd and arguments it was parsed with */
const parsedSources = new WeakMap<LineIndex, Map<number, Map<string, Map<string, ShellParseResult>>>>()

/** parseShell, once per file, source, cwd, arguments and environment: the walker and the Docker readers parse the same run blocks */
export function parseShellOnce(source: ShellSource, lines: LineIndex, cwd: string, args?: readonly string[], name: ScriptName = {}, environment: Readonly<Record<string, string>> = {}): ShellParseResult {
  // nested maps, not one key joining the text: building that string cost a copy of the text per call
  let ofFile = parsedSources.get(lines)
  if (!ofFile) parsedSources.set(lines, (ofFile = new Map()))
  const start = source.offsets(0)
  let atStart = ofFile.get(start)
  if (!atStart) ofFile.set(start, (atStart = new Map()))
  let ofText = atStart.get(source.text)
  if (!ofText) atStart.set(source.text, (ofText = new Map()))
  const key = `${cwd}\0${settingKey(source.shell, args, name, environment)}`
  let parsed = ofText.get(key)
  if (!parsed) ofText.set(key, (parsed = parseShell(source, lines, cwd, args, name, environment)))
  return parsed
}

interface Scope extends KnownValues {
  /** the `cd`s since the text began (placement.ts): where they lead depends on where it began */
  cwd: string
  guards: Guard[]
  /** `$( $( … ) )` nesting: each level makes unbash parse the rest again, so depth is bounded */
  substitutions?: number
  /** shell variables with static values, set earlier: several where branches set it differently */
  vars: Map<string, Candidates>
  /** positional parameters of the script or function; undefined when its command line is not known */
  args: readonly string[] | undefined
  /**
   * the environment's variables as the script started with them: they expand, but a test of one is
   * left to the evaluation against the runtime environment, which knows where each value comes from
   */
  inherited: ReadonlyMap<string, Candidates>
}

const MAX_SUBSTITUTION_DEPTH = 8

class Walker {
  readonly commands: SimpleCommand[] = []
  private readonly functions = new Map<string, Node>()
  private readonly calling = new Set<string>()

  constructor(
    private readonly text: string,
    private readonly original: string,
    private readonly shell: ShellKind,
  ) {}

  private readonly span = textSpan

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
    let before: Map<string, Candidates> | undefined
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i]!
      // what follows `&&` / `||` may not run: a variable it sets may keep its earlier value
      if (i === 1) before = new Map(scope.vars)
      this.walk(command, { ...scope, guards })
      // `[ "$X" = y ] && cmd` guards cmd like an if would; `|| cmd` guards it negated
      const condition = this.condition(command, scope)
      if (condition.length > 0) guards = [...guards, ...(operators[i] === '||' ? negateGuards(condition) : condition)]
      if (command.type === 'Command' && wordValue(command.name) === 'cd') scope.cwd = this.cdTarget(command, scope)
    }
    if (before) joinInto(scope.vars, [before, new Map(scope.vars)])
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
    const arms = new Arms(scope, (body) => this.endsScript(body, scope))
    arms.walk(node.then, (vars) => this.walk(node.then, { ...scope, vars, guards: [...scope.guards, ...condition] }))
    let elseGuards = [...scope.guards, ...negateGuards(condition)]
    // the rest of the script runs where no branch that leaves it was taken: the negation of each
    // leading arm that ends in `exit` / `exec`, up to the first that falls through
    let after = this.endsScript(node.then, scope) ? elseGuards : undefined
    for (const elif of node.elif ?? []) {
      const own = this.condition(elif.clause, scope)
      this.walk(elif.clause, { ...scope, guards: elseGuards })
      arms.walk(elif.then, (vars) => this.walk(elif.then, { ...scope, vars, guards: [...elseGuards, ...own] }))
      elseGuards = [...elseGuards, ...negateGuards(own)]
      if (after) after = this.endsScript(elif.then, scope) ? elseGuards : undefined
    }
    if (node.else) arms.walk(node.else, (vars) => this.walk(node.else, { ...scope, vars, guards: elseGuards }))
    arms.join(!node.else)
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
    const arms = new Arms(scope, (body) => this.endsScript(body, scope))
    for (const item of node.items) {
      const own = this.bind(guardsOfCase(node.word, item.pattern, this.text, this.span), scope)
      arms.walk(item.body, (vars) => this.walk(item.body, { ...scope, vars, guards: fallenFrom ?? [...unmatched, ...own] }))
      fallenFrom = item.terminator === ';&' ? (fallenFrom ?? unmatched) : undefined
      // `;;&` goes on testing the later patterns after a match
      if (item.terminator !== ';;&') unmatched = [...unmatched, ...negateGuards(own)]
    }
    // no arm runs where no pattern matches, unless one is `*`
    arms.join(!node.items.some((item) => item.pattern.some((w) => w.text === '*')))
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
    const own = new Map([...scope.vars].filter(([name, values]) => scope.inherited.get(name) !== values))
    return bindVariables(bindArguments(guards, scope.args), singleValued(own))
  }

  private walkCommand(node: AstCommand, scope: Scope): void {
    const assignments: Record<string, string> = {}
    const exported: Record<string, string> = {}
    /** what each assignment leaves in the variable: undefined where its value is only known at run time */
    const values = new Map<string, Candidates | undefined>()
    const writes: SimpleCommand['writes'] = []
    let heredoc: HereDocument | undefined
    let input: ShellWord | undefined
    for (const prefix of node.prefix) {
      if (prefix.type === 'Assignment' && prefix.value.type === 'Word') {
        assignments[prefix.name] = this.word(prefix.value).value
        values.set(prefix.name, this.values(prefix.value, scope))
        this.walkExpansions(prefix.value, scope)
      }
    }
    for (const arg of [...node.prefix, ...node.suffix]) {
      if (arg.type === 'Assignment' && arg.value.type === 'Word' && EXPORTING.has(node.name?.value ?? '')) {
        exported[arg.name] = this.word(arg.value).value
        values.set(arg.name, this.values(arg.value, scope))
      }
      if (arg.type === 'Redirect' && arg.target && />/.test(arg.operator)) writes.push({ target: this.word(arg.target), append: arg.operator === '>>' })
      if (arg.type === 'HereDoc') heredoc = this.hereDocument(arg)
      if (arg.type === 'Redirect' && arg.target && arg.operator === '<') input = this.word(arg.target)
    }
    const astWords: AstWord[] = []
    if (node.name) astWords.push(node.name)
    for (const w of node.suffix) if (w.type === 'Word') astWords.push(w)
    for (const w of astWords) this.walkExpansions(w, scope)
    // `PRISMA="node node_modules/prisma/build/index.js"` on a line of its own, or exported, is a
    // shell variable later lines run as a command (`$PRISMA db seed`)
    if (astWords.length === 0 || EXPORTING.has(node.name?.value ?? '')) {
      for (const [key, value] of values) if (value) scope.vars.set(key, value)
      else scope.vars.delete(key)
      if (astWords.length === 0) return
    }
    // a word with several possible values runs the command once with each
    for (const { words, bashOnly } of this.commandLines(astWords, scope)) {
      const name = words[0]?.value
      if (name === 'cd') {
        scope.cwd = this.cdTarget(node, scope)
        continue
      }
      const body = name === undefined ? undefined : this.functions.get(name)
      if (body && name !== undefined && !this.calling.has(name)) {
        this.calling.add(name)
        // a function's positional parameters are its own arguments
        const args = words.slice(1)
        this.walk(body, { ...scope, args: args.some((w) => w.dynamic) ? undefined : args.map((w) => w.value) })
        this.calling.delete(name)
        continue
      }
      this.commands.push({
        words,
        assignments,
        exported,
        writes,
        ...(heredoc !== undefined && { heredoc }),
        ...(input !== undefined && { input }),
        span: this.span(node.pos, node.end),
        cwd: scope.cwd,
        guards: bashOnly ? [...scope.guards, underBash(bashOnly)] : scope.guards,
        shell: this.shell,
      })
    }
  }

  private hereDocument(node: HereDoc): HereDocument {
    const body = heredocLines(node.body.text, node.operator === '<<-')
    return { text: body.text, offsets: (i) => node.body.pos + body.index(i), literal: node.delimiter?.quoted === true }
  }

  /** the values of an assigned word; `${{ }}` expressions are only known at run time */
  private values(w: AstWord, scope: Scope): Candidates | undefined {
    return w.text.includes('GHEXPR') ? undefined : wordValues(w, scope)
  }

  /**
   * The argument vectors a command's words expand to: one per combination of their possible values.
   * `bashOnly`: the span of a brace that only bash expands, where the shell may be sh or bash.
   */
  private commandLines(astWords: AstWord[], scope: Scope): { words: ShellWord[]; bashOnly?: Span }[] {
    const expanded = astWords.map((w) => this.expand(w, scope))
    let lines: { words: ShellWord[]; bashOnly?: Span }[] = [{ words: [] }]
    for (const alternatives of expanded) {
      lines = lines.flatMap((line) => alternatives.map(({ words, bashOnly }) => ({ words: [...line.words, ...words], ...((line.bashOnly ?? bashOnly) && { bashOnly: line.bashOnly ?? bashOnly }) })))
      // too many to tell apart: the words with several values stay unknown
      if (lines.length > MAX_CANDIDATES) return [{ words: expanded.flatMap((alternatives, i) => (alternatives.length === 1 ? alternatives[0]!.words : [this.word(astWords[i]!)])) }]
    }
    return lines
  }

  /**
   * The words one word becomes, for each value it may have: brace expansion in bash, then
   * parameter and command substitution where the values are known; an unquoted expansion splits
   * into words on whitespace. An unknown value leaves the word as written, marked dynamic.
   */
  private expand(w: AstWord, scope: Scope): { words: ShellWord[]; bashOnly?: Span }[] {
    if (w.text.includes('GHEXPR')) return [{ words: [this.word(w)] }]
    const span = this.span(w.pos, w.end)
    const known = (value: string): ShellWord => ({ value, span, dynamic: false })
    const braced = this.shell === 'sh' ? undefined : braceWords(w, scope)
    if (braced) return this.shell === 'bash' ? [{ words: braced.map(known) }] : [{ words: [this.word(w)] }, { words: braced.map(known), bashOnly: span }]
    if (!hasExpansion(w)) return [{ words: [this.word(w)] }]
    const values = wordValues(w, scope)
    if (!values) return [{ words: [this.word(w)] }]
    const splits = w.parts!.some((part) => EXPANSIONS.has(part.type))
    return values.map((value) => ({ words: (splits ? value.split(/\s+/).filter(Boolean) : [value]).map(known) }))
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

  /** where `cd` goes: `cd "$(dirname "$0")/.."` too, where the script knows its name */
  private cdTarget(node: AstCommand, scope: Scope): string {
    const target = node.suffix.find((w) => w.type === 'Word')
    if (!target || target.type !== 'Word') return scope.cwd
    const values = this.values(target, scope)
    return values?.length === 1 ? changedCwd(scope.cwd, values[0]!) : scope.cwd
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

const EXPANSIONS = new Set(['SimpleExpansion', 'ParameterExpansion', 'CommandExpansion', 'ArithmeticExpansion', 'ProcessSubstitution'])

function hasExpansion(w: AstWord): boolean {
  if (!w.parts) return false
  let found = false
  const visit = (node: Node): void => {
    if (found) return
    if (EXPANSIONS.has(node.type)) {
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

/**
 * The arms of an `if` or `case`, of which one runs (or none): each starts from the variables as
 * they were before, and afterwards a variable may hold what any arm that goes on left in it.
 */
class Arms {
  private readonly before: Map<string, Candidates>
  private readonly after: Map<string, Candidates>[] = []

  constructor(
    private readonly scope: Scope,
    private readonly leaves: (body: Node | undefined) => boolean,
  ) {
    this.before = new Map(scope.vars)
  }

  walk(body: Node | undefined, walk: (vars: Map<string, Candidates>) => void): void {
    const vars = new Map(this.before)
    walk(vars)
    if (!this.leaves(body)) this.after.push(vars)
  }

  /** `noneTaken`: the script can also pass by every arm */
  join(noneTaken: boolean): void {
    joinInto(this.scope.vars, noneTaken ? [this.before, ...this.after] : this.after)
  }
}

/** the values a variable may have after one of several paths: unknown where one path left it unknown */
function joinInto(vars: Map<string, Candidates>, paths: Map<string, Candidates>[]): void {
  if (paths.length === 0) return
  const names = new Set(paths.flatMap((path) => [...path.keys()]))
  vars.clear()
  for (const name of names) {
    const values = paths.map((path) => path.get(name))
    if (values.some((v) => v === undefined)) continue
    // no path changed it: still the same value (an inherited one stays recognisable as such)
    if (values.every((v) => v === values[0])) {
      vars.set(name, values[0]!)
      continue
    }
    const union = [...new Set(values.flat() as string[])]
    if (union.length <= MAX_CANDIDATES) vars.set(name, union)
  }
}

/** the variables with one known value, which decide a test */
function singleValued(vars: ReadonlyMap<string, Candidates>): Map<string, string> {
  const single = new Map<string, string>()
  for (const [name, values] of vars) if (values.length === 1) single.set(name, values[0]!)
  return single
}

/** the condition a brace only bash expands runs under, where the script may run under sh as well */
function underBash(span: Span): Guard {
  return { variable: 'SHELL', op: 'opaque', values: [], negated: false, text: 'the script runs under bash (it has no `#!` line; sh keeps the braces as written)', span }
}
