import type { CheckResult } from '../model/result.js'

export interface ReportOptions {
  color: boolean
  /**
   * The text of a 1-based line of a repository-relative file, without its line break; undefined
   * when the file or line is gone. Reporters never touch the disk themselves, so tests pass a map.
   */
  readLine(file: string, line: number): string | undefined
  toolVersion: string
}

/** Renders a whole result; returns the output instead of printing it (STYLE.md §6). */
export type Reporter = (result: CheckResult, options: ReportOptions) => string
