import { describe, expect, it } from 'vitest'
import { escapeData, escapeProperty, renderGithub } from '../../src/report/github.js'
import { configFailure, noFiles, options, result, resultOf, suppressed } from './result.js'

describe('github reporter', () => {
  it('annotates unsuppressed findings, errors first, the chain said once', () => {
    expect(renderGithub(result, options)).toMatchInlineSnapshot(`
      "::error file=package.json,line=3,col=29,endLine=3,endColumn=43,title=Seed command on a production path [seed-in-production]::\`prisma db seed\` (Prisma) seeds the database on a production path: deploy job \`prod\` (environment: production) → step \`Build\`: \`npm run build\` → package.json \`build\` → \`prisma db seed\`
      ::warning file=.github/workflows/migrate.yml,line=6,col=18,endLine=6,endColumn=32,title=Seed command on a path that may be production [seed-possibly-in-production]::\`prisma db seed\` (Prisma) may seed the database on a production path: job \`migrate\` → \`npx prisma db seed\`; unsure it is production (for: push, pull_request — against: DATABASE_URL comes from secret STAGING_DATABASE_URL, named for a non-production database)
      "
    `)
  })

  it('annotates a check that could not run: at the config line, or without a place', () => {
    expect(renderGithub(configFailure, options)).toBe(
      '::error file=.seedguard.yml,line=2,col=1,endLine=2,endColumn=23,title=Invalid seedguard configuration [config-error]::unknown setting `production-enviroments`\n',
    )
    expect(renderGithub(noFiles, options)).toBe(
      '::error title=Nothing to check [no-files]::no files in /repo, so nothing was checked: did the workflow run actions/checkout before seedguard? Is the path the repository?\n',
    )
  })

  it('prints nothing when only suppressed findings remain', () => {
    expect(renderGithub(resultOf([suppressed]), options)).toBe('')
  })

  it('escapes the message as workflow-command data', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b')
  })

  it('escapes properties further, so a path cannot end a property or the command', () => {
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae')
  })

  it('escapes a hostile file name in the annotation', () => {
    const finding = { ...suppressed, suppressed: undefined, primary: { ...suppressed.primary, file: 'odd,name::x%.yml' } }
    expect(renderGithub(resultOf([finding]), options)).toMatch(/^::error file=odd%2Cname%3A%3Ax%25\.yml,line=2,/)
  })
})
