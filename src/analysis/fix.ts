import type { SeedguardConfig } from '../config/types.js'
import type { RuleId } from '../model/finding.js'
import { OUTSIDE_ENVIRONMENT, type RuntimeEnvironment } from '../model/runtime.js'
import type { Span } from '../model/span.js'
import { classifyEnvironmentName } from './evidence.js'

/** The opt-in flag a suggested guard tests: unset wherever nobody chose demo data, so the seed is skipped there. */
export const OPT_IN_FLAG = 'SEED_DEMO_DATA'

export interface FixContext {
  rule: RuleId
  /** the command as written at the finding's place */
  command: string
  primary: Span
  /** the variable the seed tool's framework reads for its environment (RAILS_ENV), if it has one */
  environmentVariable: string | undefined
  /** the environment at the seed: what the path's files set */
  env: Record<string, string>
  runtime: RuntimeEnvironment | undefined
}

/**
 * What to do about a seed on a production path, in a form that works where it was found. A guard
 * is only suggested when it holds with the environment that context really has: a test of the
 * framework's own variable (`[ "$RAILS_ENV" != production ]`) where a file or the platform sets it
 * to production there, and otherwise a positive opt-in that no production deploy sets, since a
 * GitHub-hosted runner (or a platform nobody configured) leaves NODE_ENV, RAILS_ENV and APP_ENV
 * unset and a `!= production` test then lets the seed run. The guard is an if-clause, so it exits
 * 0 when skipped and a `&&` chain around it goes on; inside a JSON or TOML string its quotes are
 * escaped. The suppression suggested is one the file can hold: JSON has no comments.
 */
export function fixFor(fix: FixContext, config: SeedguardConfig): string {
  const runtime = fix.runtime ?? OUTSIDE_ENVIRONMENT
  const variable = fix.environmentVariable
  const value = variable === undefined ? undefined : (fix.env[variable] ?? runtime.values?.[variable])
  const holds = variable !== undefined && value !== undefined && !value.includes('<secret') && !value.includes('${{') && classifyEnvironmentName(value, config) === 'production'
  const test = holds ? `[ "$${variable}" != ${value} ]` : `[ "$${OPT_IN_FLAG}" = 1 ]`
  const guard = quoted(`if ${test}; then ${fix.command}; fi`, fix.primary.file)
  const why = holds
    ? `${variable} is ${value} on this path${fix.env[variable!] === undefined ? `, set by ${runtime.valuesBy ?? runtime.label}` : ''}`
    : `set ${OPT_IN_FLAG}=1 only where demo data belongs${variable === undefined ? '' : `; a \`$${variable}\` test does not hold here: ${unsetOn(variable, fix.env, runtime)}`}`
  return `Move \`${fix.command}\` out of the deploy path (a development-only script or job), or guard it: \`${guard}\` (${why}). If it is intended, ${suppression(fix)}.`
}

function unsetOn(variable: string, env: Record<string, string>, runtime: RuntimeEnvironment): string {
  if (env[variable] !== undefined || runtime.values?.[variable] !== undefined) return `${variable} is ${env[variable] ?? runtime.values?.[variable]} there`
  return runtime.unset === 'empty' ? `${runtime.label}` : `no file sets ${variable}, so it comes from ${runtime.label}`
}

function suppression(fix: FixContext): string {
  if (/\.json$/i.test(fix.primary.file)) return `add an \`allow:\` entry to .seedguard.yml (\`{ file: ${fix.primary.file}, rule: ${fix.rule}, reason: <why> }\`): JSON has no comments`
  return `add \`# seedguard-ignore[${fix.rule}]: <reason>\` on the line above`
}

function quoted(text: string, file: string): string {
  return /\.(json|toml)$/i.test(file) ? text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : text
}
