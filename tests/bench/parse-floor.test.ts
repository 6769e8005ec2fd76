import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DiskFiles } from '../../src/project/files.js'

// The benchmark's denominator: if the floor stopped parsing what it claims to, check/floor would
// look better than it is. It must see the tree check sees and parse every config and shell text.
const script = join(import.meta.dirname, '../../bench/parse-floor.mjs')
const root = mkdtempSync(join(tmpdir(), 'parse-floor-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function put(path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), text)
}

put('.github/workflows/deploy.yml', 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: |\n          npm run build\n          echo "${{ github.sha }}"\n')
put('package.json', JSON.stringify({ name: 'app', scripts: { build: 'tsc', start: 'node dist/index.js' }, dependencies: { run: '1.0.0' } }))
put('railway.json', JSON.stringify({ deploy: { preDeployCommand: ['npx prisma migrate deploy'], startCommand: 'node dist/index.js' } }))
put('fly.toml', 'app = "app"\n\n[deploy]\n  release_command = "npx prisma migrate deploy"\n\n[processes]\n  web = "node dist/index.js"\n')
put('Procfile', 'release: npx prisma migrate deploy\nweb: node dist/index.js\n')
put('Dockerfile', 'FROM node:20\nRUN npm ci && \\\n  npm run build\nCMD ["node", "dist/index.js"]\n')
put('scripts/release.sh', '#!/bin/sh\nset -e\nnpx prisma migrate deploy\n')
put('src/index.ts', 'export {}\n')
put('node_modules/dep/package.json', JSON.stringify({ scripts: { postinstall: 'node install.js' } }))

function floor() {
  const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout) as Record<string, number>
}

describe('bench/parse-floor.mjs', () => {
  it('lists the files check lists, and reads and parses every config and shell text in them', () => {
    const counts = floor()
    expect(counts.files).toBe(new DiskFiles(root).list().length)
    expect(counts).toMatchObject({ read: 7, yaml: 1, json: 2, toml: 1, procfile: 1, dockerfile: 1, shell: 1, parseErrors: 0 })
    // 2 run blocks, 2 package scripts, 2 Railway commands, release_command and a process,
    // 2 Procfile lines, the RUN (the exec-form CMD is JSON), the script: a dependency named `run` is not one
    expect(counts.shellTexts).toBe(12)
  })

  it('counts what does not parse', () => {
    put('render.yaml', 'services:\n  - name: "unclosed\n')
    put('scripts/broken.sh', 'if true; then\n  echo\n')
    // one error each: the YAML's unclosed quote and the script's missing `fi`
    expect(floor().parseErrors).toBe(2)
  })
})
