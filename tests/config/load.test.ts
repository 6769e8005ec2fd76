import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import schemaJson from '../../schema/seedguard.schema.json' with { type: 'json' }
import { ConfigError, loadConfig } from '../../src/config/load.js'
import { validate, type SchemaNode } from '../../src/config/schema.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { FileCache, MemoryFiles } from '../../src/project/files.js'

const load = (files: Record<string, string>) => loadConfig(new FileCache(MemoryFiles.of(files)))
const errorOf = (files: Record<string, string>) => {
  try {
    load(files)
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  return undefined
}

describe('loadConfig', () => {
  it('uses the defaults without a config', () => {
    expect(load({})).toEqual(DEFAULT_CONFIG)
  })

  it('reads .seedguard.yml', () => {
    const config = load({ '.seedguard.yml': 'default-branches: [trunk]\nseed-commands: ["make seed"]\nallow:\n  - { file: "a.yml", rule: "*", reason: " demo " }\n' })
    expect(config.defaultBranches).toEqual(['trunk'])
    expect(config.seedCommands).toEqual(['make seed'])
    expect(config.allow).toEqual([{ file: 'a.yml', rule: '*', reason: 'demo' }])
    expect(config.productionEnvironments).toEqual(DEFAULT_CONFIG.productionEnvironments)
  })

  it('reads the seedguard key of package.json', () => {
    expect(load({ 'package.json': '{\n  "name": "x",\n  "seedguard": { "production-environments": ["live-eu"] }\n}\n' }).productionEnvironments).toEqual(['live-eu'])
  })

  it.each([
    [{ '.seedguard.yml': 'ignore: [a]\ndefault-branchs: [main]\n' }, '.seedguard.yml:2:1: unknown setting `default-branchs`'],
    [{ '.seedguard.yml': 'ignore: legacy/**\n' }, '.seedguard.yml:1:9: `ignore` must be a list'],
    [{ '.seedguard.yml': 'ignore: [1]\n' }, '.seedguard.yml:1:10: an `ignore` entry must be a string'],
    [{ '.seedguard.yml': 'allow:\n  - { file: a.yml, rule: seed-in-prod, reason: x }\n' }, '.seedguard.yml:2:26: unknown rule `seed-in-prod` (did you mean `seed-in-production`? known:'],
    [{ '.seedguard.yml': 'allow:\n  - { file: a.yml, rule: parse-error, reason: "  " }\n' }, '.seedguard.yml:2:47: `allow.0.reason` must not be empty'],
    [{ '.seedguard.yml': 'allow: [\n' }, '.seedguard.yml:2:1: invalid YAML'],
    [{ '.seedguard.yml': 'allow:\n  - { file: a.yml, rule: parse-error, reason: x }\nignore: [b]\nallow:\n  - { file: c.yml, rule: parse-error, reason: y }\n' }, '.seedguard.yml:4:1: `allow` is given twice (first at line 1); only one of them would be read'],
    [{ 'package.json': '{\n  "seedguard": { "ignore": [] },\n  "seedguard": { "ignored": [] }\n}\n' }, 'package.json:3:18: unknown setting `ignored`'],
    [{ 'package.json': '{\n  "seedguard": {\n    "ignored": []\n  }\n}\n' }, 'package.json:3:5: unknown setting `ignored`'],
  ])('locates %j', (files, expected) => {
    expect(errorOf(files)).toContain(expected)
  })
})

describe('schema/seedguard.schema.json', () => {
  // the loader interprets the schema itself; ajv proves it is a valid schema and that both agree
  const ajv = new Ajv({ allErrors: true, strict: false })
  const ajvValidate = ajv.compile(schemaJson)
  it.each([
    [{}],
    [{ ignore: ['a/**'], 'default-branches': ['main'] }],
    [{ allow: [{ file: 'x', rule: 'parse-error', reason: 'why' }] }],
    [{ allow: [{ file: 'x', rule: 'parse-error' }] }],
    [{ unknown: 1 }],
    [{ ignore: 'a' }],
    [{ 'seed-commands': [''] }],
    [[]],
  ])('agrees with ajv on %j', (value) => {
    expect(validate(value, schemaJson as SchemaNode).length === 0).toBe(ajvValidate(value))
  })
})
