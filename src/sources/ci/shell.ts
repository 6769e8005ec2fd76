import type { ShellKind } from '../../model/context.js'

/** how a CI step's `shell:` (`bash`, `sh -e {0}`, `/bin/bash --login`, `pwsh`) reads its text; none: bash */
export function shellKind(shell: string | undefined): ShellKind {
  const program = shell?.trim().split(/\s+/)[0]?.replace(/^.*\//, '')
  if (!program || program === 'bash') return 'bash'
  if (program === 'sh') return 'sh'
  if (/^(pwsh|powershell)/i.test(program)) return 'pwsh'
  if (/^python/.test(program)) return 'python'
  return 'other'
}
