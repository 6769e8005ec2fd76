import picomatch from 'picomatch'
import type { SeedguardConfig } from '../config/types.js'
import { matchDeployAction } from '../deploys/index.js'
import type { ContextStep, ExecutionContext } from '../model/context.js'
import type { Guard } from '../model/guard.js'
import type { Effect, Finding, Hop, RuleId } from '../model/finding.js'
import type { Confidence, ProductionReason, ProductionVerdict } from '../model/production.js'
import { fileStartSpan, type Span } from '../model/span.js'
import type { CheckResult } from '../model/result.js'
import { checkoutEnvironment, type RuntimeEnvironment } from '../model/runtime.js'
import { cannotBeRead, FileCache, type RepoFiles } from '../project/files.js'
import { Project, type ProjectFacts } from '../project/project.js'
import { Deployments } from '../production/deployments.js'
import { sources } from '../sources/index.js'
import type { Problem, SourceReader } from '../sources/types.js'
import { applySuppressions } from './suppress.js'
import { acrossBranches, evaluateGuards, type GuardOutcome } from '../production/guards.js'
import { databaseReasons, envVarReasons } from '../production/evidence.js'
import { decideProduction } from '../production/decision.js'
import { fixFor } from './fix.js'
import { emptyReach, Walker, type Reach, type SeedPath } from './walk.js'
import { isBenignAction } from './benign-actions.js'
import { globMatcher } from '../util/globs.js'
import { isWithin } from '../util/paths.js'

/** Reads the repository, builds every execution context, walks it, and returns the findings. */
export function runCheck(root: string, files: RepoFiles, config: SeedguardConfig, facts: ProjectFacts = {}): CheckResult {
  const started = performance.now()
  const cache = new FileCache(files)
  const project = new Project(cache, facts)
  const deployments = new Deployments(project, config, sources)
  const ignored = config.ignore.length > 0 ? picomatch(config.ignore, { dot: true }) : () => false
  const walker = new Walker(project, config)
  const findings: Finding[] = []
  const contexts: ExecutionContext[] = []
  let productionContexts = 0
  const readFile = (source: SourceReader, file: string): ExecutionContext[] => {
    const unreadable = source.candidates ? undefined : cache.unreadable(file)
    if (unreadable) {
      findings.push(problemFinding({ rule: 'parse-error', message: cannotBeRead(unreadable), span: fileStartSpan(file) }, 'error'))
      return []
    }
    const read = source.read(file, project, config, deployments)
    for (const p of read.problems) {
      // the platform refuses what does not parse: the deploy fails before anything in the file runs
      const refused = p.rule === 'parse-error' && source.rejectedBy !== undefined && p.severity === undefined
      const problem = refused ? { ...p, message: `${p.message}; ${source.rejectedBy} rejects the file too, so the deploy fails before anything in it runs` } : p
      findings.push(problemFinding(problem, refused ? 'warning' : (p.severity ?? (p.rule === 'parse-error' ? 'error' : 'warning'))))
    }
    return read.contexts
  }
  // the package scripts and shell files production contexts run
  const deployed = new Set<string>()
  // test, example and docs trees a deploy command named, and that command: why their contexts are read at all
  const namedBy = new Map<string, ProductionReason>()
  const judge = (read: ExecutionContext[]) => {
    contexts.push(...read)
    // an entry point only for what no production context runs is judged after the rest
    const ordered = [...read.filter((c) => !c.unlessRun), ...read.filter((c) => c.unlessRun)]
    for (const context of ordered) {
      if (context.unlessRun?.some((key) => deployed.has(key))) continue
      const reached = walker.track()
      const judged = judgeContext(context, walker, cache, config)
      if (judged.production) for (const key of reached) deployed.add(key)
      if (judged.production) productionContexts++
      const named = [...namedBy].find(([dir]) => isWithin(dir, context.span.file))?.[1]
      findings.push(...(named ? judged.findings.map((f) => withReason(f, named)) : judged.findings))
      for (const { dir, reason } of judged.deployDirs) {
        if (!project.trees.isDeployed(`${dir}/.`)) namedBy.set(dir, reason)
        project.trees.name(dir)
      }
    }
    for (const path of deployments.deployedPaths()) project.trees.name(path)
  }
  // files in test, fixture, example and docs trees wait until a deploy names their directory
  let waiting: { source: SourceReader; file: string }[] = []
  const read: ExecutionContext[] = []
  for (const source of sources) {
    const owns = globMatcher(source.files, source.accepts)
    for (const file of files.list()) {
      if (!owns(file) || ignored(file)) continue
      if (project.trees.isDeployed(file)) read.push(...readFile(source, file))
      else waiting.push({ source, file })
    }
  }
  judge(read)
  for (let named = waiting.filter((w) => project.trees.isDeployed(w.file)); named.length > 0; named = waiting.filter((w) => project.trees.isDeployed(w.file))) {
    waiting = waiting.filter((w) => !named.includes(w))
    judge(named.flatMap((w) => readFile(w.source, w.file)))
  }
  for (const dir of files.unlisted()) {
    if (!ignored(dir.path) && project.trees.isDeployed(`${dir.path}/.`)) findings.push(problemFinding({ rule: 'parse-error', message: `directory cannot be listed (${dir.why.message}): a deploy config in it would not be seen`, span: fileStartSpan(dir.path) }, 'error'))
  }
  for (const [file, problem] of project.problems) if (!ignored(file) && project.trees.isDeployed(file)) findings.push(problemFinding({ rule: 'parse-error', ...problem }, 'warning'))
  const kept = applySuppressions(dedupe(findings), cache, config)
  return {
    root,
    findings: kept.findings,
    stats: { files: files.list().length, contexts: contexts.length, productionContexts, suppressed: kept.suppressed, durationMs: Math.round(performance.now() - started) },
  }
}

interface WalkedStep {
  step: ContextStep
  hops: Hop[]
  reach: Reach
  env: Record<string, string>
}

/** `deployDirs`: where the context's deploy commands ran, which names what they deploy, and which command ran there */
function judgeContext(context: ExecutionContext, walker: Walker, cache: FileCache, config: SeedguardConfig): { findings: Finding[]; production: boolean; deployDirs: { dir: string; reason: ProductionReason }[] } {
  // evidence against production on the context itself (pull-request-only triggers, a staging
  // environment) outweighs anything its steps could show: there is nothing to walk
  const contextVerdict = decideProduction(context.reasons)
  if (contextVerdict.verdict === 'not-production' && contextVerdict.confidence === 'high') return { findings: [], production: false, deployDirs: [] }
  const walked: WalkedStep[] = []
  // `echo "DATABASE_URL=…" >> $GITHUB_ENV` and a copied `.env` reach every later step
  let carried: Record<string, string> = {}
  const visit = (step: ContextStep, hops: Hop[]) => {
    const here = [...hops, { span: step.span, label: step.label }]
    const env = { ...checkoutEnvironment(context.runtime), ...step.env, ...carried }
    const reach = step.source ? walker.walkSource(step.source, step.cwd, env, [], step.args, step.invokedAs === undefined ? undefined : { zero: step.invokedAs, bashSource: step.invokedAs }) : step.invoke ? walker.walkInvocationsAt(step.invoke, step.span, step.cwd, env) : emptyReach()
    carried = { ...carried, ...reach.exports }
    walked.push({ step, hops: here, reach, env })
    for (const nested of step.nested ?? []) visit(nested, here)
  }
  // the database a command talks to is read from the environment it really runs with
  const reasonsWith = (step: ContextStep, env: Record<string, string>, at: Span): ProductionReason[] => [
    ...step.reasons.filter((r) => r.kind !== 'database'),
    ...databaseReasons(env, context.services ?? [], config, at, context.ownDatabase ?? false),
  ]
  for (const step of context.steps) visit(step, [])
  // a job that deploys makes every step of it part of the deploy
  const jobReasons: ProductionReason[] = [...context.reasons]
  for (const { step, reach } of walked) {
    for (const d of reach.deploys) jobReasons.push({ kind: 'deploy-command', towards: d.match.target !== 'not-production', detail: d.match.detail, span: d.span })
    const action = step.action && matchDeployAction(step.action.uses, step.action.inputs)
    if (action) jobReasons.push({ kind: 'deploy-action', towards: action.match.target !== 'not-production', detail: action.match.detail, span: step.span })
  }
  const findings: Finding[] = []
  const deployDirs = walked.flatMap(({ reach }) =>
    reach.deploys
      .filter((d) => d.match.target !== 'not-production')
      .map((d) => ({ dir: d.cwd, reason: { kind: 'deploy-command' as const, towards: true, detail: `${d.match.detail} in ${context.label} deploys ${d.cwd}, so it is no sample tree`, span: d.span } })),
  )
  let production = false
  for (const { step, hops, reach, env } of walked) {
    const verdict = decideProduction([...jobReasons, ...reasonsWith(step, env, step.span)])
    if (verdict.verdict === 'production') production = true
    const chainFrom = (rest: Hop[]) => chainOf(context, [...hops, ...rest])
    // a certain seed is the better one to name on the other side of a test
    const branches = acrossBranches([...reach.seeds].sort((a, b) => Number(effectConfidence(a) === 'low') - Number(effectConfidence(b) === 'low')))
    for (const seed of reach.seeds) {
      // what the path sets below the step (`APP_ENV=testing php artisan …`, an `export RAILS_ENV=test`) names the environment that command runs as
      const setOnPath = Object.fromEntries(Object.entries(seed.env).filter(([name, value]) => step.env[name] !== value))
      const seedVerdict = decideProduction([...jobReasons, ...reasonsWith(step, seed.env, seed.primary), ...envVarReasons(setOnPath, config, seed.primary), ...(seed.reasons ?? [])])
      if (seedVerdict.verdict === 'not-production') continue
      const guard = judgeGuards(seed, branches.get(seed), seed.runtime ?? context.runtime)
      if (guard.outcome === 'never') continue
      const confidence = effectConfidence(seed)
      const certain = seedVerdict.verdict === 'production' && guard.outcome === 'always' && confidence !== 'low'
      const rule = ruleFor(seed, certain)
      const detail = describeEffects(seed)
      // seedguard's own check refuses it where the database is marked production: the deploy fails
      // there instead of losing data, which is still a mistake to wire, no longer a loss
      const guardedBy = guard.runtimeGuard?.text
      const refused: ProductionReason[] = guard.runtimeGuard ? [{ kind: 'condition', towards: false, detail: `runs through \`${guardedBy}\`, which refuses it where the database is marked production (seedguard protect)`, span: guard.runtimeGuard.span }] : []
      findings.push({
        rule,
        severity: certain && !guardedBy ? 'error' : 'warning',
        primary: seed.primary,
        chain: chainFrom(seed.hops),
        seed: { tool: seed.tool.id, command: seed.command, docs: seed.tool.docs, effects: effectsOf(seed), ...(guardedBy ? { guardedBy } : {}) },
        production: { ...seedVerdict, reasons: [...seedVerdict.reasons, ...guard.reasons, ...refused] },
        confidence: certain ? (seedVerdict.confidence === 'high' && confidence === 'high' ? 'high' : 'medium') : 'low',
        ...(detail ? { detail } : {}),
        fix: fixFor({ rule, command: commandAt(cache, seed.primary) ?? seed.command, primary: seed.primary, lineBefore: lineBefore(cache, seed.primary), environmentVariable: seed.tool.environmentVariable, apart: seed.wipe ? undefined : seed.match?.apart, env: seed.env, runtime: seed.runtime ?? context.runtime, meantForProduction: guard.meantForProduction, guardedBy, undecidedGuard: guard.outcome === 'unknown', change: (seed.match?.within ?? seed.wipe?.within)?.change }, config),
      })
    }
    if (verdict.verdict !== 'production') continue
    for (const u of reach.unresolved) {
      if (u.unreadable) findings.push(unreadableOnPath(u.unreadable, u.reason, chainFrom(u.hops), verdict))
      else findings.push(unresolvedFinding(u.span, u.reason, chainFrom(u.hops), verdict))
    }
    for (const p of reach.problems) findings.push(problemFinding({ rule: p.rule === 'script-cycle' ? 'unresolved-on-production-path' : 'parse-error', message: p.message, span: p.span }, p.rule === 'parse-error' ? 'error' : 'warning', p.rule))
    if (step.action && !isBenignAction(step.action.uses) && !matchDeployAction(step.action.uses, step.action.inputs)) {
      findings.push(unresolvedFinding(step.span, `action \`${step.action.uses}\` cannot be read; if it seeds, seedguard cannot see it`, chainFrom([]), verdict))
    }
  }
  return { findings, production, deployDirs }
}

function effectsOf(path: SeedPath): Effect[] {
  return [...(path.match ? ['seed' as const] : []), ...(path.wipe ? ['wipe' as const] : [])]
}

/** what the command wipes, then how it seeds; a condition both notes give (Laravel's confirmation) is said once */
function describeEffects(path: SeedPath): string {
  const seedNote = path.match?.note
  return [path.wipe?.note, seedNote !== undefined && path.wipe?.note.includes(seedNote) ? undefined : seedNote].filter((note) => note).join('; ')
}

/** the surer of the command's effects: a reset that surely wipes is certain whatever its seed step does */
function effectConfidence(path: SeedPath): Confidence {
  const ranked = [path.wipe?.confidence, path.match?.confidence]
  return ranked.includes('high') ? 'high' : ranked.includes('medium') ? 'medium' : 'low'
}

/**
 * A command that wipes is reported as a reset, naming the seed it runs after it too: the loss of
 * real rows is the worse effect. One that only might wipe (Rails refuses it on a production
 * database) but surely seeds is reported as the seed it is, its note saying what it may wipe.
 */
function ruleFor(path: SeedPath, certain: boolean): RuleId {
  const reset = path.wipe !== undefined && (path.wipe.confidence !== 'low' || path.match === undefined || path.match.confidence === 'low')
  if (reset) return certain ? 'reset-in-production' : 'reset-possibly-in-production'
  return certain ? 'seed-in-production' : 'seed-possibly-in-production'
}

/**
 * Whether a seed's conditions hold where it runs. A test this path cannot decide is decided all the
 * same where the other branch of it seeds too: whichever way it goes, a seed runs.
 */
function judgeGuards(seed: SeedPath, across: { guards: Guard[]; other: SeedPath } | undefined, runtime: RuntimeEnvironment | undefined): GuardOutcome {
  const own = evaluateGuards(seed.guards, seed.env, runtime)
  if (own.outcome !== 'unknown' || !across) return own
  const either = evaluateGuards(across.guards, seed.env, runtime)
  if (either.outcome !== 'always') return either.outcome === 'never' ? either : own
  const other = across.other.primary
  return { ...either, reasons: [...either.reasons, { kind: 'condition', towards: true, detail: `the other branch of its test seeds too (\`${across.other.command}\` at ${other.file}:${other.start.line}): whichever way the test goes, a seed runs`, span: other }] }
}

/**
 * The chain from the context's entry point: a step or command that is the whole context (a deploy
 * script, a hook file, the target `make deploy` runs) starts at the same place, and is said once.
 */
function chainOf(context: ExecutionContext, hops: Hop[]): Hop[] {
  const repeated = hops.findIndex((hop) => !sameSpan(hop.span, context.span))
  return [{ span: context.span, label: context.label }, ...hops.slice(repeated < 0 ? hops.length : repeated)]
}

function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.start.offset === b.start.offset && a.end.offset === b.end.offset
}

/** a reason shown with a finding's verdict that did not weigh in it: why the finding's tree is read at all */
function withReason(finding: Finding, reason: ProductionReason): Finding {
  return finding.production ? { ...finding, production: { ...finding.production, reasons: [...finding.production.reasons, reason] } } : finding
}

/** the command as written, when it sits on one line of a file */
function commandAt(cache: FileCache, span: Span): string | undefined {
  if (span.start.line !== span.end.line) return undefined
  return cache.get(span.file)?.text.slice(span.start.offset, span.end.offset)
}

function lineBefore(cache: FileCache, span: Span): string {
  const lines = cache.get(span.file)
  return lines ? lines.text.slice(lines.lineStart(span.start.line), span.start.offset) : ''
}

function unresolvedFinding(span: Finding['primary'], reason: string, chain: Hop[], production: ProductionVerdict): Finding {
  return { rule: 'unresolved-on-production-path', severity: 'warning', primary: span, chain: [...chain, { span, label: reason }], production, confidence: 'medium', detail: reason }
}

/** a file the path runs or reads that cannot be read: what it holds cannot be proven not to seed */
function unreadableOnPath(file: Span, reason: string, chain: Hop[], production: ProductionVerdict): Finding {
  return { rule: 'parse-error', severity: 'error', primary: file, chain: [...chain, { span: file, label: reason }], production, confidence: 'high', detail: reason }
}

function problemFinding(problem: Problem, severity: Finding['severity'], rule?: 'parse-error' | 'script-cycle'): Finding {
  return { rule: rule ?? problem.rule, severity, primary: problem.span, chain: [{ span: problem.span, label: problem.message }], confidence: 'high', detail: problem.message }
}

const severityRank = { error: 0, warning: 1, note: 2 } as const
const confidenceRank = { high: 0, medium: 1, low: 2 } as const

function certainRule(rule: RuleId): RuleId {
  return rule === 'seed-possibly-in-production' ? 'seed-in-production' : rule === 'reset-possibly-in-production' ? 'reset-in-production' : rule
}

/** One finding per rule and place: the same seed reached from several jobs is one thing to fix. */
function dedupe(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>()
  // a file that cannot be read, found by its own reader and by a path through it: keep the path's chain
  const chainFirst = (a: Finding, b: Finding) => (a.rule === 'parse-error' && b.rule === 'parse-error' ? b.chain.length - a.chain.length : 0)
  // of two contexts at one place, the one whose evidence agrees most (a guard its own environment
  // decides, against one whose value is nowhere set) says why it runs
  const against = (f: Finding) => f.production?.reasons.filter((r) => !r.towards).length ?? 0
  const sorted = [...findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || chainFirst(a, b) || confidenceRank[a.confidence] - confidenceRank[b.confidence] || against(a) - against(b))
  for (const f of sorted) {
    const key = `${certainRule(f.rule)}|${f.primary.file}|${f.primary.start.offset}|${f.primary.end.offset}`
    if (!byKey.has(key)) byKey.set(key, f)
  }
  return [...byKey.values()].sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.primary.file.localeCompare(b.primary.file) || a.primary.start.offset - b.primary.start.offset)
}
