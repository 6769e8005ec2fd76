import type { SeedguardConfig } from '../config/types.js'
import type { RuleId } from '../model/finding.js'
import { OUTSIDE_ENVIRONMENT, setterOf, unknownBecause, type RuntimeEnvironment } from '../model/runtime.js'
import type { Span } from '../model/span.js'
import { classifyEnvironmentName } from '../production/evidence.js'

/** The opt-in flag a suggested guard tests: unset wherever nobody chose demo data, so the seed is skipped there. */
export const OPT_IN_FLAG = 'SEED_DEMO_DATA'
/** The opt-in for a reset: set only where the database is meant to be rebuilt, so real rows are never dropped elsewhere. */
export const RESET_OPT_IN_FLAG = 'RESET_DEMO_DATABASE'

/** the opt-in a guard of this finding tests, and where it belongs */
function optInOf(rule: RuleId): { flag: string; where: string } {
  return rule === 'reset-in-production' || rule === 'reset-possibly-in-production' ? { flag: RESET_OPT_IN_FLAG, where: 'only where the database may be rebuilt' } : { flag: OPT_IN_FLAG, where: 'only where demo data belongs' }
}

export interface FixContext {
  rule: RuleId
  /** the command as written at the finding's place */
  command: string
  primary: Span
  /** the text of the finding's line before it: whether the command sits inside a quoted string */
  lineBefore: string
  /** the variable the seed tool's framework reads for its environment (RAILS_ENV), if it has one */
  environmentVariable: string | undefined
  /** a command that does more than seed, taken apart by its tool */
  apart: { keep: string; seed: string } | undefined
  /** the environment at the seed: what the path's files set */
  env: Record<string, string>
  runtime: RuntimeEnvironment | undefined
  /** the guard around the seed that runs it where the deploy says it is production (`$NODE_ENV == production`) */
  meantForProduction?: string | undefined
  /** seedguard's runtime check the seed runs through (`seedguard guard`, `assertSafeToSeed()`) */
  guardedBy?: string | undefined
  /** a test around the seed (in the shell, or at the top of its script) that the check cannot decide */
  undecidedGuard?: boolean
  /** the finding points at a setting of the project's configuration: what to change it to */
  change?: string | undefined
}

/** what holds whatever the environment variables say: the database's own marker, read where the seed runs */
const RUNTIME_CHECK = 'For a check that holds wherever it runs, whatever the environment says: run it as `seedguard guard -- <command>` and mark the production database once with `seedguard protect --db <url> --env production`; the guard then refuses that database.'

/**
 * What to do about a seed on a production path, in a form that works where it was found. A guard
 * is only suggested when it holds with the environment that context really has: a test of the
 * framework's own variable (`[ "$RAILS_ENV" != production ]`) where a file or the platform sets it
 * to production there, and otherwise a positive opt-in that no production deploy sets, since a
 * GitHub-hosted runner (or a platform nobody configured) leaves NODE_ENV, RAILS_ENV and APP_ENV
 * unset and a `!= production` test then lets the seed run. The guard is an if-clause, so it exits
 * 0 when skipped and a `&&` chain around it goes on; inside a quoted string its quotes are
 * escaped; in a rake task it is Ruby. A seed already guarded to run only in production is meant for
 * it: no test of the environment keeps it out, so the fix is to take it off the path or make it
 * opt-in. The suppression suggested is one the file can hold: JSON has no comments.
 */
export function fixFor(fix: FixContext, config: SeedguardConfig): string {
  if (fix.guardedBy !== undefined) {
    return `\`${fix.guardedBy}\` refuses this step where the database is marked production (\`seedguard protect --db <url> --env production\`), so the deploy fails there instead of seeding, and it seeds any database that is not marked. Take \`${fix.command}\` off the deploy path (a development-only script or job, a one-off task run by hand). If it is intended, ${suppression(fix)}.`
  }
  // a setting is no command a shell test could guard
  if (fix.change !== undefined) return `${fix.change}. If it is intended, ${suppression(fix)}.`
  const text = fixWithoutRuntimeCheck(fix, config)
  // the test may hold or not: only the database's own word settles it
  return fix.undecidedGuard ? `${text} ${RUNTIME_CHECK}` : text
}

function fixWithoutRuntimeCheck(fix: FixContext, config: SeedguardConfig): string {
  if (fix.meantForProduction !== undefined) {
    const optIn = guardIn({ ...fix, command: fix.apart?.seed ?? fix.command }, undefined)
    return `\`${fix.command}\` runs only when ${fix.meantForProduction}: it is meant for production. If demo data does not belong there, take it off the production path (a one-off task run by hand), or replace that test with an opt-in: \`${optIn}\` (set ${optInOf(fix.rule).flag}=1 ${optInOf(fix.rule).where}). If it is intended, ${suppression(fix)}.`
  }
  const runtime = fix.runtime ?? OUTSIDE_ENVIRONMENT
  const variable = fix.environmentVariable
  const value = variable === undefined ? undefined : (fix.env[variable] ?? runtime.values?.[variable])
  const holds = variable !== undefined && value !== undefined && !value.includes('<secret') && !value.includes('${{') && classifyEnvironmentName(value, config) === 'production'
  const guard = guardIn({ ...fix, command: fix.apart?.seed ?? fix.command }, holds ? { variable: variable!, production: value! } : undefined)
  const why = holds
    ? `${variable} is ${value} on this path${fix.env[variable!] === undefined ? `, set by ${setterOf(runtime, variable!)}` : ''}`
    : `set ${optInOf(fix.rule).flag}=1 ${optInOf(fix.rule).where}${variable === undefined ? '' : `; a \`$${variable}\` test does not hold here: ${unsetOn(variable, fix.env, runtime)}`}`
  // guarding a command that also migrates would skip the migration too: keep that part, guard the seed alone
  if (fix.apart) return `Keep \`${fix.apart.keep}\` and take the seed out of it: drop it from the deploy path, or run it on its own, guarded: \`${guard}\` (${why}). If it is intended, ${suppression(fix)}.`
  return `Move \`${fix.command}\` out of the deploy path (a development-only script or job), or guard it: \`${guard}\` (${why}). If it is intended, ${suppression(fix)}.`
}

function unsetOn(variable: string, env: Record<string, string>, runtime: RuntimeEnvironment): string {
  if (env[variable] !== undefined || runtime.values?.[variable] !== undefined) return `${variable} is ${env[variable] ?? runtime.values?.[variable]} there`
  if (runtime.unset === 'empty') return runtime.label
  return runtime.declared?.[variable] !== undefined ? unknownBecause(runtime, variable) : `no file sets ${variable}, so it comes from ${runtime.label}`
}

function suppression(fix: FixContext): string {
  if (/\.json$/i.test(fix.primary.file)) return `add an \`allow:\` entry to .seedguard.yml (\`{ file: ${fix.primary.file}, rule: ${fix.rule}, reason: <why> }\`): JSON has no comments`
  // JavaScript, TypeScript, C#, Java and Go comment with `//` (suppress.ts reads both)
  const leader = /\.(?:[cm]?[jt]s|[jt]sx|cs|java|go)$/i.test(fix.primary.file) ? '//' : '#'
  return `add \`${leader} seedguard-ignore[${fix.rule}]: <reason>\` on the line above`
}

/** The guard in the syntax of the place the command is written: Ruby in a rake task, else the shell's. */
function guardIn(fix: FixContext, framework: { variable: string; production: string } | undefined): string {
  if (/(\.(rb|rake)|(^|\/)(Rakefile|Gemfile))$/.test(fix.primary.file)) {
    if (framework?.variable === 'RAILS_ENV' && framework.production === 'production') return `${fix.command} unless Rails.env.production?`
    return framework ? `${fix.command} unless ENV["${framework.variable}"] == "${framework.production}"` : `${fix.command} if ENV["${optInOf(fix.rule).flag}"] == "1"`
  }
  const test = framework ? `[ "$${framework.variable}" != ${framework.production} ]` : `[ "$${optInOf(fix.rule).flag}" = 1 ]`
  return quoted(`if ${test}; then ${fix.command}; fi`, fix.lineBefore)
}

/**
 * Inside a double-quoted string (a package.json script, a TOML value, a Dockerfile's exec form, a
 * `sh -c "…"`), the guard's own quotes are escaped: an odd number of unescaped quotes before the
 * command on its line means it sits inside one.
 */
function quoted(text: string, lineBefore: string): string {
  const quotes = lineBefore.match(/(?<!\\)"/g)?.length ?? 0
  return quotes % 2 === 1 ? text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : text
}
