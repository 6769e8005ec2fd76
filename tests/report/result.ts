import type { Finding } from '../../src/model/finding.js'
import type { CheckResult } from '../../src/model/result.js'
import type { Span } from '../../src/model/span.js'
import type { ReportOptions } from '../../src/report/types.js'

/** A hand-built result over a tiny repository: one error, one warning, one suppressed finding. */
export const files: Record<string, string> = {
  '.github/workflows/deploy.yml': `name: deploy
on:
  push:
    branches: [main]
jobs:
  prod:
    environment: production
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build
        run: npm run build
`,
  'package.json': `{
  "scripts": {
    "build": "next build && prisma db seed",
    "start": "next start"
  }
}
`,
  '.github/workflows/migrate.yml': `on: [push, pull_request]
jobs:
  migrate:
    runs-on: ubuntu-latest
    steps:
      - run: npx prisma db seed
        env:
          DATABASE_URL: \${{ secrets.STAGING_DATABASE_URL }}
`,
  Procfile: `# seedguard-ignore seed-in-production: loads only the country lookup table, idempotently
release: npx knex seed:run --specific=countries.js
`,
}

/** The span of the `nth` occurrence of `needle` in `file`; throws so a typo fails loudly. */
export function spanOf(file: string, needle: string, nth = 0): Span {
  const text = files[file]
  if (text === undefined) throw new Error(`no file ${file}`)
  let offset = -1
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1)
    if (offset < 0) throw new Error(`no ${needle} in ${file}`)
  }
  return { file, start: position(text, offset), end: position(text, offset + needle.length) }
}

function position(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1) ?? '').length + 1, offset }
}

export function readLine(file: string, line: number): string | undefined {
  return files[file]?.split('\n')[line - 1]
}

export const options: ReportOptions = { color: false, readLine, toolVersion: '0.1.0' }

const deploy = '.github/workflows/deploy.yml'
const migrate = '.github/workflows/migrate.yml'

export const seedInProduction: Finding = {
  rule: 'seed-in-production',
  severity: 'error',
  primary: spanOf('package.json', 'prisma db seed'),
  chain: [
    { span: spanOf(deploy, 'prod'), label: 'deploy job `prod` (environment: production)' },
    { span: spanOf(deploy, 'npm run build'), label: 'step `Build`: `npm run build`' },
    { span: spanOf('package.json', '"build"'), label: 'package.json `build`' },
    { span: spanOf('package.json', 'prisma db seed'), label: '`prisma db seed`' },
  ],
  seed: { tool: 'Prisma', command: 'prisma db seed', docs: 'https://www.prisma.io/docs/orm/prisma-migrate/workflows/seeding', effects: ['seed'] },
  production: {
    verdict: 'production',
    confidence: 'high',
    reasons: [
      { kind: 'environment', towards: true, detail: 'environment `production`', span: spanOf(deploy, 'environment: production') },
      { kind: 'trigger', towards: true, detail: 'push to main', span: spanOf(deploy, 'push:') },
    ],
  },
  confidence: 'high',
  fix: 'move `prisma db seed` out of the `build` script into a script no deploy runs',
}

export const seedPossibly: Finding = {
  rule: 'seed-possibly-in-production',
  severity: 'warning',
  primary: spanOf(migrate, 'prisma db seed'),
  chain: [
    { span: spanOf(migrate, 'migrate'), label: 'job `migrate`' },
    { span: spanOf(migrate, 'npx prisma db seed'), label: '`npx prisma db seed`' },
  ],
  seed: { tool: 'Prisma', command: 'prisma db seed', docs: 'https://www.prisma.io/docs/orm/prisma-migrate/workflows/seeding', effects: ['seed'] },
  production: {
    verdict: 'unknown',
    confidence: 'low',
    reasons: [
      { kind: 'trigger', towards: true, detail: 'push, pull_request', span: spanOf(migrate, 'on:') },
      { kind: 'database', towards: false, detail: 'DATABASE_URL comes from secret STAGING_DATABASE_URL, named for a non-production database' },
    ],
  },
  confidence: 'low',
}

export const suppressed: Finding = {
  rule: 'seed-in-production',
  severity: 'error',
  primary: spanOf('Procfile', 'knex seed:run'),
  chain: [
    { span: spanOf('Procfile', 'release:'), label: 'Procfile `release` phase' },
    { span: spanOf('Procfile', 'knex seed:run'), label: '`knex seed:run`' },
  ],
  seed: { tool: 'Knex', command: 'knex seed:run', docs: 'https://knexjs.org/guide/migrations.html#seed-files', effects: ['seed'] },
  confidence: 'high',
  suppressed: { reason: 'loads only the country lookup table, idempotently', span: spanOf('Procfile', '# seedguard-ignore') },
}

export function resultOf(findings: Finding[]): CheckResult {
  const suppressedCount = findings.filter((f) => f.suppressed).length
  return {
    root: '/repo',
    // reversed, so that the reporters' ordering is under test too
    findings: [...findings].reverse(),
    stats: { files: 4, contexts: 3, productionContexts: 2, suppressed: suppressedCount, durationMs: 12.4 },
  }
}

export const result = resultOf([seedInProduction, seedPossibly, suppressed])

/** A check stopped by its config (issue 11, item 10): no findings, and why, at the config line. */
export const configFailure: CheckResult = {
  root: '/repo',
  findings: [],
  stats: { files: 0, contexts: 0, productionContexts: 0, suppressed: 0, durationMs: 0 },
  failure: {
    code: 'config-error',
    path: '/repo',
    detail: 'unknown setting `production-enviroments`',
    span: { file: '.seedguard.yml', start: { line: 2, column: 1, offset: 25 }, end: { line: 2, column: 23, offset: 47 } },
  },
}

/** A check of an empty directory (issue 11, item 2): nothing was read, nothing is located. */
export const noFiles: CheckResult = { ...configFailure, failure: { code: 'no-files', path: '/repo' } }
