// Targets of a task runner file (a Makefile target, a Taskfile task, a justfile recipe) named for
// deploying or for production are entry points of their own: `make deploy-prod`, `task release`,
// `just ship` are typed by a person or run by a pipeline seedguard cannot see.
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import { classifyEnvironmentName } from '../production/evidence.js'
import { dirnameOf } from '../util/paths.js'

// a target named for shipping is run by hand or by a pipeline seedguard cannot see
const DEPLOY_WORDS = new Set(['deploy', 'release', 'ship', 'publish', 'rollout', 'promote'])
// `restore-prod-db`, `backup-prod`, `dump-prod-data`: production names where data comes from or goes
// to, in a task a person runs on purpose; not a deploy. Words deploys use too (`pull`, `sync`,
// `upload`: a git pull or an rsync to the server) are not among them
const DATA_TRANSFER_WORDS = new Set(['backup', 'restore', 'dump', 'copy', 'clone', 'mirror', 'import', 'export', 'download', 'snapshot'])

export interface NamedTarget {
  name: string
  /** offset of the name in `file` */
  at: number
  span: Span
}

/**
 * The context of one target, or undefined where its name is neither for production nor for
 * deploying, names another environment, or names a transfer of data (a backup, a restore). A name for production decides; one only for deploying
 * is uncertain, as who runs it with which settings is not in the files. `kind` names the target in
 * messages (`Makefile target`); `invocation`, the runner and its options a person types before the name.
 */
export function namedTargetContext(kind: string, file: string, target: NamedTarget, invocation: { runner: string; options: string }, config: SeedguardConfig): ExecutionContext | undefined {
  const words = target.name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)
  const verdicts = words.map((w) => classifyEnvironmentName(w, config))
  if (verdicts.includes('not-production') || words.some((w) => DATA_TRANSFER_WORDS.has(w))) return undefined
  const production = verdicts.includes('production')
  if (!production && !words.some((w) => DEPLOY_WORDS.has(w))) return undefined
  const { span } = target
  const reason: ProductionReason = production
    ? { kind: 'platform-phase', towards: true, detail: `${kind} \`${target.name}\` is named for production`, span }
    : { kind: 'platform-phase', towards: true, weak: true, detail: `${kind} \`${target.name}\` is named for deploying; which environment it deploys to is not in the files`, span }
  // the command as a person types it, every character placed on the target's name
  const text = `${invocation.runner} ${invocation.options} ${target.name}`
  const source: ShellSource = { text, offsets: (i) => target.at + Math.max(0, i - (text.length - target.name.length)), file, shell: 'sh' }
  return { id: `${file}#${target.name}`, label: `${kind} \`${target.name}\` in ${file}`, span, reasons: [reason], steps: [{ label: `${invocation.runner} ${target.name}`, span, source, cwd: dirnameOf(file), env: {}, reasons: [] }] }
}
