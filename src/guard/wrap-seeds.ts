import { addHookPackages } from '../project/hook-setup.js'
import { unifiedDiff } from '../util/unified-diff.js'
import { GUARD_PREFIX, type SeedEntryPoint } from './entry-points.js'

/** One file as `init --guard-seeds` would leave it. */
export interface FileChange {
  file: string
  before: string
  after: string
  diff: string
}

/**
 * The files with GUARD_PREFIX before every entry point, and seedguard added to the root
 * package.json's devDependencies (the scripts run it from node_modules/.bin) when any is wrapped.
 */
export function planSeedGuards(entries: SeedEntryPoint[], read: (file: string) => string, seedguardRange: string): FileChange[] {
  const byFile = new Map<string, number[]>()
  for (const entry of entries) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry.offset])
  if (byFile.size > 0 && !byFile.has('package.json')) byFile.set('package.json', [])
  return [...byFile].flatMap(([file, offsets]) => {
    const before = read(file)
    let after = before
    // from the end, so that earlier offsets still hold
    for (const offset of [...new Set(offsets)].sort((x, y) => y - x)) after = after.slice(0, offset) + GUARD_PREFIX + after.slice(offset)
    if (file === 'package.json') after = addHookPackages(after, { husky: false, seedguardRange }).text
    return after === before ? [] : [{ file, before, after, diff: unifiedDiff(file, before, after) }]
  })
}
