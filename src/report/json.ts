import type { Effect, Finding, Severity } from '../model/finding.js'
import type { ProductionReason } from '../model/production.js'
import type { CheckFailure } from '../model/result.js'
import type { Span } from '../model/span.js'
import { compareFindings, renderFailureMessage, renderMessage } from './message.js'
import type { Reporter } from './types.js'

/** Version of the JSON shape below; bumped on any change that can break a consumer. */
const VERSION = 1

export interface JsonFinding {
  ruleId: string
  /** `note` for suppressed findings, so that a consumer failing on `error` ignores them */
  severity: Severity
  /** the severity before suppression; only on suppressed findings */
  originalSeverity?: Severity
  message: string
  file: string
  line: number
  column: number
  endLine: number
  endColumn: number
  chain: { file: string; line: number; column: number; label: string }[]
  /** what the command does to the data: `seed`, `wipe` (a reset), or both */
  /** `guardedBy`: seedguard's runtime check it runs through (`seedguard guard`, `assertSafeToSeed()`) */
  seed?: { tool: string; command: string; effects: Effect[]; guardedBy?: string }
  production?: { verdict: string; confidence: string; reasons: JsonReason[] }
  confidence: string
  fix?: string
  suppressed?: { reason: string; file: string; line: number }
}

interface JsonReason {
  kind: string
  towards: boolean
  detail: string
  file?: string
  line?: number
}

/** Why nothing was judged; `findings` is then empty, which must not read as clean. */
export interface JsonError {
  code: CheckFailure['code']
  message: string
  file?: string
  line?: number
  column?: number
  endLine?: number
  endColumn?: number
}

export const renderJson: Reporter = (result) => {
  const findings = [...result.findings].sort(compareFindings).map(toJson)
  const error = result.failure && toError(result.failure)
  return JSON.stringify({ version: VERSION, ...(error && { error }), findings, stats: result.stats }, null, 2) + '\n'
}

function toError(failure: CheckFailure): JsonError {
  return { code: failure.code, message: renderFailureMessage(failure), ...(failure.span && range(failure.span)) }
}

function toJson(f: Finding): JsonFinding {
  return {
    ruleId: f.rule,
    severity: f.suppressed ? 'note' : f.severity,
    ...(f.suppressed && { originalSeverity: f.severity }),
    message: renderMessage(f),
    ...range(f.primary),
    chain: f.chain.map((hop) => ({ file: hop.span.file, line: hop.span.start.line, column: hop.span.start.column, label: hop.label })),
    ...(f.seed && { seed: { tool: f.seed.tool, command: f.seed.command, effects: f.seed.effects, ...(f.seed.guardedBy && { guardedBy: f.seed.guardedBy }) } }),
    ...(f.production && {
      production: { verdict: f.production.verdict, confidence: f.production.confidence, reasons: f.production.reasons.map(toReason) },
    }),
    confidence: f.confidence,
    ...(f.fix !== undefined && { fix: f.fix }),
    ...(f.suppressed && { suppressed: { reason: f.suppressed.reason, file: f.suppressed.span.file, line: f.suppressed.span.start.line } }),
  }
}

function range(span: Span): Pick<JsonFinding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { file: span.file, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column }
}

function toReason(r: ProductionReason): JsonReason {
  const out: JsonReason = { kind: r.kind, towards: r.towards, detail: r.detail }
  if (r.span) {
    out.file = r.span.file
    out.line = r.span.start.line
  }
  return out
}
