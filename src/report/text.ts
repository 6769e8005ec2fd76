import type { Finding, Hop, Severity } from '../model/finding.js'
import type { CheckResult } from '../model/result.js'
import { formatSpan } from '../model/span.js'
import { compareFindings, renderFailure, renderMessage } from './message.js'
import type { ReportOptions, Reporter } from './types.js'

/**
 * Whether to colour output, by the NO_COLOR (https://no-color.org) and FORCE_COLOR conventions:
 * NO_COLOR wins, FORCE_COLOR=0/false turns colour off, any other FORCE_COLOR turns it on.
 */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false
  const force = env.FORCE_COLOR
  // 'false' too, as supports-color (chalk) reads it
  if (force === '0' || force === 'false') return false
  if (force) return true
  return isTTY
}

type Paint = (code: string, text: string) => string

const severityColor: Record<Severity, string> = { error: '31', warning: '33', note: '36' }

export const renderText: Reporter = (result, options) => {
  if (result.failure) return `seedguard: ${renderFailure(result.failure)}\n`
  const paint: Paint = options.color ? (code, text) => `\x1b[${code}m${text}\x1b[0m` : (_, text) => text
  const blocks = [...result.findings].sort(compareFindings).map((f) => renderFinding(f, options, paint))
  return [...blocks, renderSummary(result)].join('\n\n') + '\n'
}

function renderFinding(f: Finding, options: ReportOptions, paint: Paint): string {
  const rule = `[${f.rule}]`
  if (f.suppressed) {
    // acknowledged already: the headline and the reason, no frames
    const by = `${f.suppressed.span.file}:${f.suppressed.span.start.line}`
    const headline = `${formatSpan(f.primary)}: suppressed ${f.severity}: ${renderMessage(f)} ${rule}`
    return [headline, `  suppressed at ${by}: ${f.suppressed.reason}`].map((line) => paint('2', line)).join('\n')
  }
  const lines = [`${paint('1', formatSpan(f.primary))}: ${paint(severityColor[f.severity], f.severity)}: ${renderMessage(f)} ${rule}`]
  const gutter = Math.max(...f.chain.map((hop) => String(hop.span.start.line).length), 1)
  for (const hop of f.chain) lines.push(...renderHop(hop, gutter, options, paint))
  if (f.fix) lines.push(`  fix: ${f.fix}`)
  return lines.join('\n')
}

/** `  = label at file:line:col`, then the source line and carets under the span, as rustc/zizmor frame it. */
function renderHop(hop: Hop, gutter: number, options: ReportOptions, paint: Paint): string[] {
  const { span } = hop
  const out = [`  = ${hop.label} ${paint('2', `at ${formatSpan(span)}`)}`]
  const source = options.readLine(span.file, span.start.line)
  if (source === undefined) return out
  const blank = ' '.repeat(gutter)
  out.push(paint('2', `    ${String(span.start.line).padStart(gutter)} | `) + source)
  if (span.end.line === span.start.line) {
    // keep tabs so the carets line up under a tab-indented source line
    const indent = source.slice(0, span.start.column - 1).replace(/[^\t]/g, ' ')
    const carets = '^'.repeat(Math.max(1, span.end.column - span.start.column))
    out.push(paint('2', `    ${blank} | `) + indent + paint('2', carets))
  }
  return out
}

function renderSummary(result: CheckResult): string {
  const { stats } = result
  const ms = Math.round(stats.durationMs)
  const open = result.findings.filter((f) => !f.suppressed)
  const suppressed = result.findings.length - open.length
  if (result.findings.length === 0) {
    return `no seed command reaches production (${count(stats.files, 'file')}, ${count(stats.productionContexts, 'production context')}, ${ms} ms)`
  }
  const bySeverity = (s: Severity) => open.filter((f) => f.severity === s).length
  const parts = [count(bySeverity('error'), 'error'), count(bySeverity('warning'), 'warning')]
  if (bySeverity('note') > 0) parts.push(count(bySeverity('note'), 'note'))
  if (suppressed > 0) parts.push(`${suppressed} suppressed`)
  return `${parts.join(', ')} (${count(stats.productionContexts, 'production context')} checked in ${ms} ms)`
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
