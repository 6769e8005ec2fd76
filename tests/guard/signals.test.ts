// Signals as a shell sees them: through the bundled CLI in a process of its own.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cliBundle, removeCliBundle } from '../hook/repo.js'

const cwd = mkdtempSync(join(tmpdir(), 'seedguard-signals-'))
// no variable of the test runner's own: nothing here says production, and no database is named
const env = { PATH: process.env.PATH ?? '', HOME: tmpdir() }

describe('seedguard guard: signals', () => {
  afterAll(removeCliBundle)

  it.each(['SIGTERM', 'SIGINT'] as const)('a command killed by %s ends seedguard by the same signal', async (signal) => {
    const result = spawnSync(process.execPath, [await cliBundle(), 'guard', '--', process.execPath, '-e', `process.kill(process.pid, '${signal}')`], { cwd, env, encoding: 'utf8' })
    expect(result.status).toBe(null)
    expect(result.signal).toBe(signal)
  }, 120_000)

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('forwards %s to the command, and exits with the code the command ends with', async (signal) => {
    const child = spawn(process.execPath, [await cliBundle(), 'guard', '--', process.execPath, '-e', `process.on('${signal}', () => process.exit(7)); console.log('ready'); setInterval(() => {}, 1000)`], { cwd, env })
    await new Promise<void>((resolve) => child.stdout.on('data', (data: Buffer) => data.toString().includes('ready') && resolve()))
    child.kill(signal)
    const [code, endedBy] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])))
    expect({ code, endedBy }).toEqual({ code: 7, endedBy: null })
  }, 120_000)
})
