// https://laravel.com/docs/envoy
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { classifyEnvironmentName } from '../production/evidence.js'
import { dirnameOf } from '../util/paths.js'
import { hostVerdict } from './host-names.js'
import type { SourceReader } from './types.js'

interface Server {
  name: string
  hosts: string[]
}

/**
 * Laravel Envoy: each `@task('name', ['on' => 'web']) … @endtask` body is Bash that `envoy run`
 * runs over SSH on the servers `@servers` names. Envoy has no stage: the servers (their names and
 * hosts) say where a task runs; a `deploy` story against the only server there is deploys the app.
 */
const envoy: SourceReader = {
  id: 'envoy',
  title: 'Laravel Envoy',
  docs: 'https://laravel.com/docs/envoy',
  files: ['**/Envoy.blade.php'],
  read(file, project, config) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    // Blade comments (`{{-- @servers([…]) --}}`) are not read: blanked, so offsets stay
    const text = lines.text.replace(/\{\{--[\s\S]*?--\}\}/g, (m) => m.replace(/[^\n]/g, ' '))
    const servers = readServers(text)
    const stories = readStories(text)
    const contexts: ExecutionContext[] = []
    for (const task of text.matchAll(/@task\s*\(\s*(['"])([^'"]+)\1\s*(?:,\s*\[((?:[^[\]]|\[[^\]]*\])*)\])?\s*\)/g)) {
      const name = task[2]!
      const bodyStart = task.index + task[0].length
      const end = text.indexOf('@endtask', bodyStart)
      if (end < 0) continue
      const on = onServers(task[3] ?? '', servers)
      const nameSpan = lines.span(task.index + task[0].indexOf(name), task.index + task[0].indexOf(name) + name.length)
      const reasons = serverReasons(on, servers, stories.get(name) ?? [], config, nameSpan)
      const where = on.map((s) => s.name).join('`, `')
      const [always, conditional] = bodyParts(text, bodyStart, end)
      const add = (body: string, suffix: string, why: ProductionReason[]) => {
        if (!body.trim()) return
        const source: ShellSource = { text: body, offsets: (i) => bodyStart + Math.min(i, body.length), file, shell: 'bash' }
        contexts.push({
          id: `${file}#${name}${suffix}`,
          label: `Envoy task \`${name}\` on \`${where || '?'}\` (${file})${suffix}`,
          span: nameSpan,
          reasons: why,
          steps: [{ label: `runs on \`${where || '?'}\` over SSH`, span: nameSpan, source, cwd: dirnameOf(file), env: {}, reasons: [] }],
        })
      }
      add(always, '', reasons)
      // `@if ($branch)` tests a variable given on the command line (`envoy run deploy --branch=…`): either branch may run, so uncertain
      const staging = reasons.filter((r) => !r.towards)
      add(conditional, ' inside `@if`', staging.length > 0 ? staging : [{ kind: 'platform-phase', towards: true, weak: true, detail: 'inside an `@if` that the `envoy run` command line decides', span: nameSpan }])
    }
    return { contexts, problems: [] }
  },
}
export default envoy

/** `@servers(['web' => 'deploy@prod.example.com', 'workers' => ['10.0.0.2', '10.0.0.3']])` */
function readServers(text: string): Server[] {
  const block = /@servers\s*\(\s*\[([\s\S]*?)\]\s*\)/.exec(text)?.[1] ?? ''
  return [...block.matchAll(/(['"])([^'"]+)\1\s*=>\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g)].map((m) => ({ name: m[2]!, hosts: [...m[3]!.matchAll(/['"]([^'"]+)['"]/g)].map((h) => h[1]!) }))
}

/** `@story('deploy') … @endstory`: each line names a task; task name → the stories listing it */
function readStories(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const m of text.matchAll(/@story\s*\(\s*(['"])([^'"]+)\1[^)]*\)([\s\S]*?)@endstory/g)) {
    for (const task of m[3]!.split('\n').map((l) => l.trim()).filter(Boolean)) out.set(task, [...(out.get(task) ?? []), m[2]!])
  }
  return out
}

/** `'on' => 'web'` or `'on' => ['web', 'db']`; without it Envoy runs the task on the first server */
function onServers(options: string, servers: Server[]): Server[] {
  const on = /(['"])on\1\s*=>\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/.exec(options)?.[2]
  if (!on) return servers.slice(0, 1)
  const names = [...on.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]!)
  return names.map((n) => servers.find((s) => s.name === n) ?? { name: n, hosts: [] })
}

function serverReasons(on: Server[], all: Server[], stories: string[], config: SeedguardConfig, span: ProductionReason['span']): ProductionReason[] {
  const verdicts = on.flatMap((s) => [classifyEnvironmentName(s.name, config), ...s.hosts.map((h) => hostVerdict(h, config))])
  const named = on.map((s) => `\`${s.name}\` (${s.hosts.join(', ')})`).join(', ')
  if (on.length > 0 && verdicts.includes('not-production') && !verdicts.includes('production')) return [{ kind: 'environment', towards: false, detail: `Envoy server ${named} is not production`, span }]
  const phase: ProductionReason = { kind: 'platform-phase', towards: true, detail: `\`envoy run\` runs the task on server ${named}`, span }
  if (verdicts.includes('production')) return [phase, { kind: 'environment', towards: true, detail: `Envoy server ${named}`, span }]
  if (stories.includes('deploy') && all.length === 1) return [phase, { kind: 'environment', towards: true, detail: `the \`deploy\` story runs it on the only server, ${named}`, span }]
  return [{ ...phase, detail: `${phase.detail}; its name does not say which environment it is`, weak: true }]
}

/**
 * The body as shell text, the same length as the file's slice so offsets map one to one: Blade
 * echoes (`{{ $release }}`) become a word of `x`, directive lines blank. Lines between `@if` and
 * `@endif` go in the second part, the rest in the first.
 */
function bodyParts(text: string, start: number, end: number): [string, string] {
  const body = text.slice(start, end).replace(/\{\{[\s\S]*?\}\}|\{!![\s\S]*?!!\}/g, (m) => m.replace(/[^\n]/g, 'x'))
  let depth = 0
  let always = ''
  let conditional = ''
  for (const line of body.split(/(?<=\n)/)) {
    const directive = /^\s*@(if|unless|isset|empty|foreach|for|while|else|elseif|endif|endunless|endisset|endempty|endforeach|endfor|endwhile)\b/.exec(line)?.[1]
    const blank = line.replace(/[^\n]/g, ' ')
    if (directive && ['if', 'unless', 'isset', 'empty'].includes(directive)) depth++
    if (directive && directive.startsWith('end') && ['endif', 'endunless', 'endisset', 'endempty'].includes(directive)) depth = Math.max(0, depth - 1)
    if (directive) {
      always += blank
      conditional += blank
    } else if (depth > 0) {
      always += blank
      conditional += line
    } else {
      always += line
      conditional += blank
    }
  }
  return [always, conditional]
}
