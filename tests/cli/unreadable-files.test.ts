// Files and directories the check is not allowed to read, with real permissions. Root reads a
// mode 000 file anyway, so under root (CI containers) the bundled CLI runs as `nobody`: the
// permission is then really refused, and a check that passed what it could not read fails here.
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cliBundle, removeCliBundle } from '../hook/repo.js'

const NOBODY = 65534
const asRoot = process.getuid?.() === 0
const temps: string[] = []

afterAll(() => {
  removeCliBundle()
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

/** a copy of a check fixture, open to everyone but for the paths made unreadable */
function fixtureWith(name: string, unreadable: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'seedguard-unreadable-'))
  temps.push(dir)
  chmodSync(dir, 0o755)
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'check', name), dir, { recursive: true })
  for (const path of unreadable) chmodSync(join(dir, path), 0o000)
  return dir
}

async function check(dir: string) {
  const cli = await cliBundle()
  chmodSync(dirname(cli), 0o755)
  const run = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { encoding: 'utf8', ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) })
  const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string; file: string; line: number; message: string }[] }).findings
  return { status: run.status, findings: findings.map((f) => `${f.file}:${f.line}: ${f.severity} [${f.ruleId}] ${f.message}`) }
}

describe('what the check may not read fails the check, at the file, with the cause', () => {
  it('a package.json at mode 000 behind `release: npm run db:seed`: an error, not "no package.json"', async () => {
    const run = await check(fixtureWith('heroku-release-seeds', ['package.json']))
    expect(run.findings).toEqual([expect.stringMatching(/^package\.json:1: error \[parse-error\] .*cannot be read: permission denied/)])
    expect(run.status).toBe(1)
  }, 120_000)

  it('a Procfile at mode 000', async () => {
    const run = await check(fixtureWith('heroku-release-seeds', ['Procfile']))
    expect(run.findings).toEqual([expect.stringMatching(/^Procfile:1: error \[parse-error\] .*cannot be read: permission denied/)])
    expect(run.status).toBe(1)
  }, 120_000)

  it('a .github/workflows directory that cannot be listed: an error at the directory', async () => {
    const run = await check(fixtureWith('reusable-workflow-input', ['.github/workflows']))
    expect(run.findings).toEqual([expect.stringMatching(/^\.github\/workflows:1: error \[parse-error\] .*cannot be listed \(permission denied\)/)])
    expect(run.status).toBe(1)
  }, 120_000)
})
