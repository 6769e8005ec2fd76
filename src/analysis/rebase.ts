import { isAbsolute, relative, sep } from 'node:path'
import type { Finding } from '../model/finding.js'
import type { CheckResult } from '../model/result.js'
import type { Span } from '../model/span.js'

/**
 * The directory part that turns a path relative to the checked directory into one relative to the
 * base (the repository root, the workspace): '' for the base itself or a directory outside it,
 * else 'apps/web/'.
 */
export function prefixOf(base: string, root: string): string {
  const rel = relative(base, root)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return ''
  return `${rel.split(sep).join('/')}/`
}

/**
 * Annotations, check runs and code scanning place a file relative to the repository root, while
 * findings are relative to the checked directory (`check apps/web`): every span is moved under
 * the prefix and the result rooted at the base, so all reporters agree without knowing it.
 */
export function rebaseResult(result: CheckResult, base: string, prefix: string): CheckResult {
  if (prefix === '') return result
  const span = (s: Span): Span => ({ ...s, file: prefix + s.file })
  const finding = (f: Finding): Finding => ({
    ...f,
    primary: span(f.primary),
    chain: f.chain.map((hop) => ({ ...hop, span: span(hop.span) })),
    ...(f.production && { production: { ...f.production, reasons: f.production.reasons.map((r) => (r.span ? { ...r, span: span(r.span) } : r)) } }),
    ...(f.suppressed && { suppressed: { ...f.suppressed, span: span(f.suppressed.span) } }),
  })
  const failure = result.failure && { ...result.failure, ...(result.failure.span && { span: span(result.failure.span) }) }
  return { ...result, root: base, findings: result.findings.map(finding), ...(failure && { failure }) }
}

/** The reverse, for reading a line of a rebased file from the checked directory's cache. */
export function unprefix(file: string, prefix: string): string {
  return prefix !== '' && file.startsWith(prefix) ? file.slice(prefix.length) : file
}
