import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'

/**
 * Text from outside the action's control (lines of the checked repository, rows of the verified
 * database): a line like `::add-mask::` or `::set-output` in it must reach the log as text, not as
 * a command.
 */
export function printUninterpreted(text: string): void {
  const token = randomUUID()
  core.info(`::stop-commands::${token}`)
  core.info(text.trimEnd())
  core.info(`::${token}::`)
}
