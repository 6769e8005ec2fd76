// A directory the user running seedguard may not read (issue 11, item 2): the check fails with
// the reason instead of passing on nothing. Root reads any directory, so as root the bundled CLI
// runs as `nobody`, the way a CI user without the permission would.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cliBundle, removeCliBundle } from '../hook/repo.js'

const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']

describe('seedguard check on a directory it may not read', () => {
  const parent = mkdtempSync(join(tmpdir(), 'seedguard-locked-'))
  afterAll(() => {
    rmSync(parent, { recursive: true, force: true })
    removeCliBundle()
  })

  it('exits 2 with the reason, and the JSON document carries it', async () => {
    const locked = join(parent, 'repo')
    mkdirSync(join(locked, '.github', 'workflows'), { recursive: true })
    chmodSync(locked, 0o000)
    const cli = await cliBundle()
    // the bundle and the directory above the locked one stay reachable for `nobody`
    chmodSync(dirname(cli), 0o755)
    chmodSync(parent, 0o755)
    const argv = [process.execPath, cli, 'check', locked, '--format', 'json']
    const [command, ...args] = process.getuid?.() === 0 ? [...NOBODY, ...argv] : argv
    const run = spawnSync(command!, args, { encoding: 'utf8' })
    expect(run.stderr).toBe(`seedguard: cannot read ${locked} (permission denied), so nothing was checked\n`)
    expect(run.status).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'unreadable-directory', message: `cannot read ${locked} (permission denied), so nothing was checked` }, findings: [] })
  }, 120_000)
})
