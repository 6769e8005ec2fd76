import { describe, expect, it } from 'vitest'
import { renderText, useColor } from '../../src/report/text.js'
import { configFailure, options, result, resultOf, seedInProduction } from './result.js'

describe('text reporter', () => {
  it('frames every hop of each finding, then sums up', () => {
    expect(renderText(result, options)).toMatchInlineSnapshot(`
      "package.json:3:29: error: \`prisma db seed\` (Prisma) seeds the database on a production path: deploy job \`prod\` (environment: production) → step \`Build\`: \`npm run build\` → package.json \`build\` → \`prisma db seed\` [seed-in-production]
        = deploy job \`prod\` (environment: production) at .github/workflows/deploy.yml:6:3
           6 |   prod:
             |   ^^^^
        = step \`Build\`: \`npm run build\` at .github/workflows/deploy.yml:12:14
          12 |         run: npm run build
             |              ^^^^^^^^^^^^^
        = package.json \`build\` at package.json:3:5
           3 |     "build": "next build && prisma db seed",
             |     ^^^^^^^
        = \`prisma db seed\` at package.json:3:29
           3 |     "build": "next build && prisma db seed",
             |                             ^^^^^^^^^^^^^^
        fix: move \`prisma db seed\` out of the \`build\` script into a script no deploy runs

      .github/workflows/migrate.yml:6:18: warning: \`prisma db seed\` (Prisma) may seed the database on a production path: job \`migrate\` → \`npx prisma db seed\`; unsure it is production (for: push, pull_request — against: DATABASE_URL comes from secret STAGING_DATABASE_URL, named for a non-production database) [seed-possibly-in-production]
        = job \`migrate\` at .github/workflows/migrate.yml:3:3
          3 |   migrate:
            |   ^^^^^^^
        = \`npx prisma db seed\` at .github/workflows/migrate.yml:6:14
          6 |       - run: npx prisma db seed
            |              ^^^^^^^^^^^^^^^^^^

      Procfile:2:14: suppressed error: \`knex seed:run\` (Knex) seeds the database on a production path: Procfile \`release\` phase → \`knex seed:run\` [seed-in-production]
        suppressed at Procfile:1: loads only the country lookup table, idempotently

      1 error, 1 warning, 1 suppressed (2 production contexts checked in 12 ms)
      "
    `)
  })

  it('says so when nothing was found', () => {
    expect(renderText(resultOf([]), options)).toBe('no seed command reaches production (4 files, 2 production contexts, 12 ms)\n')
  })

  it('says in one line why nothing was checked, at the config line when there is one', () => {
    expect(renderText(configFailure, options)).toBe('seedguard: .seedguard.yml:2:1: unknown setting `production-enviroments`\n')
  })

  it('leaves the frame out when the source line cannot be read', () => {
    const text = renderText(resultOf([seedInProduction]), { ...options, readLine: () => undefined })
    expect(text).not.toContain(' | ')
    expect(text).toContain('  = package.json `build` at package.json:3:5')
  })

  it('lines carets up under tab-indented source', () => {
    const tabbed = { ...options, readLine: () => '\t\trun: prisma db seed' }
    const finding = { ...seedInProduction, chain: [{ label: 'x', span: { file: 'f', start: { line: 1, column: 8, offset: 7 }, end: { line: 1, column: 22, offset: 21 } } }] }
    expect(renderText(resultOf([finding]), tabbed)).toContain('    1 | \t\trun: prisma db seed\n      | \t\t     ^^^^^^^^^^^^^^\n')
  })

  it('puts no carets under a span that runs over several lines', () => {
    const span = { file: 'f', start: { line: 1, column: 3, offset: 2 }, end: { line: 2, column: 4, offset: 9 } }
    const text = renderText(resultOf([{ ...seedInProduction, chain: [{ label: 'x', span }] }]), { ...options, readLine: () => '  run: |' })
    expect(text).toContain('  = x at f:1:3\n    1 |   run: |\n  fix:')
  })

  it('colours only when asked', () => {
    expect(renderText(result, options)).not.toContain('\x1b[')
    const coloured = renderText(result, { ...options, color: true })
    expect(coloured).toContain('\x1b[31merror\x1b[0m')
    expect(coloured).toContain('\x1b[33mwarning\x1b[0m')
    expect(coloured).toContain('\x1b[1mpackage.json:3:29\x1b[0m')
  })
})

describe('useColor', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '3' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '' }, false, false],
  ])('%o, tty %s → %s', (env, isTTY, expected) => {
    expect(useColor(env, isTTY)).toBe(expected)
  })
})
