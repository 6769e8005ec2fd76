// The CLI as users run it: bundled, its core run from V8's code cache, with the parsers that load
// on demand (Babel for prisma.config.ts and seed scripts, tree-sitter's C#, Java and Go grammars for ASP.NET Core startup code, Spring Boot runners and Go servers) reached through src/util/on-demand.ts.
// The sources pass these cases under vitest; this proves the bundle does too (a CommonJS parser
// bundled into a chunk once arrived without its named exports, and the reads quietly found nothing).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cliBundle, removeCliBundle } from '../hook/repo.js'

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'check', name)
const check = async (dir: string) => spawnSync(process.execPath, [await cliBundle(), 'check', dir, '--format', 'json'], { encoding: 'utf8' })

describe('the bundled CLI', () => {
  afterAll(removeCliBundle)

  it('reads the seed command Prisma 7 takes from prisma.config.ts', async () => {
    const run = await check(fixture('prisma-config-seed-in-release'))
    expect(run.status).toBe(1)
    const [finding] = JSON.parse(run.stdout).findings
    expect(finding.message).toContain('Prisma seed command `tsx prisma/seed.ts`')
  }, 120_000)

  it('honours the exit at the top of a seed script', async () => {
    expect((await check(fixture('seed-script-exits-on-vercel-production'))).status).toBe(0)
    expect((await check(fixture('seed-script-exits-in-development-seeds'))).status).toBe(1)
  }, 120_000)

  it("reads an ASP.NET Core app's startup code with the C# grammar shipped beside its chunks", async () => {
    const run = await check(fixture('aspnet-startup-seed-unguarded'))
    expect(run.status).toBe(1)
    expect(JSON.parse(run.stdout).findings[0].file).toMatch(/src\/Shop\/Program\.cs$/)
    expect((await check(fixture('aspnet-startup-seed-in-development-silent'))).status).toBe(0)
  }, 120_000)

  it("reads a Spring Boot app's runners and a Go server's main with the Java and Go grammars shipped beside its chunks", async () => {
    const spring = await check(fixture('spring-runner-data-loader-seeds'))
    expect(spring.status).toBe(1)
    expect(JSON.parse(spring.stdout).findings[0].file).toMatch(/BookShelfFiller\.java$/)
    const go = await check(fixture('go-server-drop-table-resets'))
    expect(go.status).toBe(1)
    expect(JSON.parse(go.stdout).findings[0].file).toMatch(/internal\/db\/db\.go$/)
  }, 120_000)
})
