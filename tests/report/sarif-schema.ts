import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'

// tests/fixtures/sarif-schema-2.1.0.json is lib/schemas/sarif-2.1.0-rtm.5.json from the npm package
// @microsoft/jest-sarif@1.0.0-beta.0 (MIT, github.com/microsoft/sarif-js-sdk), copied unchanged:
// the OASIS SARIF 2.1.0 schema as SchemaStore publishes it. It is draft-04, which Ajv 8 does not
// load, so its two draft-04 header keywords are swapped for their draft-07 forms below; nothing
// else in it differs between the drafts (no boolean exclusiveMinimum/Maximum).
function loadSchema(): object {
  const url = new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url)
  const { $schema: _, id, ...rest } = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>
  return { $id: id, ...rest }
}

/** The schema's complaints about a SARIF log; empty when it is valid. */
export function validateSarif(text: string) {
  // strict: false for draft-04's leftovers; unicodeRegExp: false because the schema's `language`
  // pattern has a stray ']' that only non-unicode regular expressions accept
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })
  addFormats.default(ajv)
  const validate = ajv.compile(loadSchema())
  validate(JSON.parse(text))
  return validate.errors ?? []
}
