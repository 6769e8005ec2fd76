import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The top of the git work tree holding `dir` (where `.git` is, a directory or a worktree's file),
 * as `git rev-parse --show-toplevel` answers it without starting git; undefined outside one.
 * Annotations and code scanning place files from there, whatever directory was checked.
 */
export function findRepositoryRoot(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at
    if (dirname(at) === at) return undefined
  }
}
