// https://capistranorb.com/documentation/getting-started/flow/ ; parsed with Prism like the rake tasks
import type { Span } from '../../model/span.js'
import type { FileCache } from '../../project/files.js'
import { loadPrismQuietly, type Prism, type PrismNode as Node } from './rake-tasks.js'

/** A piece of a remote command: a word of `execute :rake, 'db:seed'`, or a part of an interpolated string. */
export type CommandPiece =
  /** literal text at [start, end) of the file; `glued`: joined to the previous piece without a space */
  | { kind: 'text'; value: string; start: number; end: number; glued: boolean }
  /** `#{fetch(:rails_env)}`, `#{rails_env}` (Capistrano 2): a setting, known per stage */
  | { kind: 'setting'; name: string; start: number; end: number; glued: boolean }
  /** any other Ruby expression: its value is not known */
  | { kind: 'expression'; start: number; end: number; glued: boolean }

/** `execute`/`run`/`capture` of SSHKit (Capistrano 2's `run`): a command run on the stage's servers. */
export interface CapCommand {
  pieces: CommandPiece[]
  span: Span
  /** `with rails_env: fetch(:rails_env) do`: SSHKit upcases the keys into the command's environment */
  env: { name: string; value: string | { setting: string } }[]
}

export interface CapTask {
  name: string
  span: Span
  commands: CapCommand[]
  /** `invoke 'db:seed'`, `Rake::Task['x'].invoke`: the names as written and the namespaces around the call */
  invokes: TaskRef[]
}

/** A task named in a file: Rake looks a relative name up in the namespaces around it first. */
export interface TaskRef {
  name: string
  scope: string[]
  span: Span
}

/** `after 'deploy:migrating', 'db:seed'`: `task` runs whenever `anchor` does */
export interface CapHook {
  when: 'before' | 'after'
  anchor: TaskRef
  task: TaskRef
}

export interface CapistranoFile {
  tasks: CapTask[]
  hooks: CapHook[]
  /** `set :rails_env, 'production'`, `set :stage, …` with a literal value */
  settings: Map<string, { value: string; span: Span }>
  /** the repository files its top-level `load 'config/recipes/seed'` reads in (Capistrano 2 recipes, a Capistrano 3 deploy.rb's helpers) */
  loads: string[]
  /** the file does not parse: what it wires is not known */
  error?: { message: string; span: Span }
}

const COMMANDS = new Set(['execute', 'run', 'capture'])

/** config/deploy.rb, config/deploy/<stage>.rb and lib/capistrano/tasks/*.rake of a directory holding a Capfile */
export function isCapistranoFile(file: string, has: (path: string) => boolean): boolean {
  const m = /^(?:(.*)\/)?(?:config\/deploy\.rb|config\/deploy\/[^/]+\.rb|lib\/capistrano\/tasks\/[^/]+\.(?:rake|rb|cap))$/.exec(file)
  if (!m) return false
  return has(m[1] ? `${m[1]}/Capfile` : 'Capfile')
}

export async function loadCapistranoFiles(cache: FileCache): Promise<Map<string, CapistranoFile>> {
  const listed = new Set(cache.files.list())
  // each file with the directory holding its Capfile, where `cap` runs and relative loads start
  const queue = [...listed].filter((f) => isCapistranoFile(f, (p) => listed.has(p))).map((file) => ({ file, root: /^(?:(.*)\/)?(?:config|lib)\//.exec(file)?.[1] }))
  const out = new Map<string, CapistranoFile>()
  if (queue.length === 0) return out
  const { prism, parse } = await loadPrismQuietly()
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { file, root } = next
    const lines = cache.get(file)
    if (!lines || out.has(file)) continue
    const result = parse(lines.text)
    const ascii = Buffer.byteLength(lines.text) === lines.text.length
    const bytes = Buffer.from(lines.text)
    const offset = (byte: number) => (ascii ? byte : bytes.subarray(0, byte).toString().length)
    const reader = new CapistranoVisitor(prism, offset, (s, e) => lines.span(s, e))
    const errors = (result.errors ?? []) as { message: string; location: { startOffset: number } }[]
    const entry: CapistranoFile = { tasks: reader.tasks, hooks: reader.hooks, settings: reader.settings, loads: [] }
    if (errors.length > 0) {
      const at = offset(errors[0]!.location.startOffset)
      entry.error = { message: `Ruby syntax error: ${errors[0]!.message}`, span: lines.span(at, at + 1) }
    } else reader.visit(result.value as unknown as Node)
    entry.loads = reader.loads.flatMap((path) => loadedFile(root, path, listed) ?? [])
    queue.push(...entry.loads.map((loaded) => ({ file: loaded, root })))
    out.set(file, entry)
  }
  return out
}

/**
 * The file `load 'config/recipes/seed'` reads: a path relative to the directory `cap` runs in (the
 * Capfile's), tried as written and with `.rb` appended, as Capistrano 2's `load` does
 * (Capistrano::Configuration::Loading#load) and Ruby's Kernel#load with the path Capistrano 3 is run from.
 */
function loadedFile(root: string | undefined, path: string, listed: ReadonlySet<string>): string | undefined {
  const base = path.replace(/^\.\//, '')
  if (base.startsWith('/') || base.includes('..')) return undefined
  const full = root ? `${root}/${base}` : base
  return [full, `${full}.rb`].find((f) => listed.has(f))
}

class CapistranoVisitor {
  readonly tasks: CapTask[] = []
  readonly hooks: CapHook[] = []
  readonly settings = new Map<string, { value: string; span: Span }>()
  readonly loads: string[] = []
  private readonly scope: string[] = []
  private task: CapTask | undefined
  private env: CapCommand['env'] = []
  private readonly inner: { visit(node: Node): void }

  constructor(
    private readonly prism: Prism,
    private readonly offset: (byte: number) => number,
    private readonly span: (start: number, end: number) => Span,
  ) {
    const Base = prism.Visitor as unknown as new () => { visit(node: Node): void; visitCallNode(node: Node): void }
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this
    this.inner = new (class extends Base {
      override visitCallNode(node: Node): void {
        if (!self.enterCall(node)) super.visitCallNode(node)
      }
    })()
  }

  visit(node: Node): void {
    this.inner.visit(node)
  }

  private spanOf(node: Node): Span {
    const start = this.offset(node.location.startOffset)
    return this.span(start, this.offset(node.location.startOffset + node.location.length))
  }

  /** true when the call was handled here (its block already visited) */
  private enterCall(node: Node): boolean {
    const name = node.name as string
    const args = ((node.arguments_ as Node | null)?.arguments_ as Node[] | undefined) ?? []
    const block = node.block as Node | null
    const receiver = node.receiver as Node | null
    if (receiver === null && name === 'namespace' && args[0] && block) {
      this.scope.push(this.literal(args[0]) ?? '')
      this.inner.visit(block)
      this.scope.pop()
      return true
    }
    if (receiver === null && name === 'task' && args[0]) {
      const head = this.literal(args[0]) ?? this.literal(((args[0].elements as Node[] | undefined)?.[0]?.key as Node | undefined) ?? args[0])
      if (head === undefined) return false
      const task: CapTask = { name: [...this.scope, head].join(':'), span: this.spanOf(node), commands: [], invokes: [] }
      this.tasks.push(task)
      if (block) {
        const [outer, outerEnv] = [this.task, this.env]
        ;[this.task, this.env] = [task, []]
        this.inner.visit(block)
        ;[this.task, this.env] = [outer, outerEnv]
      }
      return true
    }
    if (receiver === null && (name === 'before' || name === 'after') && args.length >= 2) {
      const [anchor, hooked] = [this.literal(args[0]!), this.literal(args[1]!)]
      if (anchor === undefined || hooked === undefined) return false
      const ref = (n: string, at: Node): TaskRef => ({ name: n, scope: [...this.scope], span: this.spanOf(at) })
      this.hooks.push({ when: name, anchor: ref(anchor, args[0]!), task: ref(hooked, args[1]!) })
      // `after 'deploy:published', :notify do … end` defines the hooked task with the block
      if (block) this.enterCall({ ...node, name: 'task', receiver: null, arguments_: { arguments_: [args[1]!] } } as unknown as Node)
      return true
    }
    if (receiver === null && name === 'load' && args.length === 1 && !this.task && this.scope.length === 0) {
      const path = this.literal(args[0]!)
      if (path !== undefined) this.loads.push(path)
      return true
    }
    if (receiver === null && name === 'set' && args.length >= 2 && !this.task) {
      const [key, value] = [this.literal(args[0]!), this.literal(args[1]!)]
      if (key !== undefined && value !== undefined) this.settings.set(key, { value, span: this.spanOf(args[1]!) })
      return false
    }
    if (!this.task) return false
    if (receiver === null && name === 'with' && args[0] && block) {
      const outer = this.env
      this.env = [...outer, ...this.withEnv(args[0])]
      this.inner.visit(block)
      this.env = outer
      return true
    }
    if (receiver === null && COMMANDS.has(name) && args.length > 0) {
      const pieces = args.flatMap((a, i) => this.pieces(a, i > 0))
      if (pieces.length > 0) this.task.commands.push({ pieces, span: this.spanOf(node), env: this.env })
      return false
    }
    // invoke 'db:seed' (Capistrano's DSL), Rake::Task['db:seed'].invoke
    if (name === 'invoke' || name === 'invoke!') {
      const target = receiver === null ? args[0] : receiver.name === '[]' ? (((receiver.arguments_ as Node | null)?.arguments_ as Node[] | undefined) ?? [])[0] : undefined
      const task = target && this.literal(target)
      if (task) this.task.invokes.push({ name: task, scope: [...this.scope], span: this.spanOf(target) })
    }
    return false
  }

  /** `with rails_env: fetch(:rails_env), foo: 'x'` */
  private withEnv(arg: Node): CapCommand['env'] {
    const out: CapCommand['env'] = []
    for (const assoc of (arg.elements as Node[] | undefined) ?? []) {
      const key = assoc.key as Node | undefined
      const value = assoc.value as Node | undefined
      const name = key && this.literal(key)
      if (!name || !value) continue
      const literal = this.literal(value)
      const setting = this.setting(value) ?? this.interpolatedSetting(value)
      if (literal !== undefined) out.push({ name: name.toUpperCase(), value: literal })
      else if (setting !== undefined) out.push({ name: name.toUpperCase(), value: { setting } })
    }
    return out
  }

  /** one argument of `execute`: SSHKit joins the arguments with spaces, without quoting them */
  private pieces(node: Node, spaced: boolean): CommandPiece[] {
    const p = this.prism
    if (node instanceof p.SymbolNode || node instanceof p.StringNode) {
      const loc = ((node.valueLoc ?? node.contentLoc) as Node['location'] | null) ?? node.location
      return [{ kind: 'text', value: (node.unescaped as { value: string }).value, start: this.offset(loc.startOffset), end: this.offset(loc.startOffset + loc.length), glued: !spaced }]
    }
    if (node instanceof p.InterpolatedStringNode) {
      return (node.parts as unknown as Node[]).flatMap((part, i) => this.pieces(part, false).map((piece, k) => ({ ...piece, glued: i > 0 || k > 0 || !spaced })))
    }
    if (node instanceof p.EmbeddedStatementsNode) {
      const body = ((node.statements as Node | null)?.body as Node[] | undefined) ?? []
      const setting = body.length === 1 ? this.setting(body[0]!) : undefined
      const [start, end] = [this.offset(node.location.startOffset), this.offset(node.location.startOffset + node.location.length)]
      return [setting !== undefined ? { kind: 'setting', name: setting, start, end, glued: !spaced } : { kind: 'expression', start, end, glued: !spaced }]
    }
    // a keyword hash (`execute :rake, 'x', raise_on_non_zero_exit: false`) is options, not words
    if (node instanceof p.KeywordHashNode) return []
    const joined = this.joined(node, spaced)
    if (joined) return joined
    const setting = this.setting(node)
    const [start, end] = [this.offset(node.location.startOffset), this.offset(node.location.startOffset + node.location.length)]
    return [setting !== undefined ? { kind: 'setting', name: setting, start, end, glued: !spaced } : { kind: 'expression', start, end, glued: !spaced }]
  }

  /**
   * `['start', fetch(:stage)].join(':')`: Array#join of words and settings is one word, the
   * separator between them (https://docs.ruby-lang.org/en/master/Array.html#method-i-join)
   */
  private joined(node: Node, spaced: boolean): CommandPiece[] | undefined {
    const p = this.prism
    if (!(node instanceof p.CallNode) || node.name !== 'join' || !(node.receiver instanceof p.ArrayNode)) return undefined
    const args = ((node.arguments_ as Node | null)?.arguments_ as Node[] | undefined) ?? []
    const separator = args[0]
    if (args.length > 1 || (separator && !(separator instanceof p.StringNode))) return undefined
    const elements = node.receiver.elements as unknown as Node[]
    if (elements.length === 0 || !elements.every((e) => this.literal(e) !== undefined || this.setting(e) !== undefined)) return undefined
    const between = separator ? this.pieces(separator, false) : []
    const words = elements.flatMap((element, i) => [...(i > 0 ? between : []), ...this.pieces(element, false)])
    return words.map((piece, i) => ({ ...piece, glued: i > 0 || !spaced }))
  }

  /** `"#{fetch(:stage)}"`: a string that is one setting and nothing else has that setting's value */
  private interpolatedSetting(node: Node): string | undefined {
    if (!(node instanceof this.prism.InterpolatedStringNode)) return undefined
    const parts = node.parts as unknown as Node[]
    if (parts.length !== 1 || !(parts[0] instanceof this.prism.EmbeddedStatementsNode)) return undefined
    const body = ((parts[0].statements as Node | null)?.body as Node[] | undefined) ?? []
    return body.length === 1 ? this.setting(body[0]!) : undefined
  }

  /** `fetch(:rails_env)`, or `rails_env` alone (Capistrano 2 reads settings as methods) */
  private setting(node: Node): string | undefined {
    if (!(node instanceof this.prism.CallNode) || node.receiver) return undefined
    const args = ((node.arguments_ as Node | null)?.arguments_ as Node[] | undefined) ?? []
    if (node.name === 'fetch' && args[0]) return this.literal(args[0])
    return args.length === 0 && !node.block ? (node.name as string) : undefined
  }

  private literal(node: Node): string | undefined {
    if (node instanceof this.prism.SymbolNode || node instanceof this.prism.StringNode) return (node.unescaped as { value: string }).value
    return undefined
  }
}
