// https://documentation.red-gate.com/flyway/flyway-cli-and-api/commands/clean
import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { basename, connectionOf, flagValue, positionals } from './argv.js'
import { buildRunOf, type BuildRun } from './jvm/build-tools.js'
import { configFileCleanDisabled, flywayVersionOf, pomCleanDisabled, pomFlywayVersion, type FlywaySetting, type FlywayVersion, type SettingRead } from './jvm/flyway-config.js'
import { readPom, type PomRead } from './jvm/maven-pom.js'
import type { SeedTool, WipeMatch } from './types.js'

/** how a command runs Flyway: its command line (`flyway clean`), or its Maven or Gradle plugin */
interface FlywayRun {
  verb: string | undefined
  build?: BuildRun
}

/** The Flyway verb of `flyway clean`, `mvn flyway:clean` or `gradle flywayClean`. */
function runOf({ argv }: LeafCommand): FlywayRun | undefined {
  if (basename(argv[0] ?? '') === 'flyway') return { verb: positionals(argv.slice(1))[0] }
  const build = buildRunOf(argv)
  const task = build?.tasks.find((t) => (build.tool === 'maven' ? t.startsWith('flyway:') : /^flyway[A-Z]/.test(t)))
  if (!build || task === undefined) return undefined
  return { verb: build.tool === 'maven' ? task.slice('flyway:'.length) : task.slice('flyway'.length).toLowerCase(), build }
}

const allows = (setting: FlywaySetting): boolean => setting.value.trim().toLowerCase() === 'false'

/** the Maven build's POMs: the module's (`-pl api`) before the working directory's */
function pomsOf(cmd: LeafCommand, build: BuildRun, project: Project): PomRead[] {
  const files = [build.module === undefined ? undefined : joinPath(cmd.cwd, `${build.module}/pom.xml`), joinPath(cmd.cwd, 'pom.xml')]
  return [...new Set(files)].flatMap((file) => (file === undefined ? [] : (readPom(project, file) ?? [])))
}

/** the Gradle build script beside the command, if one */
function gradleBuildOf(cmd: LeafCommand, build: BuildRun, project: Project): string | undefined {
  const dir = build.module === undefined ? cmd.cwd : joinPath(cmd.cwd, build.module)
  return ['build.gradle', 'build.gradle.kts'].map((name) => dir && joinPath(dir, name)).find((file) => file !== undefined && project.cache.exists(file))
}

/**
 * cleanDisabled as Flyway resolves it: the command line (`-cleanDisabled=false`, or the plugin's
 * `-Dflyway.cleanDisabled=false`), then FLYWAY_CLEAN_DISABLED, then the config files, then, for
 * Maven, the POM (https://documentation.red-gate.com/flyway/reference/configuration/flyway-namespace/flyway-clean-disabled-setting;
 * precedence: https://documentation.red-gate.com/flyway/flyway-cli-and-api/usage/maven-goal).
 */
function cleanDisabledOf(cmd: LeafCommand, run: FlywayRun, project: Project): SettingRead {
  const flag = run.build ? run.build.properties['flyway.cleanDisabled'] : flagValue(cmd.argv.slice(1), ['-cleanDisabled'])
  if (flag !== undefined) return { value: flag, origin: `\`${run.build ? '-Dflyway.cleanDisabled' : '-cleanDisabled'}=${flag}\`` }
  const variable = cmd.env.FLYWAY_CLEAN_DISABLED
  if (variable !== undefined) return { value: variable, origin: `FLYWAY_CLEAN_DISABLED=${variable}` }
  const environment = (run.build ? run.build.properties['flyway.environment'] : flagValue(cmd.argv.slice(1), ['-environment'])) ?? cmd.env.flyway_environment
  const configured = configFileCleanDisabled(project, cmd.cwd, environment)
  // Gradle's `flyway { cleanDisabled = false }` is a line of a program, which is not run here: only an allowing config file decides over it
  const gradle = run.build?.tool === 'gradle' ? gradleBuildOf(cmd, run.build, project) : undefined
  if (gradle !== undefined && !(configured && 'value' in configured && allows(configured))) return { undecided: `${gradle} was not read (a Gradle build is a program): its \`flyway { cleanDisabled = false }\` or an older Flyway may allow it` }
  if (configured || run.build?.tool !== 'maven') return configured
  for (const read of pomsOf(cmd, run.build, project)) {
    if ('problem' in read) return { undecided: `${read.problem.file} could not be read (${read.problem.message})` }
    const found = pomCleanDisabled(read.pom)
    if (found) return found
  }
  return undefined
}

/** the Flyway a Maven run uses: the plugin version its command names (`org.flywaydb:flyway-maven-plugin:8.5.13:clean`), else its POM's */
function mavenFlywayVersion(cmd: LeafCommand, build: BuildRun, project: Project): FlywayVersion | undefined {
  for (const word of cmd.argv.slice(1)) {
    const [, artifact, version, goal] = word.split(':')
    if (artifact === 'flyway-maven-plugin' && goal !== undefined) return flywayVersionOf(version, `\`${word}\``)
  }
  for (const read of pomsOf(cmd, build, project)) {
    const version = 'pom' in read ? pomFlywayVersion(read.pom) : undefined
    if (version) return version
  }
  return undefined
}

/**
 * `clean` drops every object of the configured schemas. Flyway 9 disabled it by default: it refuses
 * unless cleanDisabled=false is configured (flyway/flyway#3407, "Clean disabled by default"); before 9
 * it cleaned whatever it was pointed at. cleanDisabled=true refuses it in every version.
 */
function wipesClean(cmd: LeafCommand, project: Project): WipeMatch | undefined {
  const run = runOf(cmd)
  if (run?.verb !== 'clean') return undefined
  const note = '`clean` drops every object in the schemas Flyway manages'
  const setting = cleanDisabledOf(cmd, run, project)
  if (setting && 'undecided' in setting) return { confidence: 'low', note: `${note}; whether Flyway allows it is not known: ${setting.undecided}` }
  if (setting && allows(setting)) return { confidence: 'high', note: `${note}; clean is allowed by ${setting.origin}` }
  if (setting?.value.trim().toLowerCase() === 'true') return undefined
  if (setting) return { confidence: 'low', note: `${note}; cleanDisabled is set by ${setting.origin}, a value only known at run time` }
  const version = run.build?.tool === 'maven' ? mavenFlywayVersion(cmd, run.build, project) : undefined
  if (version?.allowsCleanByDefault) return { confidence: 'high', note: `${note}; ${version.origin} allows clean by default` }
  return { confidence: 'low', note: `${note}; Flyway 9+ refuses it unless cleanDisabled=false is configured, which the repository's Flyway files do not say` }
}

const flyway: SeedTool = {
  id: 'flyway',
  title: 'Flyway',
  docs: 'https://documentation.red-gate.com/flyway/flyway-cli-and-api/commands/clean',
  wipes: wipesClean,
  migrates: (cmd) => runOf(cmd)?.verb === 'migrate',
  // the database of `-url=jdbc:…` or `-Dflyway.url=jdbc:…`, as FLYWAY_URL would give it
  connection: ({ argv }) => connectionOf('FLYWAY_URL', flagValue(argv, ['-url', '-Dflyway.url'])),
}
export default flyway
