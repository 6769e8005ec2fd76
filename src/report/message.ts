import type { Finding, RuleId, Severity } from '../model/finding.js'
import type { ProductionVerdict } from '../model/production.js'
import type { CheckFailure } from '../model/result.js'
import { formatSpan } from '../model/span.js'

// The one place where findings become prose (STYLE.md §2, after publint src/shared/message.js):
// every reporter calls these, so text, JSON, SARIF and annotations say the same thing.

export interface RuleHelp {
  /** a short noun phrase: SARIF shortDescription, annotation title */
  title: string
  /** one plain-text paragraph: SARIF fullDescription */
  summary: string
  /** markdown: what it means and what to do */
  help: string
  helpUri: string
  /** the severity the rule usually reports at: SARIF defaultConfiguration.level */
  severity: Severity
}

type RuleText = Omit<RuleHelp, 'helpUri'>

const rules: Record<RuleId, RuleText> = {
  'seed-in-production': {
    title: 'Seed command on a production path',
    summary: 'A database seed command runs in a context that deploys to or migrates a production database.',
    help: 'A seed command (for example `prisma db seed`) is reachable from a production deploy path, so demo rows or test users can land in the production database.\n\nMove the seed into a development-only script or job, or guard it so it cannot run against production. If it is intended, suppress the finding with a reason.',
    severity: 'error',
  },
  'seed-possibly-in-production': {
    title: 'Seed command on a path that may be production',
    summary: 'A database seed command runs in a context whose production status could not be decided.',
    help: 'A seed command is reachable from a deploy path, but the evidence about whether that path targets production is mixed or weak. The finding lists the reasons for and against.\n\nMake the target explicit (a GitHub environment, a non-production database URL, a branch filter) or move the seed out of the deploy path.',
    severity: 'warning',
  },
  'reset-in-production': {
    title: 'Reset command on a production path',
    summary: 'A command that drops or wipes database data runs in a context that deploys to or migrates a production database.',
    help: 'A reset command (for example `prisma migrate reset --force`, `php artisan migrate:fresh --force`, `rails db:drop`) is reachable from a production deploy path, so real rows in the production database are deleted. Where the same command seeds afterwards (`migrate:fresh --seed`), the finding names both effects.\n\nTake the reset off the deploy path (a development-only script or job, a one-off task run by hand), or guard it so it cannot run against production. If it is intended (a demo database rebuilt on every deploy), suppress the finding with a reason.',
    severity: 'error',
  },
  'reset-possibly-in-production': {
    title: 'Reset command on a path that may be production',
    summary: 'A command that drops or wipes database data runs in a context whose production status could not be decided, or that the tool may refuse to run there.',
    help: 'A reset command is reachable from a deploy path, but the evidence about whether that path targets production is mixed or weak, or the tool itself refuses the reset unless told otherwise (Rails refuses on a database it recorded as production unless `DISABLE_DATABASE_ENVIRONMENT_CHECK=1`). The finding lists the reasons for and against.\n\nMake the target explicit (a GitHub environment, a non-production database URL, a branch filter) or move the reset out of the deploy path.',
    severity: 'warning',
  },
  'unresolved-on-production-path': {
    title: 'Command on a production path could not be followed',
    summary: 'A command on a production path could not be resolved, so a seed command behind it would go unnoticed.',
    help: 'seedguard follows package scripts, runners and shell scripts down to the commands they run. This command could not be followed (a computed script name, a missing file), so it is unknown whether it seeds.\n\nMake the command static, or suppress the finding with a reason.',
    severity: 'warning',
  },
  'parse-error': {
    title: 'File could not be parsed',
    summary: 'A deploy or script file could not be parsed, so the commands in it were not checked.',
    help: 'The file is not valid for its format (YAML, JSON, TOML, shell). seedguard skipped it; fix the syntax so it can be checked.',
    severity: 'warning',
  },
  'script-cycle': {
    title: 'Package scripts call each other in a cycle',
    summary: 'Package scripts run each other in a loop, which never finishes and was not followed further.',
    help: 'A package script runs itself, directly or through other scripts. Running it would loop forever; break the cycle.',
    severity: 'warning',
  },
  'suppression-without-reason': {
    title: 'Suppression without a reason',
    summary: 'A seedguard suppression gives no reason.',
    help: 'Every suppression has to say why the seed command is safe where it runs, so that reviewers can judge it later. Add the reason to the suppression.',
    severity: 'warning',
  },
  'invalid-suppression': {
    title: 'Suppression not understood',
    summary: 'A seedguard-ignore comment names no rule, or a rule seedguard does not have, so it suppresses nothing.',
    help: 'A `seedguard-ignore` comment names the rules it silences in brackets and gives the reason after a colon: `# seedguard-ignore[seed-in-production]: the demo database is reset on every deploy`. A mistyped rule id or a bare `seedguard-ignore` silences nothing, so the finding it was written for is still reported.\n\nCorrect the comment as the message says (it names the closest rule id), or remove it.',
    severity: 'warning',
  },
  'unused-suppression': {
    title: 'Suppression that suppresses nothing',
    summary: 'A seedguard-ignore comment stands where no finding it names is reported.',
    help: 'A `seedguard-ignore` comment covers the findings on its own line and on the line below it (for a `run: |` block, also the `run:` line). This one covers none: the finding it was written for is gone, or is reported on another line.\n\nRemove it, or move it onto the finding\'s line. Left in place, it would silently hide a seed command someone writes below it later.',
    severity: 'warning',
  },
  'config-error': {
    title: 'Invalid seedguard configuration',
    summary: 'The seedguard configuration could not be read or is invalid.',
    help: 'Fix the configuration file; the check ran with the settings that could be read, or not at all.',
    severity: 'error',
  },
  'ci-not-analysed': {
    title: 'CI or deploy configuration not analysed',
    summary: 'The repository has configuration for a CI or deploy system that seedguard does not read, so seed commands run from it are not checked.',
    help: 'seedguard reads GitHub Actions, GitLab CI, Bitbucket Pipelines, CircleCI, Azure Pipelines, Travis CI, Buildkite, Drone and Jenkins pipelines, package scripts, hosting platform files and the scripts they run. This file belongs to another system (Woodpecker, AWS CodeBuild, Google Cloud Build, …); a seed command in one of its production jobs or deploy hooks would go unnoticed.\n\nThis note fails no run. Check the file\'s deploy jobs by hand, or add it to `ignore` once you have.',
    severity: 'note',
  },
}

export const ruleIds = Object.keys(rules) as RuleId[]

export function ruleHelp(rule: RuleId): RuleHelp {
  return { ...rules[rule], helpUri: `https://github.com/seedguard/seedguard#rule-${rule}` }
}

export function renderMessage(finding: Finding): string {
  const detail = finding.detail ? `: ${finding.detail}` : ''
  switch (finding.rule) {
    case 'seed-in-production':
      return `${renderSeed(finding)} seeds the database${mayWipe(finding)} on a production path${outline(finding)}`
    case 'seed-possibly-in-production': {
      // on a path that is production, what is unsure is whether the command seeds (its tool's note says why)
      const doubt = finding.production?.verdict === 'production' && finding.detail ? `unsure it seeds: ${finding.detail}` : 'unsure it is production'
      const why = finding.production ? `; ${doubt} (${renderReasons(finding.production)})` : ''
      return `${renderSeed(finding)} may seed the database${mayWipe(finding)} on a production path${outline(finding)}${why}`
    }
    case 'reset-in-production':
      return `${renderSeed(finding)} ${resetEffects(finding, true)} on a production path${outline(finding)}${finding.detail ? ` (${finding.detail})` : ''}`
    case 'reset-possibly-in-production': {
      const doubt = finding.production?.verdict === 'production' && finding.detail ? `unsure it wipes: ${finding.detail}` : 'unsure it is production'
      const why = finding.production ? `; ${doubt} (${renderReasons(finding.production)})` : ''
      return `${renderSeed(finding)} ${resetEffects(finding, false)} on a production path${outline(finding)}${why}`
    }
    case 'unresolved-on-production-path':
      return `a command on a production path could not be followed${detail}; a seed command behind it would go unnoticed`
    case 'parse-error':
      return `could not parse this file${detail}; its commands were not checked`
    case 'script-cycle':
      return `package scripts run each other in a cycle: ${finding.chain.length > 0 ? renderChain(finding) : finding.detail ?? ''}`
    case 'suppression-without-reason':
      return `this suppression gives no reason${detail}; say why the seed command is safe here`
    case 'invalid-suppression':
      return `this seedguard-ignore comment is not understood${detail}`
    case 'unused-suppression':
      return `this seedguard-ignore comment suppresses nothing${detail}; remove it, or it would hide a seed command written below it later`
    case 'config-error':
      return `invalid seedguard configuration${detail}`
    case 'ci-not-analysed':
      return `${finding.detail ?? 'this CI system'} is not analysed: seedguard does not read its configuration; seeds run from this file are not checked`
  }
}

const failureTitles: Record<CheckFailure['code'], string> = {
  'config-error': rules['config-error'].title,
  'no-files': 'Nothing to check',
  'unreadable-directory': 'Directory could not be read',
  'internal-error': 'seedguard failed',
}

/** The annotation title and SARIF notification id of a check that could not run. */
export function failureTitle(failure: CheckFailure): string {
  return `${failureTitles[failure.code]} [${failure.code}]`
}

/** Why nothing was judged, and the likely way out; without its place. */
export function renderFailureMessage(failure: CheckFailure): string {
  switch (failure.code) {
    case 'config-error':
      return failure.detail ?? 'invalid seedguard configuration'
    case 'no-files':
      // an action step without actions/checkout before it sees an empty workspace (issue 11)
      return `no files in ${failure.path}, so nothing was checked: did the workflow run actions/checkout before seedguard? Is the path the repository?`
    case 'unreadable-directory':
      return `cannot read ${failure.path} (${failure.detail ?? 'unknown reason'}), so nothing was checked`
    case 'internal-error':
      return `internal error: ${failure.detail ?? 'unknown error'}; nothing was checked`
  }
}

/** `file:line:col: message`, the one line every front end prints for a check that could not run. */
export function renderFailure(failure: CheckFailure): string {
  return `${failure.span ? `${formatSpan(failure.span)}: ` : ''}${renderFailureMessage(failure)}`
}

/** entry → … → seed: every hop label in order. */
export function renderChain(finding: Finding): string {
  return finding.chain.map((hop) => hop.label).join(' → ')
}

/** The evidence behind a production verdict, split into what points towards and away from it. */
export function renderReasons(verdict: ProductionVerdict): string {
  // the same evidence found at several places (fifteen `ssh host …` lines of one job) is said once; its places stay in the reasons
  const towards = [...new Set(verdict.reasons.filter((r) => r.towards).map((r) => r.detail))]
  const against = [...new Set(verdict.reasons.filter((r) => !r.towards).map((r) => r.detail))]
  const parts: string[] = []
  // details may hold commas of their own ("runs only for push, pull_request"), hence '; ' and ' — '
  if (towards.length > 0) parts.push(`for: ${towards.join('; ')}`)
  if (against.length > 0) parts.push(`against: ${against.join('; ')}`)
  return parts.length > 0 ? parts.join(' — ') : 'no evidence either way'
}

/** Unsuppressed first, then errors before warnings before notes, then by place. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    Number(a.suppressed !== undefined) - Number(b.suppressed !== undefined) ||
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.primary.file < b.primary.file ? -1 : a.primary.file > b.primary.file ? 1 : 0) ||
    a.primary.start.line - b.primary.start.line ||
    a.primary.start.column - b.primary.start.column
  )
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, note: 2 }

/** a seed that may wipe first (Rails' `db:seed:replant`, refused on a database recorded as production) says so */
function mayWipe(finding: Finding): string {
  return finding.seed?.effects.includes('wipe') === true ? ', and may wipe it first,' : ''
}

/** a reset that seeds afterwards names both: `wipes and re-seeds the database` */
function resetEffects(finding: Finding, certain: boolean): string {
  const seeds = finding.seed?.effects.includes('seed') === true
  return certain ? `wipes${seeds ? ' and re-seeds' : ''} the database` : `may wipe${seeds ? ' and re-seed' : ''} the database`
}

function renderSeed(finding: Finding): string {
  return finding.seed ? `\`${finding.seed.command}\` (${finding.seed.tool})` : 'a seed command'
}

// The whole chain goes into the sentence: "why is this production, and how does it get there"
// is the finding, and an annotation or a SARIF message may be all a reader sees.
function outline(finding: Finding): string {
  return (finding.chain.length > 0 ? `: ${renderChain(finding)}` : '') + runtimeGuarded(finding)
}

/** a seed behind seedguard's runtime check: what the deploy step does where the database is protected */
function runtimeGuarded(finding: Finding): string {
  const by = finding.seed?.guardedBy
  return by ? `; it runs through \`${by}\`, so the deploy step will be refused where the database is marked production (seedguard protect), and will run against any other` : ''
}
