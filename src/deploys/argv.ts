// Shared by the deploy recognisers: reading flags out of argv and action inputs, and guessing an
// environment from the names a command mentions (app, stage, namespace, host, …).
import type { Verdict } from '../model/production.js'
import type { DeployMatch } from './types.js'

export type Target = DeployMatch['target']
type Env = Record<string, string>

/** CI scripts call tools by path as often as by name: `bin/kamal`, `$HOME/.fly/bin/flyctl`. */
export function isCommand(argv0: string | undefined, names: readonly string[]): boolean {
  if (argv0 === undefined) return false
  // every deploy recogniser asks this of every command: compared in place, no base name is cut out
  const start = Math.max(argv0.lastIndexOf('/'), argv0.lastIndexOf('\\')) + 1
  for (const name of names) if (name.length === argv0.length - start && argv0.startsWith(name, start)) return true
  return false
}

/** Every value of a flag, in order, as `--stage x` or `--stage=x`. Nothing after `--` is a flag. */
export function flagValues(argv: readonly string[], names: readonly string[]): string[] {
  const values: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') break
    const eq = arg.indexOf('=')
    if (arg.startsWith('-') && eq > 0 && names.includes(arg.slice(0, eq))) values.push(arg.slice(eq + 1))
    else if (names.includes(arg)) {
      const next = argv[i + 1]
      if (next !== undefined && !next.startsWith('-')) values.push(argv[++i]!)
    }
  }
  return values
}

/** The value that counts: CLIs let the last occurrence win. */
export function flagValue(argv: readonly string[], names: readonly string[]): string | undefined {
  return flagValues(argv, names).at(-1)
}

/** `--prod`, or `--prod=true`; `--prod=false` is off. */
export function hasFlag(argv: readonly string[], names: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false
    if (names.includes(arg)) return true
    const eq = arg.indexOf('=')
    if (arg.startsWith('-') && eq > 0 && names.includes(arg.slice(0, eq))) return !/^(false|0|no)$/i.test(arg.slice(eq + 1))
  }
  return false
}

/**
 * The non-flag arguments. `takesValue` says which flags swallow the next word: a list (other flags
 * are switches) or a predicate, for CLIs like `aws` where nearly every option takes a value.
 */
export function positionals(argv: readonly string[], takesValue: readonly string[] | ((flag: string) => boolean)): string[] {
  const valued = typeof takesValue === 'function' ? takesValue : (flag: string) => takesValue.includes(flag)
  const found: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') return [...found, ...argv.slice(i + 1)]
    if (arg.startsWith('-') && arg.length > 1) {
      if (!arg.includes('=') && valued(arg)) i++
    } else found.push(arg)
  }
  return found
}

/** `$X`, `${X}` and `${{ env.X }}` replaced from the command's environment where it is known. */
export function expandVars(text: string, env: Env): string {
  return text.replace(/\$\{\{\s*env\.(\w+)\s*\}\}|\$\{(\w+)\}|\$(\w+)/g, (whole, a?: string, b?: string, c?: string) => {
    return env[(a ?? b ?? c)!] ?? whole
  })
}

// not `stage`: it is the name of the variable or parameter more often than its value (`--stage $STAGE`,
// `Stage=prod`); `non` is for `non-prod`; `live` is Firebase's production channel
const PREVIEW_WORDS = new Set(['staging', 'stg', 'preview', 'dev', 'develop', 'development', 'test', 'testing', 'qa', 'uat', 'review', 'sandbox', 'nonprod', 'non'])
const PRODUCTION_WORDS = new Set(['prod', 'production', 'prd', 'live'])

/**
 * Whether a value is only known at run time: a shell expansion left as written, a secret
 * (`<secret X>` in workflow env), or a `${{ }}` expression, kept as written by src/shell/parse.ts.
 */
export function isDynamic(value: string, env: Env = {}): boolean {
  return /\$|<secret /.test(expandVars(value, env))
}

/**
 * Whether a name says which environment it is: split into words (`myAppStaging`, `app_stg2`,
 * `secrets.STAGING_HOST` all count), so `latest` or `devtools` never read as `test` or `dev`.
 */
export function classifyName(name: string | undefined, env: Env = {}): Verdict {
  if (!name) return 'unknown'
  const words = expandVars(name, env)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/)
    .filter(Boolean)
  const pullRequest = words.some((w, i) => (w === 'pr' && /^\d+$/.test(words[i + 1] ?? '')) || (w === 'pull' && words[i + 1] === 'request'))
  if (pullRequest || words.some((w) => PREVIEW_WORDS.has(w))) return 'not-production'
  return words.some((w) => PRODUCTION_WORDS.has(w)) ? 'production' : 'unknown'
}

/**
 * A deploy whose target is named by `names` (app, stage, namespace…). One that says preview beats
 * one that says production (`--context prod -n staging` goes to staging); none → `fallback`.
 */
export function matchNames(command: string, names: readonly (string | undefined)[], env: Env, fallback: Target): DeployMatch {
  // an expression's words count too: `${{ secrets.STAGING_APP }}` names staging
  const present = names.filter((n): n is string => !!n)
  const preview = present.find((n) => classifyName(n, env) === 'not-production')
  const production = present.find((n) => classifyName(n, env) === 'production')
  const target = preview ? 'not-production' : production ? 'production' : fallback
  const name = preview ?? production ?? present[0]
  return { target, detail: name ? `\`${command}\` to \`${name}\`` : `\`${command}\`` }
}

/** `Owner/Repo/path@v2` → `owner/repo/path`: neither the ref nor GitHub's case-insensitive owner changes the action. */
export function actionName(uses: string): string {
  return uses.split('@')[0]!.trim().toLowerCase()
}

/** Input names are case-insensitive: the runner passes them as `INPUT_<NAME>`. */
export function input(inputs: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(inputs).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : inputs[key]
}

export function isExpression(value: string | undefined): boolean {
  return value?.includes('${{') ?? false
}

/** A boolean input as `core.getBooleanInput` reads it; undefined when it is an expression or not a boolean. */
export function booleanInput(value: string | undefined, fallback: boolean): boolean | undefined {
  if (value === undefined || value.trim() === '') return fallback
  return /^\s*true\s*$/i.test(value) ? true : /^\s*false\s*$/i.test(value) ? false : undefined
}

export function targetOf(production: boolean | undefined): Target {
  return production === undefined ? 'unknown' : production ? 'production' : 'not-production'
}

/** Words of an `args:`-style input (`deploy --remote-only "--app x"`), quotes removed. */
export function splitArgs(text: string): string[] {
  return (text.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => (/^(["']).*\1$/.test(w) ? w.slice(1, -1) : w))
}
