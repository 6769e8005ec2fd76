// https://getcomposer.org/doc/articles/scripts.md : composer.json `scripts` run by name (`composer
// run-script x`, `composer run x`, or `composer x`), and the event scripts install, update and
// dump-autoload fire unless `--no-scripts`. An entry is a command line, a list of them, `@name` (another
// script), `@php …`/`@composer …` (that binary), `@putenv X=y`, or a PHP callback (`Class::method`).
import { jsonAt, jsonString, parseJsonOf, type JsonNode } from '../../util/json.js'
import { joinPath } from '../../util/paths.js'
import type { ShellWord } from '../parse.js'
import { flagAndInline } from './args.js'
import type { Invocation, PackageRunner, RunnerContext } from './types.js'

// https://getcomposer.org/doc/03-cli.md : options that take a value, global and of the commands that run scripts
const VALUED = new Set(['-d', '--working-dir', '--ignore-platform-req', '--apcu-autoloader-prefix', '--timeout', '--profile'])
const AUTOLOAD_EVENTS = ['pre-autoload-dump', 'post-autoload-dump']
const EVENTS: Record<string, string[]> = {
  install: ['pre-install-cmd', ...AUTOLOAD_EVENTS, 'post-install-cmd'],
  i: ['pre-install-cmd', ...AUTOLOAD_EVENTS, 'post-install-cmd'],
  update: ['pre-update-cmd', ...AUTOLOAD_EVENTS, 'post-update-cmd'],
  u: ['pre-update-cmd', ...AUTOLOAD_EVENTS, 'post-update-cmd'],
  upgrade: ['pre-update-cmd', ...AUTOLOAD_EVENTS, 'post-update-cmd'],
  'dump-autoload': AUTOLOAD_EVENTS,
  dumpautoload: AUTOLOAD_EVENTS,
}
/** Composer's own commands: a script cannot take their names */
const BUILT_IN = new Set(['about', 'archive', 'audit', 'browse', 'bump', 'check-platform-reqs', 'clear-cache', 'config', 'create-project', 'depends', 'diagnose', 'exec', 'fund', 'global', 'help', 'init', 'licenses', 'list', 'outdated', 'prohibits', 'reinstall', 'remove', 'require', 'search', 'self-update', 'show', 'status', 'suggests', 'validate', 'why', 'why-not'])
const CALLBACK = /^[A-Za-z_\\][\w\\]*::\w+$/

function resolve(words: ShellWord[], ctx: RunnerContext): Invocation[] | undefined {
  let dir = ctx.cwd
  const options = new Set<string>()
  const positionals: ShellWord[] = []
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    const [flag, inline] = flagAndInline(word.value)
    if (positionals.length > 0 && !word.value.startsWith('-')) {
      positionals.push(word)
      continue
    }
    if (VALUED.has(flag!)) {
      const value = inline ?? words[++i]?.value
      if ((flag === '-d' || flag === '--working-dir') && value !== undefined) dir = joinPath(ctx.cwd, value) ?? dir
      continue
    }
    if (word.value.startsWith('-')) options.add(flag!)
    else positionals.push(word)
  }
  const [sub, target] = positionals
  if (!sub) return undefined
  const composer = readComposer(ctx, dir)
  const events = EVENTS[sub.value]
  if (events) {
    if (options.has('--no-scripts') || !composer) return []
    const fired = options.has('--no-autoloader') ? events.filter((e) => !AUTOLOAD_EVENTS.includes(e)) : events
    return fired.flatMap((event) => scriptInvocations(composer, event, dir, new Set()))
  }
  if (sub.value === 'exec') return target ? [{ kind: 'exec', words: [{ ...target, value: `vendor/bin/${target.value}` }, ...positionals.slice(2)], cwd: dir }] : []
  const name = sub.value === 'run-script' || sub.value === 'run' ? target : BUILT_IN.has(sub.value) ? undefined : sub
  if (!name) return sub.value === 'run-script' || sub.value === 'run' || BUILT_IN.has(sub.value) ? [] : undefined
  if (name.dynamic) return [{ kind: 'unresolved', reason: `composer script \`${name.value}\` is only known at run time` }]
  if (!composer) return [{ kind: 'unresolved', reason: `no composer.json for \`composer ${sub.value}\` in ${dir}` }]
  if (!jsonAt(composer.scripts, [name.value])) {
    // `composer x` with no script x is one of Composer's commands this reader does not list
    return sub === name ? [] : [{ kind: 'unresolved', reason: `${composer.file} has no script \`${name.value}\`` }]
  }
  return scriptInvocations(composer, name.value, dir, new Set())
}

interface Composer {
  file: string
  scripts: JsonNode | undefined
  lines: NonNullable<ReturnType<RunnerContext['project']['cache']['get']>>
}

function readComposer(ctx: RunnerContext, dir: string): Composer | undefined {
  const file = joinPath(dir, 'composer.json')
  const lines = file === undefined ? undefined : ctx.project.cache.get(file)
  if (!lines || file === undefined) return undefined
  return { file, lines, scripts: jsonAt(parseJsonOf(lines).root, ['scripts']) }
}

/** the command lines a script (or event) runs, `@name` references expanded in place */
function scriptInvocations(composer: Composer, name: string, dir: string, seen: Set<string>): Invocation[] {
  const node = jsonAt(composer.scripts, [name])
  if (!node || seen.has(name)) return []
  seen.add(name)
  const entries = node.type === 'array' ? (node.children ?? []) : [node]
  const out: Invocation[] = []
  for (const entry of entries) {
    const raw = jsonString(entry)
    if (raw === undefined) continue
    const text = raw.trim()
    const reference = /^@([\w:.-]+)$/.exec(text)?.[1]
    if (reference !== undefined && !['php', 'composer', 'putenv'].includes(reference)) {
      out.push(...scriptInvocations(composer, reference, dir, seen))
      continue
    }
    if (text.startsWith('@putenv ')) continue
    // a PHP method Composer calls in its own process: its code is in a class, not in a command line
    if (CALLBACK.test(text)) continue
    // `@php artisan …` runs `php artisan …`: the word starts past the `@`, so its columns stay exact
    const binary = /^@(php|composer)\b/.test(text) ? 1 : 0
    const start = entry.offset + 1 + (raw.length - raw.trimStart().length) + binary
    const span = composer.lines.span(start, start + text.length - binary)
    out.push({ kind: 'command-string', word: { value: text.slice(binary), span, dynamic: false }, cwd: dir, label: `${composer.file} script \`${name}\`` })
  }
  return out
}

const composer: PackageRunner = { id: 'composer', commands: ['composer'], resolve }
export default composer
