import type { LeafCommand } from '../model/command.js'
import type { Verdict } from '../model/production.js'

export interface DeployMatch {
  /** where the deploy goes: production, a preview/staging target, or not decidable from the command */
  target: Verdict
  /** e.g. "`vercel deploy --prod`" */
  detail: string
}

/** A deploy CLI (`vercel`, `fly`, `kubectl`, …) and the well-known GitHub actions that wrap it. */
export interface DeployTool {
  id: string
  title: string
  docs: string
  match(cmd: LeafCommand): DeployMatch | undefined
  /** `uses: owner/repo@ref` of a remote action with its `with:` inputs */
  matchAction?(uses: string, inputs: Record<string, string>): DeployMatch | undefined
}
