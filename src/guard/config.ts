import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONFIG_FILES, loadConfig } from '../config/load.js'
import type { SeedguardConfig } from '../config/types.js'
import { FileCache, MemoryFiles } from '../project/files.js'
import { findRepositoryRoot } from '../project/repository-root.js'

/**
 * The settings of the project `cwd` lies in: its .seedguard.yml (or package.json `seedguard`) at the
 * repository root, else in `cwd`. Only those files are read: a guard runs before every seed and
 * must not walk the tree. Throws ConfigError for a file that is wrong, as `check` does.
 */
export function projectConfig(cwd: string): SeedguardConfig {
  const root = findRepositoryRoot(cwd) ?? cwd
  const files: Record<string, string> = {}
  for (const name of [...CONFIG_FILES, 'package.json']) {
    try {
      files[name] = readFileSync(join(root, name), 'utf8')
    } catch {
      // absent: the defaults hold
    }
  }
  return loadConfig(new FileCache(MemoryFiles.of(files)))
}
