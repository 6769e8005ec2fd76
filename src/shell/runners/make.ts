// https://www.gnu.org/software/make/manual/make.html#Rule-Introduction : `make deploy` makes deploy's
// prerequisites first, then runs its recipe, each line in a shell of its own.
import type { Project } from '../../project/project.js'
import type { LineIndex } from '../../util/line-index.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import type { ShellWord } from '../parse.js'
import { flagAndInline } from './args.js'
import type { Invocation, PackageRunner } from './types.js'

interface Rule {
  /** where the target is first named: a Makefile's own deploy targets are located there */
  at: number
  prerequisites: string[]
  /** each line with the file it is in: an included Makefile's rules keep their own */
  recipe: { text: string; start: number; end: number; lines: LineIndex }[]
}

export interface Makefile {
  lines: LineIndex
  rules: Map<string, Rule>
  variables: Map<string, string>
  defaultGoal?: string
}

const VALUED = new Set(['-f', '--file', '--makefile', '-C', '--directory', '-I', '--include-dir', '-o', '--old-file', '-W', '--what-if', '--new-file', '--assume-new', '-j', '--jobs', '-l', '--load-average', '--eval'])
// options that make print or check what it would do instead of doing it
const DRY = new Set(['-n', '--dry-run', '--just-print', '--recon', '-q', '--question', '-p', '--print-data-base', '-v', '--version', '-h', '--help'])
const NAMES = ['GNUmakefile', 'makefile', 'Makefile']
/** recursive `$(MAKE)` calls re-enter the runner from the walker; past this many resolutions of one goal, stop */
const MAX_RESOLUTIONS = 200

const parsedFiles = new WeakMap<Project, Map<string, Makefile | null>>()
const resolutions = new WeakMap<Project, Map<string, number>>()

const make: PackageRunner = {
  id: 'make',
  commands: ['make', 'gmake'],
  resolve(words, ctx) {
    let dir: string | undefined = ctx.cwd
    let file: string | undefined
    const goals: string[] = []
    const overrides = new Map<string, string>()
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!
      const [flag, inline] = flagAndInline(word.value)
      if (DRY.has(flag!)) return []
      if (VALUED.has(flag!) || /^-[fC].+/.test(word.value)) {
        const value = inline ?? (/^-[fC].+/.test(word.value) ? word.value.slice(2) : words[++i]?.value)
        if (value === undefined) break
        if (flag!.startsWith('-C') || flag === '--directory') dir = dir === undefined ? undefined : joinPath(dir, value)
        if (flag!.startsWith('-f') || flag === '--file' || flag === '--makefile') file = value
        continue
      }
      if (word.value.startsWith('-')) continue
      if (/^\w+:?=/.test(word.value)) overrides.set(word.value.slice(0, word.value.indexOf('=')).replace(/:$/, ''), word.value.slice(word.value.indexOf('=') + 1))
      else if (word.dynamic) return [{ kind: 'unresolved', reason: `make target \`${word.value}\` is only known at run time` }]
      else goals.push(word.value)
    }
    if (dir === undefined) return [{ kind: 'unresolved', reason: 'make -C names a directory outside the repository' }]
    // `-f` is read relative to the directory `-C` changed to
    const path = file !== undefined ? joinPath(dir, file) : NAMES.map((n) => joinPath(dir!, n)).find((p) => p !== undefined && ctx.project.cache.exists(p))
    const makefile = path === undefined ? undefined : readMakefile(ctx.project, path)
    // no Makefile in the repository: the command stays a plain command (custom `seed-commands` may name it)
    if (!makefile || path === undefined) return undefined
    const wanted = goals.length > 0 ? goals : makefile.defaultGoal ? [makefile.defaultGoal] : []
    const counts = resolutions.get(ctx.project) ?? new Map<string, number>()
    resolutions.set(ctx.project, counts)
    const key = `${path}#${wanted.join(' ')}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
    if (counts.get(key)! > MAX_RESOLUTIONS) return [{ kind: 'unresolved', reason: `\`make ${wanted.join(' ')}\` calls itself again; the recursion stops here` }]
    const variables = new Map([...makefile.variables, ...overrides])
    const out: Invocation[] = []
    const made = new Set<string>()
    const visit = (target: string, top: boolean): void => {
      if (made.has(target)) return
      made.add(target)
      const rule = makefile.rules.get(target)
      if (!rule) {
        // a prerequisite without a rule is a file make only checks for
        if (top) out.push({ kind: 'unresolved', reason: `${path} has no target \`${target}\`` })
        return
      }
      for (const p of rule.prerequisites) visit(expand(p, variables, target, rule), false)
      for (const line of rule.recipe) {
        const word: ShellWord = { value: expand(line.text, variables, target, rule), span: line.lines.span(line.start, line.end), dynamic: false }
        // `make -C dir`: the recipe runs in make's directory
        out.push({ kind: 'command-string', word, ...(dir !== ctx.cwd && { cwd: dir }) })
      }
    }
    for (const goal of wanted) visit(goal, true)
    return out
  },
}

export default make

/** `$(VAR)`/`${VAR}` from the Makefile and the command line, `$@`/`$<`/`$^`, `$$` → `$`; make functions stay unknown */
export function expand(text: string, variables: Map<string, string>, target: string, rule: Rule, depth = 0): string {
  return text.replace(/\$\$|\$\(([^()]*)\)|\$\{([^{}]*)\}|\$([@<^*?])/g, (m, paren: string | undefined, brace: string | undefined, auto: string | undefined) => {
    if (m === '$$') return '$'
    if (auto === '@') return target
    if (auto === '<') return rule.prerequisites[0] ?? ''
    if (auto === '^') return rule.prerequisites.join(' ')
    const name = (paren ?? brace ?? '').trim()
    if (name === 'MAKE') return 'make'
    const value = variables.get(name)
    if (value !== undefined && depth < 8) return expand(value, variables, target, rule, depth + 1)
    // an environment variable or a make function (`$(shell …)`): a shell reference keeps it unknown
    return /^\w+$/.test(name) ? `$${name}` : '$MAKE_EXPRESSION'
  })
}

/** rules, recipes (tab-indented lines, `@`/`-`/`+` prefixes dropped) and simple variables of a Makefile and its includes */
export function readMakefile(project: Project, path: string, depth = 0): Makefile | undefined {
  let cache = parsedFiles.get(project)
  if (!cache) parsedFiles.set(project, (cache = new Map()))
  if (cache.has(path)) return cache.get(path) ?? undefined
  cache.set(path, null)
  const lines = project.cache.get(path)
  if (!lines) return undefined
  const parsed: Makefile = { lines, rules: new Map(), variables: new Map() }
  const text = lines.text
  // the rules the recipe lines below belong to; `fresh` until their first recipe line
  let current: { rule: Rule; fresh: boolean }[] = []
  let defining = false
  for (let offset = 0; offset < text.length; ) {
    // a logical line: backslash-newline continues it
    let end = offset
    while (end < text.length && text[end] !== '\n') end = text[end] === '\\' && text[end + 1] === '\n' ? end + 2 : end + 1
    const raw = text.slice(offset, end).replace(/\r$/, '')
    const start = offset
    offset = end + 1
    if (defining) {
      defining = !/^\s*endef\b/.test(raw)
      continue
    }
    if (raw.startsWith('\t') && current.length > 0) {
      const prefix = /^\t[@+\-\s]*/.exec(raw)![0].length
      const body = raw.slice(prefix).replace(/\\\n\t/g, '\\\n')
      if (body.trim() !== '') for (const c of current) addRecipe(c, { text: body, start: start + prefix, end: start + raw.length, lines })
      continue
    }
    const line = raw.replace(/\\\n/g, ' ').replace(/(^|[^\\])#.*$/, '$1')
    if (line.trim() === '') continue
    if (/^\s*define\b/.test(line)) {
      defining = true
      continue
    }
    if (/^\s*(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(line)) continue
    const include = /^\s*-?include\s+(.+)$/.exec(line)
    if (include) {
      for (const name of include[1]!.trim().split(/\s+/)) {
        const other = depth < 4 && !name.includes('$') ? joinPath(dirnameOf(path), name) : undefined
        const inner = other === undefined ? undefined : readMakefile(project, other, depth + 1)
        if (!inner) continue
        for (const [k, v] of inner.variables) parsed.variables.set(k, v)
        for (const [k, v] of inner.rules) if (!parsed.rules.has(k)) parsed.rules.set(k, v)
      }
      continue
    }
    const assignment = /^\s*(?:export\s+|override\s+)*([\w.-]+)\s*(::?=|\?=|\+=|=|!=)\s*(.*)$/.exec(line)
    if (assignment && !/^[^=]*:[^=]/.test(line.slice(0, line.indexOf(assignment[2]!)))) {
      const [, name, op, value] = assignment
      if (name === '.DEFAULT_GOAL') parsed.defaultGoal = value!.trim()
      else if (op === '+=') parsed.variables.set(name!, `${parsed.variables.get(name!) ?? ''} ${value!.trim()}`.trim())
      else if (op !== '?=' || !parsed.variables.has(name!)) parsed.variables.set(name!, op === '!=' ? '$MAKE_EXPRESSION' : value!.trim())
      current = []
      continue
    }
    const rule = /^([^:=]+?)\s*::?(?!=)\s*([^;]*?)\s*(?:;(.*))?$/.exec(line)
    current = []
    if (!rule) continue
    const targets = rule[1]!.trim().split(/\s+/)
    const named = start + raw.length - raw.trimStart().length
    // `target: VAR = value` sets a variable for that target; it is not a rule of its own
    if (/^[\w.-]+\s*(::?=|\?=|\+=|=)/.test(rule[2]!)) continue
    const prerequisites = rule[2]!.split(/\s+/).filter((p) => p !== '' && p !== '|')
    for (const target of targets) {
      const existing = parsed.rules.get(target) ?? { at: named + Math.max(0, line.trimStart().indexOf(target)), prerequisites: [], recipe: [] }
      existing.prerequisites.push(...prerequisites)
      parsed.rules.set(target, existing)
      current.push({ rule: existing, fresh: true })
      if (!parsed.defaultGoal && !target.startsWith('.') && !target.includes('%')) parsed.defaultGoal = target
    }
    if (rule[3] !== undefined && rule[3].trim() !== '') {
      const inline = rule[3]
      const at = start + raw.indexOf(';') + 1 + (inline.length - inline.trimStart().length)
      for (const c of current) addRecipe(c, { text: inline.trim(), start: at, end: at + inline.trim().length, lines })
    }
  }
  cache.set(path, parsed)
  return parsed
}

/** a rule's recipe lines; a later rule with a recipe for the same target replaces the earlier recipe, as make does */
function addRecipe(current: { rule: Rule; fresh: boolean }, line: Rule['recipe'][number]): void {
  if (current.fresh) current.rule.recipe = []
  current.fresh = false
  current.rule.recipe.push(line)
}
