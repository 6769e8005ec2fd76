import { readdirSync } from 'node:fs'
import { ConfigError, loadConfig } from '../config/load.js'
import type { CheckFailure, CheckResult } from '../model/result.js'
import { readFacts } from '../seeds/facts/index.js'
import { DiskFiles, FileCache, type RepoFiles } from '../project/files.js'
import { findRepositoryRoot } from '../project/repository-root.js'
import { runCheck } from './check.js'
import { prefixOf, rebaseResult, unprefix } from './rebase.js'

export interface RepositoryInput {
  /** the checked directory, absolute */
  dir: string
  /** its tree when it is not the directory on disk (a pushed commit read from git objects) */
  files?: RepoFiles
  /** an explicit config file (`--config`) */
  config?: string
  /** where reported paths start (the action's workspace); default: the git work tree holding `dir`, else `dir` */
  base?: string
}

export interface RepositoryCheck {
  /** paths relative to `result.root`; `result.failure` when nothing could be judged */
  result: CheckResult
  /** a line of a reported file, for code frames and fingerprints */
  readLine(file: string, line: number): string | undefined
}

/**
 * The one pipeline behind `seedguard check`, the pre-push hook and the action: read the tree and
 * its config, run the check, and place every path from the repository root. Problems that stop
 * the check come back as `result.failure`, never as an exception, so every format can carry them.
 */
export async function checkRepository(input: RepositoryInput): Promise<RepositoryCheck> {
  const base = input.base ?? findRepositoryRoot(input.dir) ?? input.dir
  const prefix = prefixOf(base, input.dir)
  const rebase = (result: CheckResult) => rebaseResult(result, base, prefix)
  const files = input.files ?? readDirectory(input.dir)
  if ('code' in files) return { result: rebase(failedResult(input.dir, files)), readLine: () => undefined }
  const cache = new FileCache(files)
  const readLine = (file: string, line: number) => cache.get(unprefix(file, prefix))?.lineText(line)
  let config
  try {
    config = loadConfig(cache, input.config)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    // the message starts with its place, which the span carries apart (and rebased)
    const { span } = error
    const detail = error.message.slice(`${span.file}:${span.start.line}:${span.start.column}: `.length)
    return { result: rebase(failedResult(input.dir, { code: 'config-error', path: input.dir, detail, span })), readLine }
  }
  return { result: rebase(runCheck(input.dir, files, config, await readFacts(cache))), readLine }
}

/** A result that judged nothing: no findings, and the reason. */
export function failedResult(root: string, failure: CheckFailure): CheckResult {
  return { root, findings: [], stats: { files: 0, contexts: 0, productionContexts: 0, suppressed: 0, durationMs: 0 }, failure }
}

/**
 * The directory on disk, or why it cannot be checked. An empty tree on disk is a checkout that did
 * not happen or a wrong path, not a repository without seeds (issue 11, item 2).
 */
function readDirectory(dir: string): RepoFiles | CheckFailure {
  try {
    readdirSync(dir)
  } catch (error) {
    return { code: 'unreadable-directory', path: dir, detail: osReason(error) }
  }
  const files = new DiskFiles(dir)
  if (files.list().length === 0) return { code: 'no-files', path: dir }
  return files
}

const OS_REASONS: Record<string, string> = { ENOENT: 'no such directory', ENOTDIR: 'not a directory', EACCES: 'permission denied', EPERM: 'permission denied' }

function osReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return (code && OS_REASONS[code]) ?? (error as Error).message
}
