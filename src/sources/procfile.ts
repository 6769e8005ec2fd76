// https://devcenter.heroku.com/articles/procfile
import type { ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import type { LineIndex } from '../util/line-index.js'
import { dirnameOf } from '../util/paths.js'
import { HEROKU_PRODUCTION_ENV, herokuRuntime } from './heroku-runtime.js'
import type { Problem, SourceReader } from './types.js'

export interface ProcfileEntry {
  /** the process type: `web`, `worker`, `release` */
  type: string
  /** the `type:` part of the line */
  typeSpan: Span
  /** the whole line, without its line break */
  lineSpan: Span
  commandSpan: Span
  command: ShellSource
}

// Heroku's (and foreman's) grammar: `^([A-Za-z0-9_-]+):\s*(.+)$`, one process per line
const LINE = /^([ \t]*)([A-Za-z0-9_-]+):[ \t]*(.*?)[ \t]*$/

/**
 * Reads a Procfile line by line: `type: command`, `#` comments, blank lines, CRLF or LF line
 * breaks, a leading byte-order mark. A line that is none of these is a located problem, because
 * Heroku ignores it and the process it meant to declare never runs.
 */
export function parseProcfile(lines: LineIndex): { entries: ProcfileEntry[]; problems: Problem[] } {
  const entries: ProcfileEntry[] = []
  const problems: Problem[] = []
  const count = lines.text.split('\n').length
  for (let line = 1; line <= count; line++) {
    const start = lines.lineStart(line)
    let text = lines.lineText(line)
    let skipped = 0
    if (line === 1 && text.startsWith('\uFEFF')) {
      text = text.slice(1)
      skipped = 1
    }
    const trimmed = text.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const lineSpan = lines.span(start + skipped, start + skipped + text.length)
    const match = LINE.exec(text)
    if (!match) {
      problems.push({ rule: 'parse-error', message: `Procfile line is not \`<process type>: <command>\`: ${trimmed.slice(0, 60)}`, span: lineSpan })
      continue
    }
    const [, indent = '', type = '', command = ''] = match
    const typeStart = start + skipped + indent.length
    if (command === '') {
      problems.push({ rule: 'parse-error', message: `Procfile process type \`${type}\` has no command`, span: lineSpan })
      continue
    }
    const commandStart = start + skipped + text.indexOf(command, indent.length + type.length + 1)
    entries.push({
      type,
      typeSpan: lines.span(typeStart, typeStart + type.length + 1),
      lineSpan,
      commandSpan: lines.span(commandStart, commandStart + command.length),
      // Heroku runs each command with bash
      command: { text: command, offsets: (i) => commandStart + Math.min(i, command.length), file: lines.file, shell: 'bash' },
    })
  }
  return { entries, problems }
}

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
    return { contexts, problems }
  },
}
export default procfile
