/**
 * Just enough of GitHub's expression language to follow values through a workflow: a whole-value
 * `${{ inputs.x }}` is looked up, and the string literals an expression can produce
 * (`${{ github.ref == 'refs/heads/main' && 'production' || 'staging' }}`) are its possible values.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/expressions
 */
const WHOLE = /^\s*\$\{\{\s*([\s\S]*?)\s*\}\}\s*$/
const ANY = /\$\{\{\s*([\s\S]*?)\s*\}\}/g
const PATH = /^[A-Za-z_][\w-]*(?:\.[\w-]+|\[['"][^'"]+['"]\])*$/

export type Scope = Record<string, Record<string, string[]>>

export function hasExpression(value: string): boolean {
  return value.includes('${{')
}

/** Possible values of a string that may contain expressions; undefined when not knowable. */
export function possibleValues(value: string, scope: Scope): string[] | undefined {
  const whole = WHOLE.exec(value)
  if (!whole) {
    if (!hasExpression(value)) return [value]
    // `prod-${{ matrix.region }}`: substitute single-valued parts
    let unknown = false
    const replaced = value.replace(ANY, (_, inner: string) => {
      const values = lookup(inner, scope)
      if (values?.length !== 1) unknown = true
      return values?.[0] ?? ''
    })
    return unknown ? undefined : [replaced]
  }
  const inner = whole[1]!
  const looked = lookup(inner, scope)
  if (looked) return looked
  const literals = [...inner.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"))
  // a comparison's literal (`github.ref == 'refs/heads/main'`) is not a value the expression yields
  const yielded = literals.filter((l) => !new RegExp(`(==|!=)\\s*'${escape(l)}'|'${escape(l)}'\\s*(==|!=)`).test(inner))
  return yielded.length > 0 ? yielded : undefined
}

function lookup(expression: string, scope: Scope): string[] | undefined {
  if (!PATH.test(expression)) return undefined
  const normalised = expression.replace(/\[['"]([^'"]+)['"]\]/g, '.$1')
  const dot = normalised.indexOf('.')
  const head = dot < 0 ? normalised : normalised.slice(0, dot)
  const rest = dot < 0 ? '' : normalised.slice(dot + 1)
  // github.event.inputs.x is the old spelling of inputs.x
  if (head === 'github' && rest.startsWith('event.inputs.')) return scope.inputs?.[rest.slice('event.inputs.'.length)]
  if (head === 'secrets') return [`<secret ${rest}>`]
  return scope[head]?.[rest]
}

/** The names of the secrets an expression reads (`secrets.PROD_DATABASE_URL`). */
export function secretsIn(value: string): string[] {
  return [...value.matchAll(/secrets\.([A-Za-z_][\w]*)|secrets\[['"]([^'"]+)['"]\]/g)].map((m) => m[1] ?? m[2]!)
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
