import { tmpdir } from 'node:os'
import { main } from '../../src/cli/index.js'
import type { FixtureTable } from '../verify/fixture.js'

/** the CLI in this process: its exit code and what it wrote */
export async function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = tmpdir()) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: { NO_COLOR: '1', ...env } })
  return { code, stdout, stderr }
}

export const ONE_TABLE: FixtureTable[] = [{ name: 'User', columns: [['id', 'id'], ['email', 'text']], rows: [[1, 'ada@example.org']] }]
