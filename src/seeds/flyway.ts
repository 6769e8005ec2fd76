// https://documentation.red-gate.com/flyway/flyway-cli-and-api/commands/clean
import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { basename, connectionOf, flagValue, positionals } from './argv.js'
import { buildRunOf } from './jvm/build-tools.js'
import type { SeedTool, WipeMatch } from './types.js'

/** The Flyway verb of `flyway clean`, `mvn flyway:clean` or `gradle flywayClean`. */
function verbOf({ argv }: LeafCommand): string | undefined {
  if (basename(argv[0] ?? '') === 'flyway') return positionals(argv.slice(1))[0]
  const run = buildRunOf(argv)
  const task = run?.tasks.find((t) => (run.tool === 'maven' ? t.startsWith('flyway:') : /^flyway[A-Z]/.test(t)))
  return task === undefined ? undefined : run!.tool === 'maven' ? task.slice('flyway:'.length) : task.slice('flyway'.length).toLowerCase()
}

// `cleanDisabled=false` as each client writes it: flyway.conf, flyway.toml, -cleanDisabled=false,
// -Dflyway.cleanDisabled=false, Maven's <cleanDisabled>, Gradle's `cleanDisabled = false`, FLYWAY_CLEAN_DISABLED
const CLEAN_ENABLED = /\bclean[-_.]?disabled\b["']?\s*(?:=|:|>)\s*["']?false\b/i
const CONFIG_FILES = ['flyway.conf', 'conf/flyway.conf', 'flyway.toml', 'conf/flyway.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts']

/** where the command or the repository's Flyway configuration allows clean */
function cleanAllowedBy(cmd: LeafCommand, project: Project): string | undefined {
  if (cmd.env.FLYWAY_CLEAN_DISABLED?.toLowerCase() === 'false') return 'FLYWAY_CLEAN_DISABLED=false'
  const flag = cmd.argv.find((a) => CLEAN_ENABLED.test(a))
  if (flag !== undefined) return `\`${flag}\``
  return CONFIG_FILES.map((name) => joinPath(cmd.cwd, name)).find((file) => file !== undefined && CLEAN_ENABLED.test(project.cache.get(file)?.text ?? ''))
}

/** the major version of Flyway the build declares (`<flyway.version>`, flyway-core's or the plugin's version), if one */
function flywayMajor(cmd: LeafCommand, project: Project): number | undefined {
  for (const name of ['pom.xml', 'build.gradle', 'build.gradle.kts']) {
    const file = joinPath(cmd.cwd, name)
    const text = file === undefined ? undefined : project.cache.get(file)?.text
    const m = text === undefined ? undefined : /<flyway\.version>\s*(\d+)|flyway[\w-]*<\/artifactId>\s*<version>\s*(\d+)|org\.flywaydb[\w.:-]*["']?\)?\s*(?:version\s*)?["':]\s*(\d+)\./.exec(text)
    const major = m?.slice(1).find((g) => g !== undefined)
    if (major !== undefined) return Number(major)
  }
  return undefined
}

/**
 * `clean` drops every object of the configured schemas. Flyway 9 disabled it by default: it refuses
 * unless cleanDisabled=false is configured (flyway/flyway#3407, "Clean disabled by default"); before 9
 * it cleaned whatever it was pointed at.
 */
function wipesClean(cmd: LeafCommand, project: Project): WipeMatch | undefined {
  if (verbOf(cmd) !== 'clean') return undefined
  const note = '`clean` drops every object in the schemas Flyway manages'
  const allowed = cleanAllowedBy(cmd, project)
  if (allowed !== undefined) return { confidence: 'high', note: `${note}; clean is allowed by ${allowed}` }
  const major = flywayMajor(cmd, project)
  if (major !== undefined && major < 9) return { confidence: 'high', note: `${note}; Flyway ${major} allows clean by default` }
  return { confidence: 'low', note: `${note}; Flyway 9+ refuses it unless cleanDisabled=false is configured, which the repository's Flyway files do not say` }
}

const flyway: SeedTool = {
  id: 'flyway',
  title: 'Flyway',
  docs: 'https://documentation.red-gate.com/flyway/flyway-cli-and-api/commands/clean',
  wipes: wipesClean,
  migrates: (cmd) => verbOf(cmd) === 'migrate',
  // the database of `-url=jdbc:…` or `-Dflyway.url=jdbc:…`, as FLYWAY_URL would give it
  connection: ({ argv }) => connectionOf('FLYWAY_URL', flagValue(argv, ['-url', '-Dflyway.url'])),
}
export default flyway
