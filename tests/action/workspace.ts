import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'action')

/** A fresh copy of a fixture repository, at `under` inside a new workspace directory. */
export function workspaceOf(fixture: string, under = ''): string {
  const workspace = mkdtempSync(join(tmpdir(), 'seedguard-action-'))
  cpSync(join(FIXTURES, fixture), join(workspace, under), { recursive: true })
  return workspace
}

/**
 * A repository with `errors` seed steps in a production job and `warnings` guarded seeds in the
 * script it runs: one finding each, for the annotation cap and the check run's batches.
 */
export function generatedWorkspace(errors: number, warnings: number): string {
  const workspace = mkdtempSync(join(tmpdir(), 'seedguard-action-'))
  const steps = Array.from({ length: errors }, (_, i) => `      - name: seed ${i + 1}\n        run: npx prisma db seed`)
  const workflow = ['on:', '  push:', '    branches: [main]', 'jobs:', '  deploy:', '    environment: production', '    runs-on: ubuntu-latest', '    steps:', '      - run: ./scripts/release.sh', ...steps, '']
  const script = ['#!/usr/bin/env bash', 'npx knex migrate:latest', ...Array.from({ length: warnings }, () => '[ "$GITHUB_REF_NAME" = "demo" ] && npx sequelize-cli db:seed:all'), '']
  write(workspace, '.github/workflows/deploy.yml', workflow.join('\n'))
  write(workspace, 'scripts/release.sh', script.join('\n'))
  write(workspace, 'package.json', JSON.stringify({ prisma: { seed: 'node prisma/seed.js' }, devDependencies: { prisma: '6.1.0', 'sequelize-cli': '6.6.2' } }, null, 2))
  return workspace
}

/** Files a runner keeps outside the workspace: the event, the summary, the outputs. */
export function runnerTemp(): string {
  return mkdtempSync(join(tmpdir(), 'seedguard-runner-'))
}

export function pullRequestEvent(dir: string, number = 7, headSha = 'feedfacefeedfacefeedfacefeedfacefeedface'): string {
  const path = join(dir, 'event.json')
  writeFileSync(path, JSON.stringify({ action: 'synchronize', number, pull_request: { number, head: { sha: headSha, repo: { full_name: 'acme/shop' } }, base: { repo: { full_name: 'acme/shop' } } } }))
  return path
}

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true })
  writeFileSync(join(root, file), text)
}
