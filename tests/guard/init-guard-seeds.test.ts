import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index.js'
import { VERSION } from '../../src/cli/version.js'

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seedguard-init-seeds-'))
  execFileSync('git', ['init', '-q', dir])
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  return dir
}

async function init(dir: string, args: string[], answer?: string) {
  let stdout = ''
  const asked: string[] = []
  const ask = answer === undefined ? undefined : async (question: string) => (asked.push(question), answer)
  const code = await main(['init', '--guard-seeds', ...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => {} }, cwd: dir, env: {}, ...(ask ? { ask } : {}) })
  return { code, stdout, asked }
}

const PACKAGE = `{
  "name": "shop",
  "scripts": {
    "build": "next build",
    "db:seed": "prisma db seed",
    "db:reset": "prisma migrate reset --force",
    "setup": "prisma migrate deploy && npm run db:seed",
    "fixtures": "NODE_OPTIONS=--no-warnings npx knex seed:run",
    "guarded": "seedguard guard -- prisma db seed"
  },
  "prisma": {
    "seed": "tsx prisma/seed.ts"
  },
  "devDependencies": {
    "prisma": "^6.5.0"
  }
}
`

describe('seedguard init --guard-seeds', () => {
  it('wraps the seed and reset commands the catalogue knows, and only those: the diff, then the write', async () => {
    const dir = project({ 'package.json': PACKAGE })
    const { code, stdout } = await init(dir, ['--yes'])
    expect(code).toBe(0)
    expect(stdout).toContain('seedguard init: 4 seed or reset commands to run through `seedguard guard`:\n')
    expect(stdout).toContain('  package.json scripts.db:seed: prisma db seed\n')
    expect(stdout).toContain('\n-    "fixtures": "NODE_OPTIONS=--no-warnings npx knex seed:run",\n+    "fixtures": "NODE_OPTIONS=--no-warnings seedguard guard -- npx knex seed:run",\n')
    const written = readFileSync(join(dir, 'package.json'), 'utf8')
    expect(JSON.parse(written)).toEqual({
      ...JSON.parse(PACKAGE),
      scripts: {
        build: 'next build',
        'db:seed': 'seedguard guard -- prisma db seed',
        'db:reset': 'seedguard guard -- prisma migrate reset --force',
        // the script it runs is guarded on its own; the migration is no seed
        setup: 'prisma migrate deploy && npm run db:seed',
        // after the variable it sets, before the runner
        fixtures: 'NODE_OPTIONS=--no-warnings seedguard guard -- npx knex seed:run',
        guarded: 'seedguard guard -- prisma db seed',
      },
      prisma: { seed: 'seedguard guard -- tsx prisma/seed.ts' },
      devDependencies: { prisma: '^6.5.0', seedguard: `^${VERSION}` },
    })
    // a second run finds everything guarded
    expect((await init(dir, ['--yes'])).stdout).toContain('nothing to wrap')
  })

  it('wraps prisma.config.ts migrations.seed', async () => {
    const dir = project({ 'package.json': '{ "name": "app", "devDependencies": { "seedguard": "^0.1.0" } }\n', 'prisma.config.ts': "import { defineConfig } from 'prisma/config'\n\nexport default defineConfig({\n  migrations: { seed: 'tsx prisma/seed.ts' },\n})\n" })
    await init(dir, ['--yes'])
    expect(readFileSync(join(dir, 'prisma.config.ts'), 'utf8')).toContain("migrations: { seed: 'seedguard guard -- tsx prisma/seed.ts' },")
  })

  it('asks at a terminal, and without one and without --yes changes nothing', async () => {
    const dir = project({ 'package.json': PACKAGE })
    const declined = await init(dir, [], 'n')
    expect(declined.asked).toEqual(['Apply these changes? [y/N] '])
    expect(declined.stdout).toContain('+    "db:seed": "seedguard guard -- prisma db seed",')
    expect(declined.stdout).toContain('seedguard init: nothing changed')
    const untouched = await init(dir, [])
    expect(untouched.stdout).toContain('no terminal to ask and no --yes: nothing changed')
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(PACKAGE)
    await init(dir, [], 'y')
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toContain('"db:seed": "seedguard guard -- prisma db seed"')
  })
})
