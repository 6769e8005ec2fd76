import type { Finding, Severity } from '../model/finding.js'
import type { CheckResult } from '../model/result.js'
import type { Span } from '../model/span.js'
import type { FailOn } from '../model/fail-on.js'
import { renderChain, renderFailure, renderMessage } from './message.js'
import { count, headline, type Tally } from './verdict.js'

export interface MarkdownOptions {
  failOn: FailOn
  /** the checked directory, workspace-relative ('.' for the root) */
  path: string
  /** a link to a line of the checked commit, when the run says which repository and commit */
  link?: (file: string, line: number) => string
  /** said when the table has to stop: where every finding can still be seen */
  seeAlso: string[]
  /** notes on features that could not run (a read-only token) */
  notes: string[]
  maxBytes: number
}

const icon: Record<Severity, string> = { error: '🛑', warning: '⚠️', note: 'ℹ️' }

/** The action's job summary, PR comment and check run body: a table, each chain in full, within `maxBytes`. */
export function renderMarkdown(result: CheckResult, t: Tally, options: MarkdownOptions): string {
  const where = options.path === '.' ? '' : ` in \`${cell(options.path)}\``
  if (result.failure) return `### 🛑 seedguard could not check${where}\n\n${cell(renderFailure(result.failure))}\n`
  const head: string[] = []
  if (t.open.length === 0) head.push(`### ✅ seedguard: no seed command reaches production${where}`)
  else head.push(`### ${t.failing.length > 0 ? '❌' : '⚠️'} seedguard: ${headline(t)}${where}`)
  const { stats } = result
  const outcome = t.failing.length > 0 ? `The step fails: ${count(t.failing.length, 'finding')} at or above fail-on \`${options.failOn}\`.` : t.open.length > 0 ? `The step passes: nothing at or above fail-on \`${options.failOn}\`.` : ''
  head.push('', `Checked ${count(stats.files, 'file')} and ${count(stats.productionContexts, 'production context')} in ${Math.round(stats.durationMs)} ms. ${outcome}`.trimEnd())
  for (const note of options.notes) head.push('', `> [!NOTE]\n> ${note.replace(/\n/g, '\n> ')}`)

  const rows = t.open.map((f) => findingRow(f, options))
  const suppressed = result.findings.filter((f) => f.suppressed).map((f) => suppressedRow(f, options))
  // the truncation line and the table headers fit in what this leaves
  let budget = options.maxBytes - bytes(head.join('\n')) - 1024
  const take = (all: string[]): string[] => {
    const kept: string[] = []
    for (const row of all) {
      const size = bytes(row) + 1
      if (size > budget) break
      budget -= size
      kept.push(row)
    }
    return kept
  }
  const keptRows = take(rows)
  const keptSuppressed = take(suppressed)
  const out = [...head]
  if (keptRows.length > 0) out.push('', '| | Rule | Where | Finding and chain |', '| --- | --- | --- | --- |', ...keptRows)
  if (keptSuppressed.length > 0) {
    out.push('', `<details><summary>${count(suppressed.length, 'suppressed finding')}</summary>`, '', '| Rule | Where | Suppressed because |', '| --- | --- | --- |', ...keptSuppressed, '', '</details>')
  }
  const dropped = rows.length - keptRows.length + suppressed.length - keptSuppressed.length
  if (dropped > 0) out.push('', `_${count(dropped, 'more finding')} did not fit here (GitHub limits the size). All of them are in ${options.seeAlso.join(', ')}._`)
  return out.join('\n') + '\n'
}

function findingRow(f: Finding, options: MarkdownOptions): string {
  // the chain as hops with their places: where the deploy starts, how it reaches the seed
  const chain = f.chain.map((hop, i) => `${i === 0 ? '' : '↳ '}${cell(hop.label)} (${place(hop.span, options)})`).join('<br>')
  const fix = f.fix ? `<br><br>**Fix:** ${cell(f.fix)}` : ''
  // the chain is listed below with its places, so the sentence need not spell it out as well
  const message = f.chain.length > 0 ? renderMessage(f).replace(`: ${renderChain(f)}`, '') : renderMessage(f)
  return `| ${icon[f.severity]} ${f.severity} | \`${f.rule}\` | ${place(f.primary, options)} | ${cell(message)}<br><br>${chain}${fix} |`
}

function suppressedRow(f: Finding, options: MarkdownOptions): string {
  return `| \`${f.rule}\` | ${place(f.primary, options)} | ${cell(f.suppressed?.reason ?? '')} |`
}

function place(span: Span, options: MarkdownOptions): string {
  const text = `${cell(span.file)}:${span.start.line}`
  return options.link ? `[${text}](${options.link(span.file, span.start.line)})` : text
}

/**
 * Text from the repository inside a table cell: no raw HTML (it is someone else's file), no cell
 * breaks, no line breaks. Code spans keep their text as is, since entities are not decoded there
 * (`a && b` must not turn into `a &amp;&amp; b`); a table still needs their pipes escaped.
 */
export function cell(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ')
  let out = ''
  let last = 0
  for (const code of flat.matchAll(/(`+)[^`]+?\1(?!`)/g)) {
    out += escapeHtml(flat.slice(last, code.index)) + code[0]
    last = code.index + code[0].length
  }
  return (out + escapeHtml(flat.slice(last))).replace(/\|/g, '\\|')
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
