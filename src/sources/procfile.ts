// https://devcenter.heroku.com/articles/procfile
import type { ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { parseProcfile } from '../shell/procfile.js'
import { dirnameOf } from '../util/paths.js'
import { HEROKU_PRODUCTION_ENV, herokuRuntime } from './heroku-runtime.js'
import type { SourceReader } from './types.js'

// a process type named for a one-off task is run by `heroku run <type>`, not by a scaled dyno
const ONE_OFF = /(^|[-_:])(seed|seeds|seeder|seeding|setup|reset|console|shell|repl|populate|fixtures?)($|[-_:])/i

/** What a process type of a Procfile means for production. */
function phaseOf(type: string): { label: string; reason: Omit<ProductionReason, 'span'> } {
  if (type === 'release') {
    // every new release: a build, a config change, a pipeline promotion, a rollback (release-phase docs)
    return { label: 'Heroku release phase (Procfile `release:`)', reason: { kind: 'platform-phase', towards: true, detail: 'Procfile `release:` runs before every new release goes live, production included' } }
  }
  if (type === 'postdeploy') {
    // Scalingo runs a `postdeploy` process after each deployment (https://doc.scalingo.com/platform/app/postdeploy-hook)
    return { label: 'post-deploy hook (Procfile `postdeploy:`)', reason: { kind: 'platform-phase', towards: true, detail: 'Procfile `postdeploy:` runs after every deployment (Scalingo)' } }
  }
  if (ONE_OFF.test(type)) {
    return {
      label: `one-off process \`${type}\` (Procfile)`,
      reason: { kind: 'platform-phase', towards: true, weak: true, detail: `Procfile \`${type}:\` runs in production only when scaled or started with \`heroku run ${type}\`` },
    }
  }
  return { label: `Heroku dyno \`${type}\` (Procfile)`, reason: { kind: 'platform-phase', towards: true, detail: `Procfile \`${type}:\` runs every time a \`${type}\` dyno starts` } }
}

/**
 * A line that is not `<process type>: <command>` runs nowhere. Dokku does not process such a Procfile
 * (https://dokku.com/docs/appendices/file-formats/procfile/), Heroku's Procfile buildpack fails the
 * build on it (https://github.com/heroku/buildpacks-procfile/blob/main/src/procfile.rs), and the
 * process managers skip the line (foreman: https://github.com/ddollar/foreman/blob/master/lib/foreman/procfile.rb,
 * honcho: https://github.com/nickstenning/honcho/blob/main/honcho/environ.py). Located, but a
 * warning: it cannot start a seed, and the file's other lines are still read.
 */
const SKIPPED_LINE = "Dokku refuses such a Procfile and Heroku's Procfile buildpack fails the build on it; foreman and honcho skip the line: what it declares never runs"

const procfile: SourceReader = {
  id: 'procfile',
  title: 'Procfile (Heroku, Dokku, Scalingo)',
  docs: 'https://devcenter.heroku.com/articles/procfile',
  files: ['**/Procfile'],
  read(file, project) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const { entries, problems } = parseProcfile(lines)
    const cwd = dirnameOf(file)
    const runtime = herokuRuntime(project, cwd)
    const contexts: ExecutionContext[] = entries.map((entry) => {
      const { label, reason } = phaseOf(entry.type)
      return {
        id: `${file}#${entry.type}`,
        label: `${label} in ${file}`,
        span: entry.typeSpan,
        reasons: [{ ...reason, span: entry.typeSpan }],
        steps: [{ label: `the \`${entry.type}\` command`, span: entry.commandSpan, source: entry.command, cwd, env: { ...HEROKU_PRODUCTION_ENV }, reasons: [] }],
        runtime,
      }
    })
    return { contexts, problems: problems.map((p) => ({ rule: 'parse-error' as const, severity: 'warning' as const, message: `${p.message}; ${SKIPPED_LINE}`, span: p.span })) }
  },
}
export default procfile
