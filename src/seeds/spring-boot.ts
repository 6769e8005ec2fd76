// https://docs.spring.io/spring-boot/how-to/data-initialization.html
// A Spring Boot application seeds or wipes its database on every start when its own configuration
// says so: what it does is read from the repository's application.{properties,yml} for the profiles
// the start activates.
import type { LeafCommand } from '../model/command.js'
import type { Hop } from '../model/finding.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { basename } from './argv.js'
import { buildRunOf } from './jvm/build-tools.js'
import { classpathFile, springConfig, springResourceDirs, type SpringConfig, type SpringSetting } from './jvm/spring-config.js'
import type { SeedMatch, SeedTool, WipeMatch } from './types.js'

/** the configurations one start may run with: one per module it may be, `certain` when it is known which */
interface SpringStart {
  configs: SpringConfig[]
  certain: boolean
}

/**
 * A start of a Spring Boot application: `java … -jar app.jar`, `java -cp … <main class>` (the
 * exploded jar of the Docker guide, or org.springframework.boot.loader's JarLauncher), Maven's
 * `spring-boot:run` and Gradle's `bootRun`
 * (https://docs.spring.io/spring-boot/reference/using/running-your-application.html). The module it
 * runs is the working directory's, or the one Maven's `-pl` or a Gradle project path names; else,
 * where the repository holds one Spring Boot module, that one. Where it holds several, each is read,
 * and what is found is only as sure as the guess.
 */
function springStartOf({ argv, cwd, env }: LeafCommand, project: Project): SpringStart | undefined {
  const module = springStartDir(argv, cwd)
  if (module === undefined) return undefined
  const dirs = springResourceDirs(project)
  const own = joinPath(module, 'src/main/resources')
  const chosen = own !== undefined && dirs.includes(own) ? [own] : dirs
  if (chosen.length === 0) return undefined
  return { configs: chosen.map((resources) => springConfig(project, resources, env, argv.slice(1))), certain: chosen.length === 1 }
}

/** The directory of the module a Spring Boot start runs, where it is the one the command is in or names; undefined for a command that starts none. */
export function springStartDir(argv: readonly string[], cwd: string): string | undefined {
  const program = basename(argv[0] ?? '')
  const run = program === 'java' ? undefined : buildRunOf(argv)
  const java = program === 'java' && argv.some((a) => ['-jar', '-cp', '-classpath', '--class-path'].includes(a))
  if (!java && !run?.tasks.some((t) => t === 'spring-boot:run' || t === 'bootRun')) return undefined
  return run?.module === undefined ? cwd : (joinPath(cwd, run.module) ?? cwd)
}

const memo = new WeakMap<LeafCommand, SpringStart | undefined>()

function startOf(cmd: LeafCommand, project: Project): SpringStart | undefined {
  if (!memo.has(cmd)) memo.set(cmd, springStartOf(cmd, project))
  return memo.get(cmd)
}

interface Effect {
  confidence: SeedMatch['confidence']
  note: string
  settings: SpringSetting[]
  /** what to set instead, for the profiles production runs with */
  change: string
}

const FOR_PRODUCTION = 'for the profiles production runs with'

const profilesOf = (config: SpringConfig) => (config.profilesGiven ? `profiles ${config.profiles.join(',')}` : 'no profile set, so the default files only')

function hopsOf(config: SpringConfig, settings: SpringSetting[]): Hop[] {
  return settings.flatMap((s) => (s.span ? [{ span: s.span, label: `${s.origin} \`${s.key}: ${s.value}\` (${profilesOf(config)})` }] : []))
}

/** the Hibernate schema action: `spring.jpa.properties.*` are handed to Hibernate as they are, over ddl-auto */
function schemaAction(config: SpringConfig): SpringSetting | undefined {
  return config.get('spring.jpa.properties.hibernate.hbm2ddl.auto') ?? config.get('spring.jpa.hibernate.ddl-auto')
}

const RECREATES = new Set(['create', 'create-drop'])

/** a setting's value in the configuration, or the setting whose `${NAME}` only the run-time environment gives */
type Setting = { decided: SpringSetting } | { runtime: SpringSetting }

function settingOf(config: SpringConfig, ...names: string[]): Setting | undefined {
  for (const name of names) {
    const decided = config.get(name)
    if (decided) return { decided }
    const runtime = config.unresolved(name)
    if (runtime) return { runtime }
  }
  return undefined
}

/** a value the platform gives at run time may be the wiping one as well as another: undecided, never safe */
const runtimeNote = (setting: SpringSetting, effect: string) => `${setting.key} is \`${setting.value}\`, a variable the repository does not set and gives no default: where it is ${effect}`

/**
 * `ddl-auto` (or Hibernate's own `hbm2ddl.auto`, handed over as it is, over ddl-auto) `create`/`create-drop`:
 * Hibernate drops the schema and creates it again on every start
 * (https://docs.spring.io/spring-boot/how-to/data-initialization.html#howto.data-initialization.using-hibernate);
 * `update`, `validate` and `none` keep the data.
 */
function schemaRecreation(config: SpringConfig): Effect | undefined {
  const action = settingOf(config, 'spring.jpa.properties.hibernate.hbm2ddl.auto', 'spring.jpa.hibernate.ddl-auto')
  if (action && 'runtime' in action) {
    const { runtime } = action
    const change = `Give \`${runtime.key}\` the value \`validate\` or \`none\` ${FOR_PRODUCTION} in the repository, and migrate the schema with Flyway or Liquibase`
    return { confidence: 'low', note: runtimeNote(runtime, 'create or create-drop, Hibernate drops every table on each start'), settings: [runtime], change }
  }
  const decided = action?.decided
  if (!decided || !RECREATES.has(decided.value.trim().toLowerCase())) return undefined
  const change = `Set \`${decided.key}\` to \`validate\` or \`none\` ${FOR_PRODUCTION}, and migrate the schema with Flyway or Liquibase`
  return { confidence: 'high', note: `Hibernate drops every table of its schema and creates it again on each start (ddl-auto ${decided.value.trim()})`, settings: [decided], change }
}

/** `spring.liquibase.drop-first=true`: Liquibase drops the database objects first, on every start (https://docs.spring.io/spring-boot/appendix/application-properties/index.html#application-properties.data-migration.spring.liquibase.drop-first) */
function liquibaseDropFirst(config: SpringConfig): Effect | undefined {
  const dropFirst = settingOf(config, 'spring.liquibase.drop-first')
  const setting = dropFirst && ('runtime' in dropFirst ? dropFirst.runtime : dropFirst.decided)
  if (!dropFirst || !setting || ('decided' in dropFirst && setting.value.trim() !== 'true')) return undefined
  const change = `Set \`${setting.key}\` to false (its default) ${FOR_PRODUCTION}`
  if ('runtime' in dropFirst) return { confidence: 'low', note: runtimeNote(setting, 'true, Liquibase drops every database object before migrating, on each start'), settings: [setting], change }
  return { confidence: 'high', note: 'Liquibase drops every database object before migrating, on each start (spring.liquibase.drop-first)', settings: [setting], change }
}

/**
 * `spring.flyway.clean-on-validation-error=true`: Flyway cleans the schema when a migration fails
 * validation (an edited migration), and only where clean is allowed (`clean-disabled=false`: Flyway 9
 * disabled it by default, flyway/flyway#3407); deprecated in 10.18 and refused from Flyway 11
 * (https://documentation.red-gate.com/fd/deprecation-of-clean-on-validation-error-254154581.html).
 * `clean-disabled=false` alone runs nothing.
 */
function flywayCleanOnError(config: SpringConfig): Effect | undefined {
  const cleanOnError = config.get('spring.flyway.clean-on-validation-error')
  const disabled = config.get('spring.flyway.clean-disabled')
  if (cleanOnError?.value.trim() !== 'true' || disabled?.value.trim() !== 'false') return undefined
  const note = 'Flyway cleans the schema when a migration fails validation, where clean is allowed (Flyway 9+ disables it unless clean-disabled=false; Flyway 11 refuses the setting)'
  return { confidence: 'low', note, settings: [disabled, cleanOnError], change: `Remove \`${cleanOnError.key}\` ${FOR_PRODUCTION}, and leave clean disabled there` }
}

/** What a start wipes, by its configuration: the first sure effect, else the first undecided one. */
function wipeOf(config: SpringConfig): Effect | undefined {
  const effects = [schemaRecreation, liquibaseDropFirst, flywayCleanOnError].flatMap((read) => read(config) ?? [])
  return effects.find((e) => e.confidence === 'high') ?? effects[0]
}

/**
 * What a start seeds, by its configuration:
 * - `spring.sql.init.mode=always` (Boot 2.5+; `spring.datasource.initialization-mode` before) runs the
 *   data scripts (`spring.sql.init.data-locations`, by default `data.sql` and `data-<platform>.sql`) on
 *   every start against any database; the default `embedded` runs them only on an embedded (H2, HSQL,
 *   Derby) one, which is no production database
 *   (https://docs.spring.io/spring-boot/how-to/data-initialization.html#howto.data-initialization.using-basic-sql-scripts).
 *   A mode only the run-time environment gives may be `always`: undecided.
 * - Hibernate runs `import.sql` of the classpath root after creating the schema (`create`/`create-drop`).
 */
function seedOf(project: Project, config: SpringConfig): Effect | undefined {
  const mode = settingOf(config, 'spring.sql.init.mode', 'spring.datasource.initialization-mode')
  const setting = mode && ('runtime' in mode ? mode.runtime : mode.decided)
  if (mode && setting && ('runtime' in mode || setting.value.trim() === 'always')) {
    const locations = config.get('spring.sql.init.data-locations') ?? config.get('spring.datasource.data')
    const platform = (config.get('spring.sql.init.platform') ?? config.get('spring.datasource.platform'))?.value ?? 'all'
    const named = locations ? locations.value.split(',').map((l) => l.trim()).filter((l) => l !== '') : ['data.sql', `data-${platform}.sql`]
    const scripts = named.flatMap((l) => classpathFile(project, config.resources, l) ?? [])
    const settings = [setting, ...(locations ? [locations] : [])]
    const change = `Set \`${setting.key}\` to \`never\` (or leave the default \`embedded\`) ${FOR_PRODUCTION}, and load demo data in a development profile only`
    const outside = named.filter((l) => /^(?:optional:)?(?!classpath)[a-z]+:/.test(l))
    const runs = scripts.length > 0 ? `runs ${scripts.join(', ')} on every start` : outside.length > 0 ? `runs the data scripts ${outside.join(', ')} on every start, outside the repository's resources` : undefined
    if (runs !== undefined) {
      const certain = 'decided' in mode && scripts.length > 0
      return { confidence: certain ? 'high' : 'low', note: 'runtime' in mode ? runtimeNote(setting, `always, ${runs}`) : `${runs} (spring.sql.init.mode=always)`, settings, change }
    }
  }
  const action = schemaAction(config)
  const importSql = classpathFile(project, config.resources, 'import.sql')
  if (action && RECREATES.has(action.value.trim().toLowerCase()) && importSql) return { confidence: 'high', note: `Hibernate runs ${importSql} after creating the schema, on each start`, settings: [action], change: `Keep ${importSql} out of the production build, or set \`${action.key}\` to \`validate\` or \`none\` ${FOR_PRODUCTION}` }
  return undefined
}

/** the first module whose configuration does it; low where the module run is a guess among several */
function effectOf(start: SpringStart, read: (config: SpringConfig) => Effect | undefined): { effect: Effect; config: SpringConfig } | undefined {
  for (const config of start.configs) {
    const effect = read(config)
    if (!effect) continue
    if (start.certain) return { effect, config }
    const guess = `; which of the repository's ${start.configs.length} Spring Boot modules this start runs is not known, ${config.resources} does this`
    return { effect: { ...effect, confidence: 'low', note: effect.note + guess }, config }
  }
  return undefined
}

function withinOf(config: SpringConfig, effect: Effect): Pick<SeedMatch, 'within'> {
  const hops = hopsOf(config, effect.settings)
  // the start runs the whole application: the finding points at the setting to change
  return hops.length > 0 ? { within: { hops, more: true, change: effect.change } } : {}
}

const springBoot: SeedTool = {
  id: 'spring-boot',
  title: 'Spring Boot',
  docs: 'https://docs.spring.io/spring-boot/how-to/data-initialization.html',
  environmentVariable: 'SPRING_PROFILES_ACTIVE',
  match: (cmd, project) => {
    const start = startOf(cmd, project)
    const found = start && effectOf(start, (config) => seedOf(project, config))
    return found && { confidence: found.effect.confidence, note: found.effect.note, ...withinOf(found.config, found.effect) }
  },
  wipes: (cmd, project): WipeMatch | undefined => {
    const start = startOf(cmd, project)
    const found = start && effectOf(start, wipeOf)
    return found && { confidence: found.effect.confidence, note: found.effect.note, ...withinOf(found.config, found.effect) }
  },
}
export default springBoot
