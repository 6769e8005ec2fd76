import { describe, expect, it } from 'vitest'
import { renderSarif } from '../../src/report/sarif.js'
import { configFailure, files, noFiles, options, readLine, result, resultOf, seedInProduction } from './result.js'
import { validateSarif } from './sarif-schema.js'

type Log = { runs: { tool: { driver: { rules: { id: string }[] } }; results: { partialFingerprints: Record<string, string> }[] }[] }

describe('sarif reporter', () => {
  const text = renderSarif(result, options)

  it('is valid SARIF 2.1.0', () => {
    expect(validateSarif(text)).toEqual([])
    expect(validateSarif(renderSarif(resultOf([]), options))).toEqual([])
  })

  it('catches an invalid log (the schema is really applied)', () => {
    const broken = JSON.parse(text) as { runs: { results: { level: string }[] }[] }
    broken.runs[0]!.results[0]!.level = 'fatal'
    expect(validateSarif(JSON.stringify(broken))).not.toEqual([])
  })

  it('renders the run', () => {
    // rule texts are ruleHelp's and long; the snapshot keeps their ids, stringified to keep key order
    const log = JSON.parse(text) as Log
    const run = log.runs[0]!
    run.tool.driver.rules = run.tool.driver.rules.map((r) => r.id) as never
    expect(JSON.stringify(log, null, 2)).toMatchInlineSnapshot(`
      "{
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
          {
            "tool": {
              "driver": {
                "name": "seedguard",
                "informationUri": "https://github.com/seedguard/seedguard",
                "version": "0.1.0",
                "rules": [
                  "seed-in-production",
                  "seed-possibly-in-production",
                  "reset-in-production",
                  "reset-possibly-in-production",
                  "unresolved-on-production-path",
                  "parse-error",
                  "script-cycle",
                  "suppression-without-reason",
                  "invalid-suppression",
                  "unused-suppression",
                  "config-error",
                  "ci-not-analysed"
                ]
              }
            },
            "originalUriBaseIds": {
              "%SRCROOT%": {
                "uri": "file:///repo/"
              }
            },
            "columnKind": "utf16CodeUnits",
            "results": [
              {
                "ruleId": "seed-in-production",
                "ruleIndex": 0,
                "level": "error",
                "message": {
                  "text": "\`prisma db seed\` (Prisma) seeds the database on a production path: deploy job \`prod\` (environment: production) → step \`Build\`: \`npm run build\` → package.json \`build\` → \`prisma db seed\`"
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "package.json",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 3,
                        "startColumn": 29,
                        "endLine": 3,
                        "endColumn": 43
                      }
                    }
                  }
                ],
                "codeFlows": [
                  {
                    "threadFlows": [
                      {
                        "locations": [
                          {
                            "location": {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": ".github/workflows/deploy.yml",
                                  "uriBaseId": "%SRCROOT%"
                                },
                                "region": {
                                  "startLine": 6,
                                  "startColumn": 3,
                                  "endLine": 6,
                                  "endColumn": 7
                                }
                              },
                              "message": {
                                "text": "deploy job \`prod\` (environment: production)"
                              }
                            }
                          },
                          {
                            "location": {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": ".github/workflows/deploy.yml",
                                  "uriBaseId": "%SRCROOT%"
                                },
                                "region": {
                                  "startLine": 12,
                                  "startColumn": 14,
                                  "endLine": 12,
                                  "endColumn": 27
                                }
                              },
                              "message": {
                                "text": "step \`Build\`: \`npm run build\`"
                              }
                            }
                          },
                          {
                            "location": {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": "package.json",
                                  "uriBaseId": "%SRCROOT%"
                                },
                                "region": {
                                  "startLine": 3,
                                  "startColumn": 5,
                                  "endLine": 3,
                                  "endColumn": 12
                                }
                              },
                              "message": {
                                "text": "package.json \`build\`"
                              }
                            }
                          },
                          {
                            "location": {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": "package.json",
                                  "uriBaseId": "%SRCROOT%"
                                },
                                "region": {
                                  "startLine": 3,
                                  "startColumn": 29,
                                  "endLine": 3,
                                  "endColumn": 43
                                }
                              },
                              "message": {
                                "text": "\`prisma db seed\`"
                              }
                            }
                          }
                        ]
                      }
                    ]
                  }
                ],
                "partialFingerprints": {
                  "seedguard/v1": "28988704606861d7a84e264d435fbcd7"
                },
                "properties": {
                  "confidence": "high"
                }
              },
              {
                "ruleId": "seed-possibly-in-production",
                "ruleIndex": 1,
                "level": "warning",
                "message": {
                  "text": "\`prisma db seed\` (Prisma) may seed the database on a production path: job \`migrate\` → \`npx prisma db seed\`; unsure it is production (for: push, pull_request — against: DATABASE_URL comes from secret STAGING_DATABASE_URL, named for a non-production database)"
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": ".github/workflows/migrate.yml",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 6,
                        "startColumn": 18,
                        "endLine": 6,
                        "endColumn": 32
                      }
                    }
                  }
                ],
                "codeFlows": [
                  {
                    "threadFlows": [
                      {
                        "locations": [
                          {
                            "location": {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": ".github/workflows/migrate.yml",
                                  "uriBaseId": "%SRCROOT%"
                                },
                                "region": {
                                  "startLine": 3,
                                  "startColumn": 3,
                                  "endLine": 3,
                                  "endColumn": 10
                                }
                              },
                              "message": {
                                "text": "job \`migrate\`"
                              }
                            }
                          },
                          {
                            "location": {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": ".github/workflows/migrate.yml",
                                  "uriBaseId": "%SRCROOT%"
                                },
                                "region": {
                                  "startLine": 6,
                                  "startColumn": 14,
                                  "endLine": 6,
                                  "endColumn": 32
                                }
                              },
                              "message": {
                                "text": "\`npx prisma db seed\`"
                              }
                            }
                          }
                        ]
                      }
                    ]
                  }
                ],
                "partialFingerprints": {
                  "seedguard/v1": "6e53beb3234a3f737f01e15906b033f5"
                },
                "properties": {
                  "confidence": "low"
                }
              },
              {
                "ruleId": "seed-in-production",
                "ruleIndex": 0,
                "level": "error",
                "message": {
                  "text": "\`knex seed:run\` (Knex) seeds the database on a production path: Procfile \`release\` phase → \`knex seed:run\`"
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "Procfile",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 2,
                        "startColumn": 14,
                        "endLine": 2,
                        "endColumn": 27
                      }
                    }
                  }
                ],
                "codeFlows": [
                  {
                    "threadFlows": [
                      {
                        "locations": [
                          {
                            "location": {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": "Procfile",
                                  "uriBaseId": "%SRCROOT%"
                                },
                                "region": {
                                  "startLine": 2,
                                  "startColumn": 1,
                                  "endLine": 2,
                                  "endColumn": 9
                                }
                              },
                              "message": {
                                "text": "Procfile \`release\` phase"
                              }
                            }
                          },
                          {
                            "location": {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": "Procfile",
                                  "uriBaseId": "%SRCROOT%"
                                },
                                "region": {
                                  "startLine": 2,
                                  "startColumn": 14,
                                  "endLine": 2,
                                  "endColumn": 27
                                }
                              },
                              "message": {
                                "text": "\`knex seed:run\`"
                              }
                            }
                          }
                        ]
                      }
                    ]
                  }
                ],
                "partialFingerprints": {
                  "seedguard/v1": "66ae0d02726670d4ab9156e3cfc26f90"
                },
                "suppressions": [
                  {
                    "kind": "inSource",
                    "justification": "loads only the country lookup table, idempotently",
                    "location": {
                      "physicalLocation": {
                        "artifactLocation": {
                          "uri": "Procfile",
                          "uriBaseId": "%SRCROOT%"
                        },
                        "region": {
                          "startLine": 1,
                          "startColumn": 1,
                          "endLine": 1,
                          "endColumn": 19
                        }
                      }
                    }
                  }
                ],
                "properties": {
                  "confidence": "high"
                }
              }
            ]
          }
        ]
      }"
    `)
  })

  it('describes every rule', () => {
    const rule = (JSON.parse(text) as Log).runs[0]!.tool.driver.rules[0]
    expect(rule).toMatchObject({
      id: 'seed-in-production',
      name: 'SeedInProduction',
      helpUri: 'https://github.com/seedguard/seedguard#rule-seed-in-production',
      defaultConfiguration: { level: 'error' },
    })
  })

  it('keeps the fingerprint when lines are added above the finding', () => {
    const fingerprint = (read: typeof readLine, line: number) => {
      const moved = { ...seedInProduction, primary: { ...seedInProduction.primary, start: { ...seedInProduction.primary.start, line } } }
      const log = JSON.parse(renderSarif(resultOf([moved]), { ...options, readLine: read })) as Log
      return log.runs[0]!.results[0]!.partialFingerprints['seedguard/v1']
    }
    const original = fingerprint(readLine, 3)
    const shifted = (file: string, line: number) => readLine(file, line - 2)
    expect(fingerprint(shifted, 5)).toBe(original)
    expect(original).toMatch(/^[0-9a-f]{32}$/)
    const edited = (file: string, line: number) => (line === 3 ? '"build": "prisma db seed"' : readLine(file, line))
    expect(fingerprint(edited, 3)).not.toBe(original)
    expect(files['package.json']).toContain('prisma db seed')
  })

  it('carries an error that stopped the check as a failed invocation, located, still valid (issue 11, item 10)', () => {
    const failed = renderSarif(configFailure, options)
    expect(validateSarif(failed)).toEqual([])
    expect(validateSarif(renderSarif(noFiles, options))).toEqual([])
    const run = (JSON.parse(failed) as { runs: Record<string, unknown>[] }).runs[0]!
    expect(run.results).toEqual([])
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            descriptor: { id: 'config-error' },
            message: { text: 'unknown setting `production-enviroments`' },
            locations: [{ physicalLocation: { artifactLocation: { uri: '.seedguard.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 23 } } }],
          },
        ],
      },
    ])
  })
})
