// How a start command's entry reaches the calls that seed or wipe, whatever the language: the
// modules it loads run their top level, and the functions of other modules that code calls run
// theirs. The readers (facts/start-effects.ts, facts/python-start.ts) say what each module does;
// the leaf recognisers (app-start.ts, python-start.ts) find the entry a command starts.
import type { Effect, Hop } from '../model/finding.js'
import type { CodeParameter, Guard } from '../model/guard.js'
import type { Confidence } from '../model/production.js'
import type { CallArguments, CodeEffects, StartEffect, StartModule } from './facts/start-code.js'
import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import type { SeedMatch, SeedTool, WipeMatch } from './types.js'

/** how far the modules an entry loads are followed: deeper than any real start, bounded for a crafted one */
const MAX_MODULES = 400
const MAX_CALL_DEPTH = 4

interface Found {
  effect: StartEffect
  hops: Hop[]
  guards: Guard[]
}

/** The module a start command runs, the hops to it, and what the start runs of it beyond loading it (a factory it calls, its `__main__` block). */
export interface Entry {
  path: string
  hops: Hop[]
  runs?: CodeEffects[]
}

/** a module to load on the way, with the hops and the conditions of the code that loads it */
interface Queued {
  path: string
  hops: Hop[]
  guards: Guard[]
}

/** What the modules an entry loads do when it starts, breadth first, each with the hops from the entry to it. */
function effectsOf(entry: Entry, modules: ReadonlyMap<string, StartModule>): Found[] {
  const found: Found[] = []
  const queue: Queued[] = [{ ...entry, guards: [] }]
  const seen = new Set([entry.path])
  const enqueue = (next: Queued) => {
    if (seen.has(next.path)) return
    seen.add(next.path)
    queue.push(next)
  }
  const walk = { modules, found, enqueue }
  for (const code of entry.runs ?? []) collect(code, entry.hops, [], walk, 0)
  for (let i = 0; i < queue.length && i < MAX_MODULES; i++) {
    const { path, hops, guards } = queue[i]!
    const module = modules.get(path)
    if (!module) continue
    collect(module.onLoad, hops, guards, walk, 0)
    for (const load of module.loads) enqueue({ path: load.path, hops: [...hops, { span: load.span, label: `${path} loads ${load.specifier}` }], guards })
  }
  return found
}

interface Walk {
  modules: ReadonlyMap<string, StartModule>
  found: Found[]
  enqueue: (next: Queued) => void
}

/** the effects of running code, of the exported functions of other modules it calls, and of the modules it imports as it runs */
function collect(code: CodeEffects, hops: Hop[], guards: Guard[], walk: Walk, depth: number): void {
  for (const effect of code.effects) walk.found.push({ effect, hops: [...hops, { span: effect.span, label: `${effect.span.file} \`${effect.code}\`` }], guards: [...guards, ...effect.guards] })
  for (const load of code.imports ?? []) walk.enqueue({ path: load.path, hops: [...hops, { span: load.span, label: `${load.span.file} starts ${load.specifier}` }], guards: [...guards, ...load.guards] })
  if (depth >= MAX_CALL_DEPTH) return
  for (const call of code.calls) {
    const exported = walk.modules.get(call.path)?.exported.get(call.name)
    const called = exported && call.arguments ? bindCall(exported, call.arguments) : exported
    if (called) collect(called, [...hops, { span: call.span, label: `${call.span.file} ${call.via ?? `calls ${call.name}`}` }], [...guards, ...call.guards], walk, depth + 1)
  }
}

/**
 * What a function does when called with these arguments: a test of one of its parameters' truth
 * (`if drop:`) is decided by the constant the call passes, or by a constant default where the call
 * passes none (https://docs.python.org/3/reference/compound_stmts.html#function-definitions): code
 * under a test that holds runs without it, code under one that fails never runs.
 */
function bindCall(code: CodeEffects, args: CallArguments): CodeEffects {
  const bind = (guards: Guard[]): Guard[] | undefined => {
    const kept: Guard[] = []
    for (const guard of guards) {
      const truth = guard.parameter && truthPassed(guard.parameter, args)
      if (truth === undefined) kept.push(guard)
      else if (truth !== guard.parameter!.truthy) return undefined
    }
    return kept
  }
  const effects = code.effects.flatMap((effect) => {
    const guards = bind(effect.guards)
    return guards ? [{ ...effect, guards }] : []
  })
  const calls = code.calls.flatMap((call) => {
    const guards = bind(call.guards)
    return guards ? [{ ...call, guards }] : []
  })
  const imports = code.imports?.flatMap((load) => {
    const guards = bind(load.guards)
    return guards ? [{ ...load, guards }] : []
  })
  return { effects, calls, ...(imports && { imports }) }
}

/** the truth of the value a call gives the parameter: by keyword, by place, or its default where it passes none */
function truthPassed(parameter: CodeParameter, args: CallArguments): boolean | undefined {
  if (parameter.name in args.keywords) return args.keywords[parameter.name]
  if (parameter.position !== undefined && parameter.position < args.positional.length) return args.positional[parameter.position]
  return parameter.fallback
}

const RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 }

/** the effect to report: an unconditional one before a guarded one, the surer before the less sure, the nearer the entry first */
function strongest(found: readonly Found[], effect: Effect): Found | undefined {
  const candidates = found.filter((f) => f.effect.effect === effect)
  return candidates.sort((a, b) => Number(a.guards.length > 0) - Number(b.guards.length > 0) || RANK[a.effect.confidence] - RANK[b.effect.confidence])[0]
}

/** the start does more than this call: the finding points at it, the last hop */
function matchOf(found: Found): SeedMatch & WipeMatch {
  return { confidence: found.effect.confidence, note: found.effect.note, within: { hops: found.hops, more: true, change: found.effect.change }, ...(found.guards.length > 0 && { guards: found.guards }) }
}

/**
 * A leaf recogniser's `match` and `wipes` for one language: `entryOf` finds the module a command
 * starts, `modulesOf` the modules read ahead; what the start reaches is read once per command.
 */
export function startCodeMatchers(entryOf: (cmd: LeafCommand, project: Project) => Entry | undefined, modulesOf: (project: Project) => ReadonlyMap<string, StartModule> | undefined): Required<Pick<SeedTool, 'match' | 'wipes'>> {
  const memo = new WeakMap<LeafCommand, Found[]>()
  const startEffects = (cmd: LeafCommand, project: Project): Found[] => {
    let found = memo.get(cmd)
    if (!found) {
      const modules = modulesOf(project)
      const entry = modules && modules.size > 0 ? entryOf(cmd, project) : undefined
      found = entry ? effectsOf(entry, modules!) : []
      memo.set(cmd, found)
    }
    return found
  }
  return {
    match: (cmd, project) => {
      const found = strongest(startEffects(cmd, project), 'seed')
      return found && matchOf(found)
    },
    wipes: (cmd, project) => {
      const found = strongest(startEffects(cmd, project), 'wipe')
      return found && matchOf(found)
    },
  }
}
