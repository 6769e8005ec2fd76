// https://docs.liquibase.com/commands/utility/drop-all.html
import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { basename, connectionOf, flagValue, positionals } from './argv.js'
import { buildRunOf } from './jvm/build-tools.js'
import type { SeedTool, WipeMatch } from './types.js'

// global options written as two words, so their value is not taken for the command
const VALUED = ['--changelog-file', '--url', '--username', '--password', '--defaults-file', '--search-path', '--contexts', '--context-filter', '--labels', '--label-filter', '--log-level', '--schemas', '--classpath', '--driver']

/** The Liquibase command of `liquibase drop-all`, `mvn liquibase:dropAll` or the Gradle plugin's `dropAll`, as kebab-case. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

function commandOf({ argv }: LeafCommand): string | undefined {
  if (basename(argv[0] ?? '') === 'liquibase') {
    const command = positionals(argv.slice(1), VALUED)[0]
    return command === undefined ? undefined : kebab(command)
  }
  const run = buildRunOf(argv)
  const goal = run?.tool === 'maven' ? run.tasks.find((t) => t.startsWith('liquibase:')) : undefined
  if (goal !== undefined) return kebab(goal.slice('liquibase:'.length))
  // the Gradle plugin names its tasks after the commands; only dropAll is the plugin's alone
  return run?.tasks.includes('dropAll') ? 'drop-all' : undefined
}

const REQUIRE_FORCE = /\b(?:dropAll\.requireForce|dropAllRequireForce|drop-all-require-force|require-force)\b\s*[=:]\s*true\b/i

/**
 * Liquibase 4.27+ runs drop-all without `--force` unless the project asks for it
 * (liquibase.command.dropAll.requireForce / --require-force); `--force=false` stops it.
 */
function refused(cmd: LeafCommand, project: Project): boolean {
  const force = flagValue(cmd.argv, ['--force']) ?? (cmd.argv.includes('--force') ? 'true' : undefined)
  if (force !== undefined) return force.toLowerCase() === 'false'
  const variable = cmd.env.LIQUIBASE_COMMAND_DROP_ALL_REQUIRE_FORCE ?? cmd.env.LIQUIBASE_DROP_ALL_REQUIRE_FORCE
  if (variable !== undefined) return variable.toLowerCase() === 'true'
  const defaults = joinPath(cmd.cwd, flagValue(cmd.argv, ['--defaults-file']) ?? 'liquibase.properties')
  return cmd.argv.some((a) => REQUIRE_FORCE.test(a)) || (defaults !== undefined && REQUIRE_FORCE.test(project.cache.get(defaults)?.text ?? ''))
}

/**
 * `drop-all` drops every database object the user owns; it is meant for development and test
 * databases only. (`update --contexts=…` runs the changesets of those contexts and every changeset
 * without one, and also every changeset when none is given: a context names no seed by itself,
 * https://docs.liquibase.com/concepts/changelogs/attributes/contexts.html.)
 */
function wipesDropAll(cmd: LeafCommand, project: Project): WipeMatch | undefined {
  if (commandOf(cmd) !== 'drop-all' || refused(cmd, project)) return undefined
  return { confidence: 'high', note: '`drop-all` drops every database object the user owns' }
}

const liquibase: SeedTool = {
  id: 'liquibase',
  title: 'Liquibase',
  docs: 'https://docs.liquibase.com/commands/utility/drop-all.html',
  wipes: wipesDropAll,
  migrates: (cmd) => commandOf(cmd) === 'update',
  // the database of `--url=jdbc:…`, as LIQUIBASE_COMMAND_URL would give it
  connection: ({ argv }) => connectionOf('LIQUIBASE_COMMAND_URL', flagValue(argv, ['--url'])),
}
export default liquibase
