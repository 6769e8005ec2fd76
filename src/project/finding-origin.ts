import type { Finding } from '../model/finding.js'
import type { PushedCommit } from './git-push.js'

/**
 * Where a finding at a pushed tip comes from, found on the tip's first-parent line (the line a
 * branch's own commits form; a finding a merge brings in is the merge's):
 * - `introduced`: `commit` has it and its parent does not;
 * - `before-push`: `commit`, the oldest pushed commit of the line, has it, and so has its parent,
 *   which the remote has already;
 * - `not-traced`: `commit` has it, and what came before it could not be told (past the bound of
 *   listed commits, a parent this clone lacks, or a parent that could not be checked).
 */
export interface Origin {
  kind: 'introduced' | 'before-push' | 'not-traced'
  commit: PushedCommit
}

/**
 * A finding's identity from one commit to the next: what it is and the path to it, not its line
 * and column, which move whenever a line is added above it.
 */
export function findingKey(finding: Finding): string {
  const { rule, primary, seed, detail, chain } = finding
  return JSON.stringify([rule, primary.file, seed?.tool, seed?.command, detail, chain.map((hop) => [hop.span.file, hop.label])])
}

export interface OriginQuery {
  tip: PushedCommit
  /** the keys (findingKey) of the tip's failing findings */
  keys: readonly string[]
  /** the commits the push sends, by oid */
  pushed: ReadonlyMap<string, PushedCommit>
  /** whether more new commits exist than `pushed` holds */
  truncated: boolean
  /** a commit outside `pushed`; undefined when this clone lacks it */
  readOther(oid: string): Promise<PushedCommit | undefined>
  /** the keys of a commit's failing findings; undefined when it cannot be checked */
  failingKeys(commit: PushedCommit): Promise<ReadonlySet<string> | undefined>
}

/**
 * Walks back from the tip, one first parent at a time, while some finding is still present, so
 * "fix it in a new commit" is true advice: only the tip is judged, and each finding is named with
 * the commit from which it is present without a break up to the tip.
 */
export async function traceOrigins({ tip, keys, pushed, truncated, readOther, failingKeys }: OriginQuery): Promise<Map<string, Origin>> {
  const origins = new Map<string, Origin>()
  let open = [...new Set(keys)]
  let current = tip
  const settle = (kind: Origin['kind'], which: readonly string[]) => which.forEach((key) => origins.set(key, { kind, commit: current }))
  while (open.length > 0) {
    const parentOid = current.parents[0]
    // a root commit brought everything it has
    if (parentOid === undefined) return settle('introduced', open), origins
    const inPush = pushed.get(parentOid)
    // past the bound, a parent missing from `pushed` may be new as well as the remote's
    const parent = inPush ?? (truncated ? undefined : await readOther(parentOid))
    const present = parent && (await failingKeys(parent).catch(() => undefined))
    if (!present) return settle('not-traced', open), origins
    settle('introduced', open.filter((key) => !present.has(key)))
    open = open.filter((key) => present.has(key))
    if (!inPush) return settle('before-push', open), origins
    current = parent
  }
  return origins
}
