// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-error-message
import type { Finding, Severity } from '../model/finding.js'
import { compareFindings, renderChain, renderMessage, ruleHelp } from './message.js'
import type { Reporter } from './types.js'

const command: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' }

/** Workflow-command annotations, one per unsuppressed finding; suppressed ones are not news in a PR. */
export const renderGithub: Reporter = (result) => {
  const lines = result.findings
    .filter((f) => !f.suppressed)
    .sort(compareFindings)
    .map(renderAnnotation)
  return lines.length > 0 ? lines.join('\n') + '\n' : ''
}

function renderAnnotation(f: Finding): string {
  const { primary } = f
  const props = [
    `file=${escapeProperty(primary.file)}`,
    `line=${primary.start.line}`,
    `col=${primary.start.column}`,
    `endLine=${primary.end.line}`,
    `endColumn=${primary.end.column}`,
    `title=${escapeProperty(`${ruleHelp(f.rule).title} [${f.rule}]`)}`,
  ]
  const chain = f.chain.length > 0 ? `\n${renderChain(f)}` : ''
  return `::${command[f.severity]} ${props.join(',')}::${escapeData(renderMessage(f) + chain)}`
}

// As @actions/core's command.ts escapes them: the runner decodes these before showing the text
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
