// The parts of a justfile (https://just.systems/man/en/) that decide what a recipe runs: recipes with
// their parameters, dependencies and body lines (each located in the file), attributes, `:=`
// variables, `alias`, `set working-directory`, `import` and `mod`. Expressions beyond a string
// literal are left unknown; the recipe lines keep `{{…}}` for the runner to fill in.
import type { LineIndex } from '../util/line-index.js'

export interface JustParameter {
  name: string
  /** `+x` takes one or more arguments, `*x` any number */
  variadic: boolean
  hasDefault: boolean
}

export interface JustDependency {
  recipe: string
  /** string-literal arguments, `(build "prod")`; undefined where one is an expression */
  args: string[] | undefined
}

export interface JustLine {
  text: string
  start: number
  end: number
}

export interface JustRecipe {
  name: string
  /** offset of the name */
  at: number
  parameters: JustParameter[]
  /** run before the body, then `after` (`&& x`) */
  before: JustDependency[]
  after: JustDependency[]
  /** body lines with `@`/`-` dropped; a shebang recipe is one script of all its lines */
  lines: JustLine[]
  /** `#!/usr/bin/env bash`: the interpreter the body is a script for */
  shebang?: string
  attributes: Map<string, string | undefined>
}

export interface Justfile {
  lines: LineIndex
  recipes: Map<string, JustRecipe>
  /** the first recipe, or the one marked `[default]` */
  defaultRecipe?: string
  variables: Map<string, string>
  workingDirectory?: string
  imports: string[]
  /** `mod name 'path'`, path undefined for the default places */
  modules: Map<string, string | undefined>
}

const HEADER = /^(@?)([A-Za-z_][\w-]*)((?:\s+[^:=\s]+(?:=(?:'[^']*'|"[^"]*"|[^\s:]+))?)*)\s*:(?!=)(.*)$/
const STRING = /^(?:'([^']*)'|"((?:[^"\\]|\\.)*)"|'''([\s\S]*?)'''|"""([\s\S]*?)""")$/

/** a string literal's value; undefined for any other expression */
export function justString(expression: string): string | undefined {
  const m = STRING.exec(expression.trim())
  if (!m) return undefined
  return m[1] ?? m[3] ?? m[4] ?? m[2]!.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c)
}

export function parseJustfile(lines: LineIndex): Justfile {
  const out: Justfile = { lines, recipes: new Map(), variables: new Map(), imports: [], modules: new Map() }
  const aliases = new Map<string, string>()
  const text = lines.text
  let recipe: JustRecipe | undefined
  let bodyIndent: string | undefined
  let attributes = new Map<string, string | undefined>()
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    const raw = text.slice(start, end).replace(/\r$/, '')
    const lineStart = start
    start = end + 1
    if (recipe && /^[ \t]/.test(raw)) {
      if (raw.trim() === '') continue
      bodyIndent ??= /^[ \t]+/.exec(raw)![0]
      const body = raw.startsWith(bodyIndent) ? raw.slice(bodyIndent.length) : raw.trimStart()
      if (recipe.lines.length === 0 && recipe.shebang === undefined && body.startsWith('#!')) {
        recipe.shebang = body.slice(2).trim()
        continue
      }
      const prefix = recipe.shebang === undefined ? /^[@-]*/.exec(body)![0].length : 0
      const offset = lineStart + (raw.length - body.length) + prefix
      recipe.lines.push({ text: body.slice(prefix), start: offset, end: lineStart + raw.length })
      continue
    }
    if (raw.trim() === '') continue
    recipe = undefined
    bodyIndent = undefined
    const line = raw.trim()
    if (line.startsWith('#')) continue
    const attribute = /^\[(.*)\]$/.exec(line)
    if (attribute) {
      for (const part of attribute[1]!.split(/,(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/)) {
        // `[no-cd]`, `[working-directory: 'x']`, `[working-directory('x')]`
        const m = /^\s*([\w-]+)\s*(?::\s*(.*?)|\((.*)\))?\s*$/.exec(part)
        if (m) attributes.set(m[1]!, justString(m[2] ?? m[3] ?? ''))
      }
      continue
    }
    const setting = /^set\s+([\w-]+)\s*(?::=\s*(.*))?$/.exec(line)
    if (setting) {
      if (setting[1] === 'working-directory' && setting[2] !== undefined) out.workingDirectory = justString(setting[2])
      continue
    }
    const alias = /^alias\s+([\w-]+)\s*:=\s*([\w-]+)\s*$/.exec(line)
    if (alias) {
      aliases.set(alias[1]!, alias[2]!)
      continue
    }
    const assignment = /^(?:export\s+)?([A-Za-z_][\w-]*)\s*:=\s*(.*)$/.exec(line)
    if (assignment) {
      const value = justString(assignment[2]!)
      if (value !== undefined) out.variables.set(assignment[1]!, value)
      else out.variables.delete(assignment[1]!)
      continue
    }
    const included = /^import(\?)?\s+(.+)$/.exec(line)
    if (included) {
      const path = justString(included[2]!)
      if (path !== undefined) out.imports.push(path)
      continue
    }
    const module = /^mod(\?)?\s+([\w-]+)(?:\s+(.+))?$/.exec(line)
    if (module) {
      out.modules.set(module[2]!, module[3] === undefined ? undefined : justString(module[3]))
      continue
    }
    const header = HEADER.exec(line)
    if (!header) {
      attributes = new Map()
      continue
    }
    const [, , name, params, rest] = header
    const [beforeText, afterText] = rest!.split('&&')
    recipe = {
      name: name!,
      at: lineStart + raw.indexOf(name!),
      parameters: parameters(params!),
      before: dependencies(beforeText ?? ''),
      after: dependencies(afterText ?? ''),
      lines: [],
      attributes,
    }
    attributes = new Map()
    // a later recipe of the same name is an error in just unless `set allow-duplicate-recipes`, where the later wins
    out.recipes.set(recipe.name, recipe)
    if (out.defaultRecipe === undefined || recipe.attributes.has('default')) out.defaultRecipe = recipe.name
  }
  for (const [alias, target] of aliases) {
    const found = out.recipes.get(target)
    if (found && !out.recipes.has(alias)) out.recipes.set(alias, found)
  }
  return out
}

function parameters(text: string): JustParameter[] {
  return text
    .trim()
    .split(/\s+(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/)
    .filter(Boolean)
    .map((token) => {
      const variadic = /^[+*]/.test(token)
      const name = token.replace(/^[+*]?\$?/, '').replace(/=.*$/s, '')
      return { name, variadic, hasDefault: token.includes('=') || token.startsWith('*') }
    })
}

/** `a b (c "x")`: names, and calls with arguments */
function dependencies(text: string): JustDependency[] {
  const out: JustDependency[] = []
  for (const m of text.matchAll(/\(\s*([\w-]+(?:::[\w-]+)*)((?:[^()'"]|'[^']*'|"(?:[^"\\]|\\.)*")*)\)|([\w-]+(?:::[\w-]+)*)/g)) {
    if (m[3] !== undefined) {
      out.push({ recipe: m[3], args: [] })
      continue
    }
    const parts = m[2]!.trim() === '' ? [] : m[2]!.trim().split(/\s+(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/)
    const values = parts.map(justString)
    out.push({ recipe: m[1]!, args: values.every((v) => v !== undefined) ? (values as string[]) : undefined })
  }
  return out
}
