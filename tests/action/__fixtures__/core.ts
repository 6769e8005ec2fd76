// A typed stand-in for @actions/core, as actions/typescript-action's __fixtures__/core.ts: each
// function the action calls is a vi.fn typed after the real one. Inputs come from `inputs`, and
// the job summary is kept in memory instead of a GITHUB_STEP_SUMMARY file.
import type * as core from '@actions/core'
import { vi } from 'vitest'

export const inputs: Record<string, string> = {}

export const getInput = vi.fn<typeof core.getInput>((name) => inputs[name] ?? '')
export const setSecret = vi.fn<typeof core.setSecret>()
export const setOutput = vi.fn<typeof core.setOutput>()
export const setFailed = vi.fn<typeof core.setFailed>()
export const error = vi.fn<typeof core.error>()
export const warning = vi.fn<typeof core.warning>()
export const notice = vi.fn<typeof core.notice>()
export const info = vi.fn<typeof core.info>()
export const debug = vi.fn<typeof core.debug>()

/** what was written to the job summary, one entry per write() */
export const summaryWrites: string[] = []

class FakeSummary {
  private buffer = ''
  addRaw(text: string): this {
    this.buffer += text
    return this
  }
  async write(): Promise<this> {
    summaryWrites.push(this.buffer)
    this.buffer = ''
    return this
  }
}

export const summary = new FakeSummary() as unknown as typeof core.summary

/** Fresh state for the next test: the given inputs, no calls, no summary. */
export function reset(next: Record<string, string>): void {
  vi.clearAllMocks()
  for (const key of Object.keys(inputs)) delete inputs[key]
  Object.assign(inputs, next)
  summaryWrites.length = 0
}

/** setOutput's calls as a record; a later call for the same name wins, as on a runner */
export function outputs(): Record<string, string> {
  return Object.fromEntries(setOutput.mock.calls.map(([name, value]) => [name, String(value)]))
}
