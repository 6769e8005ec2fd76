import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser'

/** The command every installed hook runs; git's arguments (remote name, URL) passed along. */
export const HOOK_COMMAND = 'seedguard hook pre-push "$@"'

/**
 * hooks/pre-push in the package, and what `init` writes as a plain git hook: git's stdin goes
 * straight to seedguard. husky puts node_modules/.bin on PATH; a plain hook has to do it itself.
 * Not `npx`: its start-up alone costs more than the whole check of a small repository.
 */
export const PLAIN_HOOK = `#!/bin/sh
# seedguard: check every commit this push sends (in a real emergency: git push --no-verify)
PATH="node_modules/.bin:$PATH" exec ${HOOK_COMMAND}
`

/** added to an existing plain hook: no `exec`, the lines after it still run; a failure stops the push */
export const PLAIN_HOOK_LINE = `PATH="node_modules/.bin:$PATH" ${HOOK_COMMAND} || exit $?`

/** the major version of husky whose hook layout (`.husky/pre-push` run by `.husky/_/h`) init writes */
export const HUSKY_RANGE = '^9.1.7'

const SEEDGUARD_LINE = /^[^#]*\bseedguard\b.*\bhook\s+pre-push\b/m
// earlier commands that read git's stdin (git lfs does) or end the script leave seedguard nothing
const CONSUMES_INPUT = /^[^#]*(\bgit\s+lfs\b|\bread\b|\bcat\b\s*($|[|;&>])|<&0|^\s*(exec|exit)\b)/

export interface Edit {
  text: string
  /** what changed, one entry per change, for `init` to print */
  changes: string[]
  warnings: string[]
}

/**
 * A hook file with the seedguard line in it exactly once: created with `fresh`, or `line` appended.
 * Carriage returns go: `sh` reads `seedguard\r` as a different command.
 */
export function addHookLine(existing: string | undefined, fresh: string, line: string): Edit {
  if (existing === undefined || existing.trim() === '') return { text: fresh, changes: [existing === undefined ? 'created' : 'filled the empty file'], warnings: [] }
  const lf = existing.replace(/\r\n?/g, '\n')
  const changes = lf === existing ? [] : ['converted CRLF line endings to LF']
  if (SEEDGUARD_LINE.test(lf)) return { text: lf, changes, warnings: [] }
  const before = lf.split('\n').filter((l) => CONSUMES_INPUT.test(l))
  const warnings = before.map((l) => `the hook runs \`${l.trim()}\` before seedguard: if it reads git's input from stdin or ends the script, seedguard sees no pushed commits. Make sure the seedguard line gets that input.`)
  return { text: `${lf}${lf.endsWith('\n') ? '' : '\n'}${line}\n`, changes: [...changes, `added \`${line}\``], warnings }
}

/** package.json with husky as a devDependency and `"prepare": "husky"`, formatting kept (jsonc-parser edits, not a rewrite). */
export function addHusky(text: string): Edit {
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> }
  try {
    pkg = JSON.parse(text)
  } catch (error) {
    throw new Error(`package.json is not valid JSON: ${(error as Error).message}`)
  }
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  '
  const formattingOptions: FormattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' }
  const changes: string[] = []
  const warnings: string[] = []
  const range = pkg.devDependencies?.husky ?? pkg.dependencies?.husky
  if (range === undefined) {
    // npm keeps dependency maps sorted; a new key goes where `npm install -D husky` would put it
    const sorted = (keys: string[]) => keys.filter((k) => k.localeCompare('husky') < 0).length
    text = applyEdits(text, modify(text, ['devDependencies', 'husky'], HUSKY_RANGE, { formattingOptions, getInsertionIndex: sorted }))
    changes.push(`added devDependency "husky": "${HUSKY_RANGE}"`)
  } else if (/^[\^~>=v ]*[0-8]\./.test(range)) {
    warnings.push(`husky ${range} is older than v9: .husky/pre-push is written for husky v9 (upgrade with \`npm install -D husky@9\`)`)
  }
  const prepare = pkg.scripts?.prepare
  if (prepare === undefined || !/\bhusky\b/.test(prepare)) {
    const value = prepare === undefined || prepare.trim() === '' ? 'husky' : `${prepare} && husky`
    text = applyEdits(text, modify(text, ['scripts', 'prepare'], value, { formattingOptions }))
    changes.push(prepare === undefined ? `added script "prepare": "husky"` : `script "prepare" now ends with \`&& husky\``)
  }
  return { text, changes, warnings }
}
