// just (https://just.systems/man/en/): `just deploy prod` runs deploy's dependencies, then its body
// lines, each in a shell of its own (a shebang recipe is one script), then its `&&` dependencies.
// With no recipe it runs the first one (or the `[default]` one). Sources: the manual's chapters on
// the default recipe, working directory (the justfile's directory, `[no-cd]`, `set working-directory`,
// `[working-directory]`), recipe parameters, dependencies, invoking justfiles in other directories
// (`just foo/build`), modules (`mod foo`, `just foo bar`, `foo::bar`) and imports.
import type { Project } from '../../project/project.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import { nearestFile } from '../../project/nearest-file.js'
import { parseJustfile, type JustDependency, type JustRecipe, type Justfile } from '../justfile.js'
import type { ShellWord } from '../parse.js'
import { flagAndInline } from './args.js'
import type { Invocation, PackageRunner } from './types.js'

// the search is case-insensitive; these are the spellings found in practice
export const JUSTFILE_NAMES = ['justfile', 'Justfile', 'JUSTFILE', '.justfile', '.Justfile']
const VALUED = new Set(['-f', '--justfile', '-d', '--working-directory', '--dotenv-filename', '--dotenv-path', '-E', '--shell', '--shell-arg', '--color', '--command-color', '--list-heading', '--list-prefix', '--chooser', '--timestamp-format', '-c', '--command', '--tempdir', '--explain'])
// options that print, list or edit instead of running recipes
const DRY = new Set(['-n', '--dry-run', '-l', '--list', '--summary', '-s', '--show', '--evaluate', '--dump', '--fmt', '--init', '-e', '--edit', '--variables', '--groups', '--choose', '--completions', '--man', '-V', '--version', '-h', '--help', '--changelog'])
const SHELLS = /(?:^|\/|\s)(?:sh|bash|zsh|dash|ash|ksh)(?:\s|$)/
const MAX_DEPTH = 16

interface Loaded {
  file: string
  justfile: Justfile
  /** recipes of the file and its imports; a module's are read on demand */
  recipes: Map<string, { recipe: JustRecipe; from: Justfile }>
}

const parsed = new WeakMap<Project, Map<string, Loaded | null>>()

const just: PackageRunner = {
  id: 'just',
  commands: ['just'],
  resolve(words, ctx) {
    let dir: string | undefined = ctx.cwd
    let given: string | undefined
    const positionals: ShellWord[] = []
    const overrides = new Map<string, string>()
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!
      const [flag, inline] = flagAndInline(word.value)
      if (positionals.length > 0) {
        positionals.push(word)
        continue
      }
      if (DRY.has(flag!)) return []
      if (flag === '--set') {
        const [name, value] = [words[i + 1]?.value, words[i + 2]?.value]
        if (name !== undefined && value !== undefined) overrides.set(name, value)
        i += 2
        continue
      }
      if (VALUED.has(flag!)) {
        const value = inline ?? words[++i]?.value
        if (flag === '-f' || flag === '--justfile') given = value
        if (flag === '-d' || flag === '--working-directory') dir = value === undefined || dir === undefined ? undefined : joinPath(dir, value)
        continue
      }
      if (word.value.startsWith('-')) continue
      const assignment = /^([A-Za-z_][\w-]*)=(.*)$/s.exec(word.value)
      if (assignment) overrides.set(assignment[1]!, assignment[2]!)
      else positionals.push(word)
    }
    // `just foo/build`: the justfile is sought from foo
    const first = positionals[0]
    if (first && first.value.includes('/') && !first.dynamic) {
      const cut = first.value.lastIndexOf('/')
      dir = dir === undefined ? undefined : joinPath(dir, first.value.slice(0, cut))
      positionals.splice(0, 1, ...(first.value.slice(cut + 1) === '' ? [] : [{ ...first, value: first.value.slice(cut + 1) }]))
    }
    if (dir === undefined) return [{ kind: 'unresolved', reason: 'just names a directory outside the repository' }]
    const file = given !== undefined ? joinPath(dir, given) : nearestFile(ctx.project, dir, JUSTFILE_NAMES)
    // no justfile in the repository: the command stays a plain command (custom `seed-commands` may name it)
    if (file === undefined || !ctx.project.cache.exists(file)) return undefined
    const root = load(ctx.project, file)
    if (!root) return [{ kind: 'unresolved', reason: `${file} cannot be read` }]
    const out: Invocation[] = []
    const running: string[] = []
    const run = (loaded: Loaded, name: string, args: string[] | undefined): void => {
      const found = loaded.recipes.get(name)
      if (!found) {
        out.push({ kind: 'unresolved', reason: `${loaded.file} has no recipe \`${name}\`` })
        return
      }
      const key = `${loaded.file}#${name}`
      if (running.includes(key) || running.length > MAX_DEPTH) return
      running.push(key)
      const { recipe, from } = found
      const values = bindParameters(recipe, args)
      const depend = (deps: JustDependency[]) => {
        for (const dep of deps) {
          const inModule = dep.recipe.split('::')
          const target = inModule.length > 1 ? module(ctx.project, loaded, inModule.slice(0, -1)) : loaded
          if (target) run(target, inModule.at(-1)!, dep.args)
          else out.push({ kind: 'unresolved', reason: `${loaded.file} has no module for \`${dep.recipe}\`` })
        }
      }
      depend(recipe.before)
      const cwd = workingDirectory(recipe, from, ctx.cwd, dirnameOf(loaded.file))
      const variables = new Map([...from.variables, ...overrides])
      const label = `${from.lines.file} recipe \`${recipe.name}\``
      const bodies = recipe.shebang === undefined ? recipe.lines : SHELLS.test(recipe.shebang) && recipe.lines.length > 0 ? [{ text: recipe.lines.map((l) => l.text).join('\n'), start: recipe.lines[0]!.start, end: recipe.lines.at(-1)!.end }] : []
      for (const line of bodies) {
        const word: ShellWord = { value: interpolate(line.text, values, variables), span: from.lines.span(line.start, line.end), dynamic: false }
        out.push({ kind: 'command-string', word, cwd, label })
      }
      depend(recipe.after)
      running.pop()
    }
    let loaded = root
    const rest = [...positionals]
    if (rest.length === 0) {
      if (root.justfile.defaultRecipe === undefined) return []
      run(root, root.justfile.defaultRecipe, [])
      return out
    }
    while (rest.length > 0) {
      const word = rest.shift()!
      if (word.dynamic) return [...out, { kind: 'unresolved', reason: `just recipe \`${word.value}\` is only known at run time` }]
      // `just db seed` or `just db::seed`: a recipe of module db
      const path = word.value.split('::')
      const inModule = path.length > 1 ? module(ctx.project, loaded, path.slice(0, -1)) : undefined
      if (path.length > 1 && !inModule) return [...out, { kind: 'unresolved', reason: `${loaded.file} has no module \`${path.slice(0, -1).join('::')}\`` }]
      if (!inModule && loaded.justfile.modules.has(word.value)) {
        const sub = module(ctx.project, loaded, [word.value])
        if (!sub) return [...out, { kind: 'unresolved', reason: `the file of module \`${word.value}\` in ${loaded.file} is not in the repository` }]
        loaded = sub
        if (rest.length === 0 && sub.justfile.defaultRecipe !== undefined) run(sub, sub.justfile.defaultRecipe, [])
        continue
      }
      const target = inModule ?? loaded
      const name = path.at(-1)!
      const recipe = target.recipes.get(name)?.recipe
      // a recipe takes as many of the following words as it has parameters, a variadic one all of them
      const takes = recipe === undefined ? 0 : recipe.parameters.some((p) => p.variadic) ? rest.length : Math.min(recipe.parameters.length, rest.length)
      const args = rest.splice(0, takes)
      run(target, name, args.some((a) => a.dynamic) ? undefined : args.map((a) => a.value))
    }
    return out
  },
}

export default just

function load(project: Project, file: string): Loaded | undefined {
  let cache = parsed.get(project)
  if (!cache) parsed.set(project, (cache = new Map()))
  if (!cache.has(file)) {
    cache.set(file, null)
    const lines = project.cache.get(file)
    if (lines) {
      const justfile = parseJustfile(lines)
      const recipes = new Map<string, { recipe: JustRecipe; from: Justfile }>()
      const add = (from: Justfile, depth: number) => {
        for (const [name, recipe] of from.recipes) if (!recipes.has(name)) recipes.set(name, { recipe, from })
        for (const path of depth < 4 ? from.imports : []) {
          const imported = joinPath(dirnameOf(from.lines.file), path)
          const importedLines = imported === undefined ? undefined : project.cache.get(imported)
          // imported recipes run where the importing justfile's do: `from` keeps the root's settings
          if (importedLines) add({ ...parseJustfile(importedLines), workingDirectory: justfile.workingDirectory }, depth + 1)
        }
      }
      add(justfile, 0)
      cache.set(file, { file, justfile, recipes })
    }
  }
  return cache.get(file) ?? undefined
}

/** `mod foo` is foo.just, foo/mod.just or foo/justfile beside the declaring file, or the path it names */
function module(project: Project, loaded: Loaded, path: string[]): Loaded | undefined {
  let current: Loaded | undefined = loaded
  for (const name of path) {
    if (!current?.justfile.modules.has(name)) return undefined
    const dir = dirnameOf(current.file)
    const named: string | undefined = current.justfile.modules.get(name)
    const candidates: string[] = named !== undefined ? [named, `${named}/mod.just`, `${named}/justfile`] : [`${name}.just`, `${name}/mod.just`, `${name}/justfile`, `${name}/Justfile`, `${name}/.justfile`]
    const file: string | undefined = candidates.map((c) => joinPath(dir, c)).find((p): p is string => p !== undefined && project.cache.exists(p))
    current = file === undefined ? undefined : load(project, file)
  }
  return current
}

function bindParameters(recipe: JustRecipe, args: string[] | undefined): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>()
  recipe.parameters.forEach((p, i) => values.set(p.name, args === undefined ? undefined : p.variadic ? args.slice(i).join(' ') : args[i]))
  return values
}

/** where a recipe's lines run: `[no-cd]` where just was run, else the justfile's directory moved by the settings */
function workingDirectory(recipe: JustRecipe, from: Justfile, invokedIn: string, justfileDir: string): string {
  if (recipe.attributes.has('no-cd')) return invokedIn
  const base = from.workingDirectory === undefined ? justfileDir : (joinPath(justfileDir, from.workingDirectory) ?? justfileDir)
  const own = recipe.attributes.get('working-directory')
  return own === undefined ? base : (joinPath(base, own) ?? base)
}

/** `{{name}}` from the recipe's arguments and the justfile's variables; any other expression is unknown to the shell */
function interpolate(text: string, values: Map<string, string | undefined>, variables: Map<string, string>): string {
  return text.replace(/\{\{\{\{|\{\{(.*?)\}\}/g, (_, expression: string | undefined) => {
    if (expression === undefined) return '{{'
    const name = expression.trim()
    if (!/^[A-Za-z_][\w-]*$/.test(name)) return '$JUST_EXPRESSION'
    const value = values.has(name) ? values.get(name) : variables.get(name)
    return value ?? `$${name.replace(/-/g, '_')}`
  })
}
