import { describe, expect, it } from 'vitest'
import { renderJson } from '../../src/report/json.js'
import { configFailure, noFiles, options, result } from './result.js'

describe('json reporter', () => {
  it('flattens findings, suppressed ones as notes', () => {
    expect(renderJson(result, options)).toMatchInlineSnapshot(`
      "{
        "version": 1,
        "findings": [
          {
            "ruleId": "seed-in-production",
            "severity": "error",
            "message": "\`prisma db seed\` (Prisma) seeds the database on a production path: deploy job \`prod\` (environment: production) → step \`Build\`: \`npm run build\` → package.json \`build\` → \`prisma db seed\`",
            "file": "package.json",
            "line": 3,
            "column": 29,
            "endLine": 3,
            "endColumn": 43,
            "chain": [
              {
                "file": ".github/workflows/deploy.yml",
                "line": 6,
                "column": 3,
                "label": "deploy job \`prod\` (environment: production)"
              },
              {
                "file": ".github/workflows/deploy.yml",
                "line": 12,
                "column": 14,
                "label": "step \`Build\`: \`npm run build\`"
              },
              {
                "file": "package.json",
                "line": 3,
                "column": 5,
                "label": "package.json \`build\`"
              },
              {
                "file": "package.json",
                "line": 3,
                "column": 29,
                "label": "\`prisma db seed\`"
              }
            ],
            "seed": {
              "tool": "Prisma",
              "command": "prisma db seed",
              "effects": [
                "seed"
              ]
            },
            "production": {
              "verdict": "production",
              "confidence": "high",
              "reasons": [
                {
                  "kind": "environment",
                  "towards": true,
                  "detail": "environment \`production\`",
                  "file": ".github/workflows/deploy.yml",
                  "line": 7
                },
                {
                  "kind": "trigger",
                  "towards": true,
                  "detail": "push to main",
                  "file": ".github/workflows/deploy.yml",
                  "line": 3
                }
              ]
            },
            "confidence": "high",
            "fix": "move \`prisma db seed\` out of the \`build\` script into a script no deploy runs"
          },
          {
            "ruleId": "seed-possibly-in-production",
            "severity": "warning",
            "message": "\`prisma db seed\` (Prisma) may seed the database on a production path: job \`migrate\` → \`npx prisma db seed\`; unsure it is production (for: push, pull_request — against: DATABASE_URL comes from secret STAGING_DATABASE_URL, named for a non-production database)",
            "file": ".github/workflows/migrate.yml",
            "line": 6,
            "column": 18,
            "endLine": 6,
            "endColumn": 32,
            "chain": [
              {
                "file": ".github/workflows/migrate.yml",
                "line": 3,
                "column": 3,
                "label": "job \`migrate\`"
              },
              {
                "file": ".github/workflows/migrate.yml",
                "line": 6,
                "column": 14,
                "label": "\`npx prisma db seed\`"
              }
            ],
            "seed": {
              "tool": "Prisma",
              "command": "prisma db seed",
              "effects": [
                "seed"
              ]
            },
            "production": {
              "verdict": "unknown",
              "confidence": "low",
              "reasons": [
                {
                  "kind": "trigger",
                  "towards": true,
                  "detail": "push, pull_request",
                  "file": ".github/workflows/migrate.yml",
                  "line": 1
                },
                {
                  "kind": "database",
                  "towards": false,
                  "detail": "DATABASE_URL comes from secret STAGING_DATABASE_URL, named for a non-production database"
                }
              ]
            },
            "confidence": "low"
          },
          {
            "ruleId": "seed-in-production",
            "severity": "note",
            "originalSeverity": "error",
            "message": "\`knex seed:run\` (Knex) seeds the database on a production path: Procfile \`release\` phase → \`knex seed:run\`",
            "file": "Procfile",
            "line": 2,
            "column": 14,
            "endLine": 2,
            "endColumn": 27,
            "chain": [
              {
                "file": "Procfile",
                "line": 2,
                "column": 1,
                "label": "Procfile \`release\` phase"
              },
              {
                "file": "Procfile",
                "line": 2,
                "column": 14,
                "label": "\`knex seed:run\`"
              }
            ],
            "seed": {
              "tool": "Knex",
              "command": "knex seed:run",
              "effects": [
                "seed"
              ]
            },
            "confidence": "high",
            "suppressed": {
              "reason": "loads only the country lookup table, idempotently",
              "file": "Procfile",
              "line": 1
            }
          }
        ],
        "stats": {
          "files": 4,
          "contexts": 3,
          "productionContexts": 2,
          "suppressed": 1,
          "durationMs": 12.4
        }
      }
      "
    `)
  })

  it('never reports a suppressed finding as an error', () => {
    const { findings } = JSON.parse(renderJson(result, options)) as { findings: { severity: string; suppressed?: object }[] }
    expect(findings.filter((f) => f.severity === 'error')).toHaveLength(1)
    expect(findings.filter((f) => f.suppressed).map((f) => f.severity)).toEqual(['note'])
  })

  it('carries an error that stopped the check, located, with no findings (issue 11, item 10)', () => {
    expect(JSON.parse(renderJson(configFailure, options))).toEqual({
      version: 1,
      error: { code: 'config-error', message: 'unknown setting `production-enviroments`', file: '.seedguard.yml', line: 2, column: 1, endLine: 2, endColumn: 23 },
      findings: [],
      stats: configFailure.stats,
    })
    expect(JSON.parse(renderJson(noFiles, options)).error).toEqual({ code: 'no-files', message: expect.stringMatching(/^no files in \/repo, so nothing was checked/) })
  })
})
