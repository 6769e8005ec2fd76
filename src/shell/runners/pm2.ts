// https://pm2.keymetrics.io/docs/usage/quick-start/ ; https://pm2.keymetrics.io/docs/usage/docker-pm2-nodejs/ ;
// https://pm2.keymetrics.io/docs/usage/application-declaration/
// `pm2 start <file|program> [-- args]` and `pm2-runtime [start] <file>` start processes and keep them
// running: an ecosystem file's apps, or the one script or program named.
import type { EcosystemApp } from '../../seeds/facts/pm2-ecosystem.js'
import type { LineIndex } from '../../util/line-index.js'
import { alignValue } from '../../util/offset-map.js'
import { basenameOf, dirnameOf, joinPath } from '../../util/paths.js'
import type { ShellWord } from '../parse.js'
import { splitArgs } from './args.js'
import type { Invocation, PackageRunner, RunnerContext } from './types.js'

/**
 * The names PM2 takes as its configuration: `*.config.{js,cjs,mjs}` and the JSON forms
 * (pm2's Common.isConfigFile), with the `ecosystem` and `pm2` names `pm2 deploy` and the docs use.
 */
const ECOSYSTEM = /^(ecosystem|pm2)([.-][\w.-]+)?(\.config\.[cm]?js|\.json5?)$/

export function isEcosystemFile(file: string): boolean {
  return ECOSYSTEM.test(basenameOf(file))
}

/**
 * The interpreter PM2 starts a script with, by its extension (https://github.com/Unitech/pm2/blob/master/lib/API/interpreter.json);
 * undefined for any other file, which runs as a program of its own (`script: 'npm'`).
 */
export function pm2Interpreter(script: string): string | undefined {
  return INTERPRETERS[/\.[^./]+$/.exec(script)?.[0] ?? '']
}
const INTERPRETERS: Record<string, string> = { '.sh': 'bash', '.py': 'python', '.rb': 'ruby', '.php': 'php', '.pl': 'perl', '.js': 'node', '.cjs': 'node', '.mjs': 'node', '.coffee': 'coffee', '.ts': 'bun', '.tsx': 'bun' }

const STARTS = new Set(['start', 'restart', 'reload', 'startOrRestart', 'startOrReload', 'startOrGracefulReload'])
const VALUED = new Set(['--env', '--only', '-n', '--name', '-i', '--instances', '--interpreter', '--interpreter-args', '--node-args', '--cwd', '-o', '--output', '-e', '--error', '-l', '--log', '--max-memory-restart', '--namespace', '--cron', '--cron-restart'])

function resolve(words: ShellWord[], ctx: RunnerContext): Invocation[] | undefined {
  const program = basenameOf(words[0]?.value ?? '')
  const args = program === 'pm2' ? (STARTS.has(words[1]?.value ?? '') ? words.slice(2) : undefined) : words.slice(words[1]?.value === 'start' ? 2 : 1)
  if (!args) return undefined
  const { options, positionals, rest } = splitArgs(args, VALUED, true)
  const target = positionals[0]
  if (!target) return undefined
  if (target.dynamic) return [{ kind: 'unresolved', reason: `what \`${program} ${target.value}\` starts is only known at run time` }]
  const path = joinPath(ctx.cwd, target.value)
  if (path !== undefined && isEcosystemFile(path)) {
    const facts = ctx.project.ecosystemFiles?.get(path)
    const lines = ctx.project.cache.get(path)
    if (!facts || !lines) return [{ kind: 'unresolved', reason: `\`${program} ${target.value}\` starts the apps of ${path}, which is not in the repository or was not read` }]
    if (facts.error) return [{ kind: 'unresolved', reason: `${path}: ${facts.error.message}` }]
    const only = options.get('--only')?.flatMap((o) => o.split(',')) ?? []
    const apps = facts.apps.filter((app) => only.length === 0 || (app.name !== undefined && only.includes(app.name)))
    return [
      ...apps.map((app): Invocation => ({ kind: 'exec', words: appWords(app, lines), cwd: app.cwd ?? dirnameOf(path), label: `${path} app \`${app.name ?? app.script.value}\`` })),
      ...facts.unresolved.map((u): Invocation => ({ kind: 'unresolved', reason: `${path}: ${u.message}` })),
    ]
  }
  // `pm2 start "npm run seed"`: a command line PM2 runs through a shell
  if (/\s/.test(target.value)) return [{ kind: 'command-string', word: target }]
  if (program === 'pm2' && words[1]?.value !== 'start') return undefined
  const interpreter = options.get('--interpreter')?.[0] ?? pm2Interpreter(target.value)
  return [{ kind: 'exec', words: [...(interpreter && interpreter !== 'none' ? [{ ...target, value: interpreter }] : []), target, ...rest] }]
}

/** an app's `script` and `args` as the words PM2 executes, each at its place in the ecosystem file */
export function appWords(app: EcosystemApp, lines: LineIndex): ShellWord[] {
  const word = (value: string, start: number, end: number): ShellWord => ({ value, span: lines.span(start, end), dynamic: false })
  const interpreter = app.interpreter?.value ?? pm2Interpreter(app.script.value)
  const head = app.interpreter && interpreter !== 'none' ? [word(app.interpreter.value, app.interpreter.start, app.interpreter.end)] : interpreter && interpreter !== 'none' ? [word(interpreter, app.script.start, app.script.start)] : []
  const args = app.args.words.flatMap((w) => {
    if (app.args.quoted) return [word(w.value, w.start, w.end)]
    const at = alignValue(w.value, lines.text, w.start, w.end)
    return [...w.value.matchAll(/\S+/g)].map((m) => word(m[0], at(m.index), at(m.index + m[0].length)))
  })
  return [...head, word(app.script.value, app.script.start, app.script.end), ...args]
}

const pm2: PackageRunner = { id: 'pm2', commands: ['pm2', 'pm2-runtime', 'pm2-docker'], resolve }
export default pm2
