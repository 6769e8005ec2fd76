// https://docs.spring.io/spring-boot/reference/features/external-config.html
// A Spring Boot application's own configuration as one start of it sees it: application.properties
// and application.yml of its resources, the profile-specific files of its active profiles over
// them, then the environment and the command line over both.
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import type { LineIndex } from '../../util/line-index.js'
import { joinPath } from '../../util/paths.js'
import { parseProperties } from '../../util/properties.js'
import { parseYamlDocuments, YamlView, type YamlNode } from '../../util/yaml.js'

/** One property's value and where it is set: a line of a file, or a variable or argument of the start. */
export interface SpringSetting {
  /** the property as written (`spring.jpa.hibernate.ddl-auto`, or the variable's name) */
  key: string
  value: string
  /** the value in its file; none when the environment or the command line sets it */
  span?: Span
  /** `src/main/resources/application-prod.yml`, `SPRING_JPA_HIBERNATE_DDL_AUTO`, `--spring.jpa.hibernate.ddl-auto` */
  origin: string
}

export interface SpringConfig {
  /** the resources directory read (`api/src/main/resources`) */
  resources: string
  profiles: string[]
  /** whether the profiles were given to this start (variable, argument or the config itself), not the default */
  profilesGiven: boolean
  /** the value of a property by its canonical name, see `canonical` */
  get(name: string): SpringSetting | undefined
  /** the property as written where its `${NAME}` placeholder has no value here and no default: only known at run time */
  unresolved(name: string): SpringSetting | undefined
}

/**
 * Relaxed binding: `spring.jpa.hibernate.ddl-auto`, `spring.jpa.hibernate.ddlAuto` and the variable
 * SPRING_JPA_HIBERNATE_DDL_AUTO name one property
 * (https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.typesafe-configuration-properties.relaxed-binding).
 */
export function canonical(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, '')
}

/** one document of a file: its properties, and the profiles it is for (`spring.config.activate.on-profile`) */
interface Document {
  settings: Map<string, SpringSetting>
  onProfile?: string
}

/** a properties file's documents: a `#---` or `!---` comment line starts another (Boot 2.4+) */
function propertiesDocuments(file: string, lines: LineIndex): Document[] {
  const docs: Document[] = [{ settings: new Map() }]
  for (const line of parseProperties(lines)) {
    if (!('key' in line)) {
      if (/^[#!]---\s*$/.test(line.comment)) docs.push({ settings: new Map() })
    } else docs.at(-1)!.settings.set(canonical(line.key), { key: line.key, value: line.value, span: line.valueSpan, origin: file })
  }
  return docs.map(withProfile)
}

function yamlDocuments(file: string, lines: LineIndex): Document[] {
  const { docs } = parseYamlDocuments(lines.text)
  return docs.map((doc) => {
    const view = new YamlView(doc, lines)
    const settings = new Map<string, SpringSetting>()
    const flatten = (node: YamlNode | undefined, prefix: string): void => {
      const entries = view.entries(node)
      const list = view.items(node)
      if (entries.length === 0 && list.length === 0) {
        const value = view.string(node)
        if (value !== undefined && prefix !== '') settings.set(canonical(prefix), { key: prefix, value, span: view.span(node), origin: file })
        return
      }
      if (list.length > 0) settings.set(canonical(prefix), { key: prefix, value: view.strings(node).join(','), span: view.span(node), origin: file })
      for (const { key, value } of entries) flatten(value, prefix === '' ? key : `${prefix}.${key}`)
    }
    flatten(view.root, '')
    return withProfile({ settings })
  })
}

/** `spring.config.activate.on-profile` (Boot 2.4+), or `spring.profiles` in a document before 2.4 */
function withProfile(doc: Document): Document {
  const onProfile = doc.settings.get(canonical('spring.config.activate.on-profile')) ?? doc.settings.get(canonical('spring.profiles'))
  return onProfile ? { ...doc, onProfile: onProfile.value } : doc
}

/**
 * A profile expression: `prod`, `!dev`, `prod & eu`, `prod | staging`, and a list `prod, staging`
 * where any may match (https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.files.activation-properties).
 */
export function profileMatches(expression: string, active: readonly string[]): boolean {
  return expression.split(/[,|]/).some((any) =>
    any.split('&').every((term) => {
      const t = term.trim().replace(/^\(|\)$/g, '')
      return t.startsWith('!') ? !active.includes(t.slice(1).trim()) : active.includes(t)
    }),
  )
}

const documentCache = new WeakMap<LineIndex, Document[]>()

function documentsOf(project: Project, file: string): Document[] {
  const lines = project.cache.get(file)
  if (!lines) return []
  let docs = documentCache.get(lines)
  if (!docs) {
    docs = file.endsWith('.properties') ? propertiesDocuments(file, lines) : yamlDocuments(file, lines)
    documentCache.set(lines, docs)
  }
  return docs
}

const resourcesCache = new WeakMap<Project, string[]>()

/** every directory of the repository that holds a Spring Boot application's configuration (`src/main/resources/application.yml`) */
export function springResourceDirs(project: Project): string[] {
  let dirs = resourcesCache.get(project)
  if (!dirs) {
    const found = new Set<string>()
    for (const file of project.cache.files.list()) {
      const m = /^(?:(.*)\/)?src\/main\/resources\/application[^/]*\.(?:properties|ya?ml)$/.exec(file)
      if (m) found.add(m[1] === undefined ? 'src/main/resources' : `${m[1]}/src/main/resources`)
    }
    dirs = [...found].sort()
    resourcesCache.set(project, dirs)
  }
  return dirs
}

/** the configuration files of a resources directory, for the profile (undefined: the default files) */
function filesFor(project: Project, resources: string, profile: string | undefined): string[] {
  // .properties wins over .yml at the same location (Boot 2.4+), so it is applied last
  return ['yml', 'yaml', 'properties'].map((ext) => `${resources}/application${profile === undefined ? '' : `-${profile}`}.${ext}`).filter((f) => project.cache.exists(f))
}

/** `${NAME:default}` in a value, resolved from the start's environment; undefined when it cannot be */
function resolvePlaceholders(value: string, env: Record<string, string>): string | undefined {
  let unresolved = false
  const resolved = value.replace(/\$\{([^}:]+)(?::([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const found = env[name] ?? env[name.toUpperCase().replace(/[.-]/g, '_')] ?? fallback
    if (found === undefined) unresolved = true
    return found ?? ''
  })
  return unresolved ? undefined : resolved
}

/** `--spring.x=y` program arguments and `-Dspring.x=y` JVM options of the start, by canonical name */
function commandLineSettings(args: readonly string[]): Map<string, SpringSetting> {
  const settings = new Map<string, SpringSetting>()
  for (const arg of args) {
    // a word may hold several, as Maven's -Dspring-boot.run.arguments=--a=1 and Gradle's --args='--a=1 --b=2' do
    for (const piece of arg.split(/[\s'"]+|=(?=--|-D)/)) {
      const m = /^(--|-D)([a-z][\w.-]*)=(.*)$/.exec(piece)
      if (m) settings.set(canonical(m[2]!), { key: m[2]!, value: m[3]!, origin: `${m[1]}${m[2]}` })
    }
  }
  return settings
}

/** SPRING_JPA_HIBERNATE_DDL_AUTO=create is spring.jpa.hibernate.ddl-auto (relaxed binding from the environment) */
function environmentSettings(env: Record<string, string>): Map<string, SpringSetting> {
  const settings = new Map<string, SpringSetting>()
  for (const [name, value] of Object.entries(env)) if (/^SPRING_/.test(name)) settings.set(canonical(name), { key: name, value, origin: name })
  return settings
}

const listOf = (value: string): string[] =>
  value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')

/**
 * `spring.profiles.include` (a list, or indexed `[0]`, `[1]` entries) of the documents that apply
 * to every profile, of the environment and of the command line: profiles added to the active ones.
 */
function includedProfiles(sources: Map<string, SpringSetting>[]): string[] {
  const included = canonical('spring.profiles.include')
  return sources.flatMap((settings) => [...settings].flatMap(([key, s]) => (key.replace(/\[\d+\]$/, '') === included ? listOf(s.value) : [])))
}

/** `spring.profiles.group.<name>`: the profiles a profile brings along, by its name */
function profileGroups(sources: Map<string, SpringSetting>[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const settings of sources)
    for (const s of settings.values()) {
      const m = /^spring\.profiles\.group\.([^.[\]]+)(?:\[\d+\])?$/i.exec(s.key)
      if (m) groups.set(m[1]!, [...(groups.get(m[1]!) ?? []), ...listOf(s.value)])
    }
  return groups
}

/** each profile followed by the members of its group, depth first, each once (as Spring Boot's Profiles expands them) */
function expandGroups(profiles: string[], groups: Map<string, string[]>): string[] {
  const expanded: string[] = []
  const visit = (profile: string): void => {
    if (expanded.includes(profile)) return
    expanded.push(profile)
    for (const member of groups.get(profile) ?? []) visit(member)
  }
  for (const profile of profiles) visit(profile)
  return expanded
}

/**
 * The configuration of the application in `resources` as a start with this environment and these
 * arguments sees it. Profiles: `spring.profiles.active` from the command line, else SPRING_PROFILES_ACTIVE,
 * else the default files; `spring.profiles.include` adds profiles before them, and a profile of a
 * `spring.profiles.group.<name>` brings its group's along; `default` when none is set
 * (https://docs.spring.io/spring-boot/reference/features/profiles.html). Include and group are read
 * from the documents that apply to every profile, the only place Spring Boot accepts them.
 * Profile-specific files override the default ones and a later profile the earlier
 * (https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.files.profile-specific).
 */
export function springConfig(project: Project, resources: string, env: Record<string, string>, args: readonly string[]): SpringConfig {
  const commandLine = commandLineSettings(args)
  const environment = environmentSettings(env)
  const activeKey = canonical('spring.profiles.active')
  const given = commandLine.get(activeKey) ?? commandLine.get(canonical('spring-boot.run.profiles')) ?? environment.get(activeKey)
  const base = filesFor(project, resources, undefined).flatMap((f) => documentsOf(project, f))
  const everyProfile = base.filter((d) => d.onProfile === undefined).map((d) => d.settings)
  const fromFiles = everyProfile.reduce<SpringSetting | undefined>((found, settings) => settings.get(activeKey) ?? found, undefined)
  const chosen = given ?? fromFiles
  const sources = [...everyProfile, environment, commandLine]
  const requested = [...new Set([...includedProfiles(sources), ...(chosen ? listOf(chosen.value) : [])])]
  const profiles = expandGroups(requested.length > 0 ? requested : ['default'], profileGroups(sources))
  const settings = new Map<string, SpringSetting>()
  const apply = (docs: Document[]) => {
    for (const doc of docs) if (doc.onProfile === undefined || profileMatches(doc.onProfile, profiles)) for (const [k, v] of doc.settings) settings.set(k, v)
  }
  apply(base)
  for (const profile of profiles) apply(filesFor(project, resources, profile).flatMap((f) => documentsOf(project, f)))
  for (const [k, v] of [...environment, ...commandLine]) settings.set(k, v)
  return {
    resources,
    profiles,
    profilesGiven: chosen !== undefined || requested.length > 0,
    get: (name) => {
      const setting = settings.get(canonical(name))
      const value = setting && resolvePlaceholders(setting.value, env)
      return setting && value !== undefined ? { ...setting, value } : undefined
    },
    unresolved: (name) => {
      const setting = settings.get(canonical(name))
      return setting && resolvePlaceholders(setting.value, env) === undefined ? setting : undefined
    },
  }
}

/** whether the resources directory holds the file (`data.sql`), named as Spring names classpath resources */
export function classpathFile(project: Project, resources: string, location: string): string | undefined {
  const path = location.replace(/^optional:/, '').replace(/^classpath\*?:\/?/, '')
  if (/^[a-z]+:/.test(path)) return undefined
  const file = joinPath(resources, path)
  return file !== undefined && project.cache.exists(file) ? file : undefined
}
