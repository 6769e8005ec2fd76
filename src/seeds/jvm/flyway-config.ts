// Flyway's own configuration of a repository, read with the parsers of each format: flyway.conf as
// Java properties, flyway.toml as TOML, pom.xml as XML. Only what decides whether `clean` runs is
// read: cleanDisabled, and the Flyway version (clean is allowed by default before Flyway 9).
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import { joinPath } from '../../util/paths.js'
import { parseProperties, type PropertyEntry } from '../../util/properties.js'
import { TomlView } from '../../util/toml.js'
import { elementAt } from '../../util/xml.js'
import type { MavenPom, PomValue } from './maven-pom.js'

/** a value Flyway is given, as written, and where */
export interface FlywaySetting {
  value: string
  /** the setting as written and where: `flyway.conf \`flyway.cleanDisabled=false\``, `FLYWAY_CLEAN_DISABLED=false` */
  origin: string
  span?: Span
}

/** what Flyway is given cannot be known here: a file it reads is not well-formed, or its environment is only given at run time */
export interface Undecided {
  undecided: string
}

export type SettingRead = FlywaySetting | Undecided | undefined

const FLYWAY_PLUGIN = 'flyway-maven-plugin'

/**
 * cleanDisabled from the config files Flyway loads by default: those of the working directory over
 * those of the `conf/` directory, and in one directory flyway.toml in preference to flyway.conf
 * (https://documentation.red-gate.com/fd/configuration-files-224003079.html).
 */
export function configFileCleanDisabled(project: Project, cwd: string, environment: string | undefined): SettingRead {
  for (const dir of [cwd, joinPath(cwd, 'conf')]) {
    const toml = dir === undefined ? undefined : joinPath(dir, 'flyway.toml')
    const conf = dir === undefined ? undefined : joinPath(dir, 'flyway.conf')
    if (toml !== undefined && project.cache.exists(toml)) {
      const found = tomlCleanDisabled(project, toml, environment)
      if (found) return found
    } else if (conf !== undefined && project.cache.exists(conf)) {
      const found = confCleanDisabled(project, conf)
      if (found) return found
    }
  }
  return undefined
}

/** `flyway.cleanDisabled=false` (https://documentation.red-gate.com/flyway/reference/configuration/flyway-namespace/flyway-clean-disabled-setting) */
function confCleanDisabled(project: Project, file: string): FlywaySetting | undefined {
  const lines = project.cache.get(file)
  // a key set twice keeps its last value, as Properties#load does
  const entry = (lines ? parseProperties(lines) : []).filter((l): l is PropertyEntry => 'key' in l && l.key === 'flyway.cleanDisabled').at(-1)
  return entry && { value: entry.value, origin: `${file} \`flyway.cleanDisabled=${entry.value}\``, span: entry.valueSpan }
}

/**
 * `[flyway] cleanDisabled = false`, which an environment's own `[environments.<name>.flyway]` table
 * overrides when that environment is the one used
 * (https://documentation.red-gate.com/flyway/reference/configuration/environment-overrides). The
 * environment is the command's, else `[flyway] environment`, else `default`
 * (https://documentation.red-gate.com/fd/flyway-environment-setting-277578995.html).
 */
function tomlCleanDisabled(project: Project, file: string, environment: string | undefined): SettingRead {
  const lines = project.cache.get(file)
  if (!lines) return undefined
  const parsed = TomlView.parse(lines)
  if ('error' in parsed) return { undecided: `${file} could not be read (${parsed.error.message})` }
  const { view } = parsed
  const setting = (path: string): FlywaySetting | undefined => {
    const node = view.entries.get(path)?.value
    if (!node) return undefined
    const written = lines.text.slice(node.range[0], node.range[1])
    return { value: node.type === 'TOMLValue' ? String(node.value) : written, origin: `${file} \`${path} = ${written}\``, span: view.span(node) }
  }
  const root = setting('flyway.cleanDisabled')
  const named = environment ?? view.string('flyway.environment')?.value ?? 'default'
  if (!/[$`]/.test(named)) return setting(`environments.${named}.flyway.cleanDisabled`) ?? root
  // an environment only the run gives: an override of any environment may be the one used
  const overrides = view.childrenOf('environments').flatMap((env) => setting(`environments.${env}.flyway.cleanDisabled`) ?? [])
  if (overrides.some((o) => o.value !== root?.value)) return { undecided: `the Flyway environment is \`${named}\`, only known at run time, and ${file}'s environments set cleanDisabled differently` }
  return root
}

/**
 * cleanDisabled of the Maven build: a Maven property `flyway.cleanDisabled` over the plugin's
 * `<configuration>` (https://documentation.red-gate.com/flyway/flyway-cli-and-api/usage/maven-goal:
 * system properties, then config files, then Maven properties, then the plugin's configuration).
 */
export function pomCleanDisabled(pom: MavenPom): FlywaySetting | undefined {
  const fromValue = (value: PomValue | undefined, tag: string): FlywaySetting | undefined => value && { value: value.value ?? value.raw, origin: `${pom.file} \`<${tag}>${value.raw}</${tag}>\``, span: value.span }
  const plugin = pom.plugins.find((p) => p.artifactId === FLYWAY_PLUGIN)
  return fromValue(pom.property('flyway.cleanDisabled'), 'flyway.cleanDisabled') ?? fromValue(plugin && pom.valueOf(elementAt(plugin.element, 'configuration', 'cleanDisabled')), 'cleanDisabled')
}

/** the Flyway a Maven build runs, as far as its POM says: whether that one allows clean by default, and why it is that one */
export interface FlywayVersion {
  allowsCleanByDefault: boolean
  origin: string
}

const majorOf = (version: string | undefined): number | undefined => {
  const m = version === undefined ? undefined : /^(\d+)(?:\.|$)/.exec(version.trim())
  return m ? Number(m[1]) : undefined
}

/** Flyway disabled clean by default from 9 (flyway/flyway#3407, "Clean disabled by default") */
export function flywayVersionOf(version: string | undefined, origin: string): FlywayVersion | undefined {
  const major = majorOf(version)
  return major === undefined ? undefined : { allowsCleanByDefault: major < 9, origin: `Flyway ${version!.trim()} (${origin})` }
}

/**
 * The Flyway version of a Maven build: the plugin's own `<version>`, else `<flyway.version>` (the
 * property Spring Boot's dependency management reads too), else flyway-core's, else the one the
 * Spring Boot parent or BOM manages. Spring Boot 3.0 moved to Flyway 9
 * (https://github.com/spring-projects/spring-boot/wiki/Spring-Boot-3.0-Migration-Guide#flyway);
 * Spring Boot 2.x manages Flyway 8 or older (2.7: https://docs.spring.io/spring-boot/docs/2.7.x/reference/html/dependency-versions.html).
 */
export function pomFlywayVersion(pom: MavenPom): FlywayVersion | undefined {
  const plugin = pom.plugins.find((p) => p.artifactId === FLYWAY_PLUGIN)
  const core = pom.dependencies.find((d) => d.artifactId === 'flyway-core')
  const declared =
    flywayVersionOf(plugin?.version?.value, `${pom.file} ${FLYWAY_PLUGIN}`) ??
    flywayVersionOf(pom.property('flyway.version')?.value, `${pom.file} <flyway.version>`) ??
    flywayVersionOf(core?.version?.value, `${pom.file} flyway-core`)
  if (declared) return declared
  const boot = [pom.parent, ...pom.dependencies].find((a) => a?.groupId === 'org.springframework.boot' && (a.artifactId === 'spring-boot-starter-parent' || a.artifactId === 'spring-boot-dependencies'))
  const bootMajor = majorOf(boot?.version?.value)
  return bootMajor === undefined ? undefined : { allowsCleanByDefault: bootMajor < 3, origin: `Spring Boot ${boot!.version!.value!.trim()} (${pom.file}) manages Flyway ${bootMajor < 3 ? '8 or older' : '9 or later'}` }
}
