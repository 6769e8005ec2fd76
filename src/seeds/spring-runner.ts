// https://docs.spring.io/spring-boot/reference/features/spring-application.html#features.spring-application.command-line-runner
// A Spring Boot start (`java -jar app.jar`, `mvn spring-boot:run`, `gradle bootRun`) runs the
// application's CommandLineRunner and ApplicationRunner beans and its ApplicationReadyEvent
// listeners: what they write or wipe (seeds/facts/spring-runners.ts) the start does, under the
// profiles and properties that start has.
import type { LeafCommand } from '../model/command.js'
import type { Guard } from '../model/guard.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import type { RunnerEffect, SpringModule } from './facts/spring-runners.js'
import { profileMatches, springConfig, type SpringConfig } from './jvm/spring-config.js'
import { springStartDir } from './spring-boot.js'
import type { SeedMatch, SeedTool, WipeMatch } from './types.js'

const PROFILES_VARIABLE = 'SPRING_PROFILES_ACTIVE'

interface Start {
  module: SpringModule
  config: SpringConfig
  /** the modules the start may run: one where the command is in it or names it, or the repository has one */
  of: number
}

/**
 * The module a start runs: the one it is in or names; a jar copied out of the build (a Dockerfile's
 * `java -jar app.jar`) is the repository's one Spring Boot module, or, of several, a guess.
 */
function startOf({ argv, cwd, env }: LeafCommand, project: Project): Start[] {
  if (!project.springModules.some((m) => m.effects.length > 0)) return []
  const dir = springStartDir(argv, cwd)
  if (dir === undefined) return []
  const own = project.springModules.find((m) => m.dir === dir)
  const modules = own ? [own] : project.springModules
  const config = (module: SpringModule) => springConfig(project, joinPath(module.dir, 'src/main/resources') ?? 'src/main/resources', env, argv.slice(1))
  return modules.map((module) => ({ module, config: config(module), of: modules.length }))
}

/** Spring splits SPRING_PROFILES_ACTIVE at commas: a profile is active where the list holds it */
const listed = (profile: string) => [profile, `${profile},*`, `*,${profile}`, `*,${profile},*`]

/**
 * A `@Profile` expression as a condition of the start. Where the start's profiles are known from the
 * repository (its command line, environment or configuration files), it is decided here:
 * undefined where it does not hold. Where none is set, the application runs the `default`
 * profile unless SPRING_PROFILES_ACTIVE comes from outside the repository (a platform's
 * dashboard): a test of that variable, which a context that knows it leaves unset decides.
 */
function profileGuard(expression: string, span: Guard['span'], config: SpringConfig): Guard[] | undefined {
  const holds = profileMatches(expression, config.profiles)
  if (config.profilesGiven) return holds ? [] : undefined
  const terms = expression.split(',').map((t) => t.trim())
  const simple = (t: string) => /^!?[\w.-]+$/.test(t) && t.replace(/^!/, '') !== 'default'
  if (terms.every((t) => simple(t) && !t.startsWith('!'))) return [{ variable: PROFILES_VARIABLE, op: 'match', values: terms.flatMap(listed), negated: false, span }]
  if (terms.length === 1 && simple(terms[0]!)) return [{ variable: PROFILES_VARIABLE, op: 'match', values: listed(terms[0]!.slice(1)), negated: true, span }]
  return [{ variable: PROFILES_VARIABLE, op: 'opaque', values: [], negated: false, text: `@Profile("${expression}")`, span }]
}

/**
 * `@ConditionalOnProperty`: decided by the start's configuration where it sets the property;
 * otherwise a test of the variable relaxed binding reads it from (dots become underscores, dashes
 * go: https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.typesafe-configuration-properties.relaxed-binding.environment-variables).
 * Spring compares `havingValue` ignoring case; without it, any value but `false` holds.
 */
function propertyGuards(condition: RunnerEffect['properties'][number], config: SpringConfig): Guard[] | undefined {
  const { name, havingValue, matchIfMissing, span } = condition
  const decided = config.get(name)
  if (decided) {
    const value = decided.value.trim().toLowerCase()
    return (havingValue === undefined ? value !== 'false' : value === havingValue.toLowerCase()) ? [] : undefined
  }
  const variable = name.replace(/-/g, '').replace(/\./g, '_').toUpperCase()
  const spellings = (v: string) => [...new Set([v, v.toLowerCase(), v.toUpperCase()])]
  if (havingValue !== undefined) return [{ variable, op: 'eq', values: spellings(havingValue), negated: false, span, ...(matchIfMissing && { fallback: { value: havingValue, ifEmpty: false } }) }]
  const notFalse: Guard = { variable, op: 'eq', values: spellings('false'), negated: true, span }
  return matchIfMissing ? [notFalse] : [{ variable, op: 'set', values: [], negated: false, span }, notFalse]
}

/** the conditions an effect runs under at this start; undefined where it does not run */
function conditionsOf(effect: RunnerEffect, config: SpringConfig): Guard[] | undefined {
  const guards: Guard[] = []
  for (const { expression, span } of effect.profiles) {
    const more = profileGuard(expression, span, config)
    if (!more) return undefined
    guards.push(...more)
  }
  for (const property of effect.properties) {
    const more = propertyGuards(property, config)
    if (!more) return undefined
    guards.push(...more)
  }
  return [...guards, ...effect.guards]
}

interface Found {
  effect: RunnerEffect
  guards: Guard[]
  start: Start
}

/** the effect of the kind a start makes under the fewest conditions, a write before a name */
function found(cmd: LeafCommand, project: Project, kind: RunnerEffect['effect']): Found | undefined {
  const all = startOf(cmd, project).flatMap((start) =>
    start.module.effects.flatMap((effect) => {
      const guards = effect.effect === kind ? conditionsOf(effect, start.config) : undefined
      return guards ? [{ effect, guards, start }] : []
    }),
  )
  const rank = (f: Found) => f.guards.length * 2 + (f.effect.evidence === 'named' ? 1 : 0)
  return all.reduce<Found | undefined>((best, f) => (best === undefined || rank(f) < rank(best) ? f : best), undefined)
}

function matchOf({ effect, guards, start }: Found, confidence: SeedMatch['confidence'], what: string): SeedMatch & WipeMatch {
  const guess = start.of === 1 ? '' : `; which of the repository's ${start.of} Spring Boot modules this start runs is not known, ${start.module.dir} does this`
  const onEveryStart = effect.evidence === 'named' ? `\`${effect.runner}\` is named for seeding and runs on every start` : `\`${effect.runner}\` runs on every start and ${what} (\`${effect.text}\`)`
  const hops = [{ span: effect.runnerSpan, label: `${effect.runner} runs on each start of the application` }, ...effect.via, ...(effect.evidence === 'named' ? [] : [{ span: effect.span, label: `\`${effect.text}\` ${what}` }])]
  const change =
    effect.profiles.length === 0
      ? `Give \`${effect.runner}\` a \`@Profile("dev")\` (the application runs the \`default\` profile unless ${PROFILES_VARIABLE} names others), or load the data from a one-off command run by hand`
      : `Activate profiles in production that ${effect.profiles.map((p) => `@Profile("${p.expression}")`).join(' and ')} does not match (${PROFILES_VARIABLE} in the image or the platform's settings), or load the data from a one-off command run by hand`
  return {
    confidence: start.of === 1 ? confidence : 'low',
    note: onEveryStart + guess,
    within: { hops, more: true, change },
    ...(guards.length > 0 && { guards }),
  }
}

const springRunner: SeedTool = {
  id: 'spring-runner',
  title: 'Spring Boot runner',
  docs: 'https://docs.spring.io/spring-boot/reference/features/spring-application.html#features.spring-application.command-line-runner',
  environmentVariable: PROFILES_VARIABLE,
  // a runner that saves entities seeds each start, only a new database's where its code tests for rows (a warning then)
  match: (cmd, project): SeedMatch | undefined => {
    const seed = found(cmd, project, 'seed')
    return seed && matchOf(seed, 'medium', 'writes rows')
  },
  // deleteAll(), TRUNCATE, DROP: every start empties the tables
  wipes: (cmd, project): WipeMatch | undefined => {
    const wipe = found(cmd, project, 'wipe')
    return wipe && matchOf(wipe, 'high', 'deletes every row')
  },
}
export default springRunner
