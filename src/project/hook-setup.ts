import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser'

/** How a hook starts seedguard, and what the project installs it with. */
export interface HookRunner {
  /** yarn under Plug'n'Play: there is no node_modules/.bin to find seedguard in */
  pnp: boolean
  /** the command that adds seedguard to this project, for the advice of a hook that cannot find it */
  add: string
}

export const NPM_RUNNER: HookRunner = { pnp: false, add: 'npm install --save-dev seedguard' }

/**
 * The lines every hook `init` writes run. The hook is committed (husky) and runs on every clone,
 * also on one where nobody ran the install yet: a missing seedguard is said, with how to install
 * it, never a bare `seedguard: not found` (exit 127) that reads like a broken hook.
 *
 * seedguard comes from node_modules/.bin, which npm, pnpm, yarn with node_modules and bun all fill
 * (husky puts it on PATH too; a plain hook has to), or from PATH (a global install). Not
 * `npx --no-install` or `pnpm exec`: their start-up alone costs more than the whole check of a
 * small repository, and when seedguard is missing they fail with their own message. Only yarn's
 * Plug'n'Play has no .bin: there `yarn seedguard` runs it, and `yarn bin seedguard` (which never
 * downloads) tells whether it is installed.
 */
export function hookLines({ pnp, add }: HookRunner): string {
  const advice = `seedguard: this push is blocked because it was not checked: the pre-push hook cannot find seedguard. Install the dependencies of this project, or add it with \`${add}\`, then push again. In a real emergency only, \`git push --no-verify\` skips the check.`
  const [found, run] = pnp ? ['yarn bin seedguard', 'yarn seedguard'] : ['command -v seedguard', 'seedguard']
  return `# seedguard: check what this push sends (in a real emergency: git push --no-verify)
${pnp ? '' : 'PATH="node_modules/.bin:$PATH"\n'}if ! ${found} >/dev/null 2>&1; then
  echo '${advice}' >&2
  exit 1
fi
${run} hook pre-push "$@" || exit $?
`
}

/** hooks/pre-push in the package, and what `init` writes as a new plain git hook */
export const plainHook = (runner: HookRunner) => `#!/bin/sh\n${hookLines(runner)}`

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
 * A hook file that runs seedguard exactly once: created with `fresh`, or `lines` appended. The
 * lines earlier versions of `init` wrote, which fail with 127 where seedguard is not installed,
 * are replaced; a seedguard line the user wrote is left alone. Carriage returns go: `sh` reads
 * `seedguard\r` as a different command.
 */
export function addHookLine(existing: string | undefined, fresh: string, lines: string): Edit {
  if (existing === undefined || existing.trim() === '') return { text: fresh, changes: [existing === undefined ? 'created' : 'filled the empty file'], warnings: [] }
  const lf = existing.replace(/\r\n?/g, '\n')
  const changes = lf === existing ? [] : ['converted CRLF line endings to LF']
  const kept = lf.split('\n')
  const legacy = kept.findIndex((l) => LEGACY_LINES.includes(l.trim()))
  if (legacy >= 0) {
    const text = kept.flatMap((l, i) => (i === legacy ? [lines.replace(/\n$/, '')] : LEGACY_LINES.includes(l.trim()) || l.trim() === LEGACY_COMMENT ? [] : [l])).join('\n')
    return { text, changes: [...changes, 'replaced the seedguard line of an earlier `seedguard init` by lines that say how to install seedguard when it is missing'], warnings: [] }
  }
  if (SEEDGUARD_LINE.test(lf)) return { text: lf, changes, warnings: [] }
  const before = kept.filter((l) => CONSUMES_INPUT.test(l))
  const warnings = before.map((l) => `the hook runs \`${l.trim()}\` before seedguard: if it reads git's input from stdin or ends the script, seedguard sees no pushed commits. Make sure the seedguard lines get that input.`)
  return { text: `${lf}${lf.endsWith('\n') ? '' : '\n'}${lines}`, changes: [...changes, 'added the lines that run seedguard at its end'], warnings }
}

// what `init` wrote before it checked that seedguard is installed (#11)
const LEGACY_LINES = ['seedguard hook pre-push "$@"', 'yarn seedguard hook pre-push "$@"', 'PATH="node_modules/.bin:$PATH" exec seedguard hook pre-push "$@"', 'PATH="node_modules/.bin:$PATH" seedguard hook pre-push "$@" || exit $?']
const LEGACY_COMMENT = '# seedguard: check every commit this push sends (in a real emergency: git push --no-verify)'

/**
 * package.json with what the hook needs on every clone after the project's install, formatting
 * kept (jsonc-parser edits, not a rewrite): seedguard as a devDependency at `seedguardRange`, and
 * with `husky`, husky too and `"prepare": "husky"`, which turns the hook on at install.
 */
export function addHookPackages(text: string, { husky, seedguardRange }: { husky: boolean; seedguardRange: string }): Edit {
  let pkg: { name?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> }
  try {
    pkg = JSON.parse(text)
  } catch (error) {
    throw new Error(`package.json is not valid JSON: ${(error as Error).message}`)
  }
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  '
  const formattingOptions: FormattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' }
  const changes: string[] = []
  const warnings: string[] = []
  const rangeOf = (name: string) => pkg.devDependencies?.[name] ?? pkg.dependencies?.[name]
  const addDevDependency = (name: string, range: string) => {
    // npm keeps dependency maps sorted; a new key goes where `npm install -D <name>` would put it
    const sorted = (keys: string[]) => keys.filter((k) => k.localeCompare(name) < 0).length
    text = applyEdits(text, modify(text, ['devDependencies', name], range, { formattingOptions, getInsertionIndex: sorted }))
    changes.push(`added devDependency "${name}": "${range}"`)
  }
  if (husky) {
    const range = rangeOf('husky')
    if (range === undefined) addDevDependency('husky', HUSKY_RANGE)
    else if (/^[\^~>=v ]*[0-8]\./.test(range)) warnings.push(`husky ${range} is older than v9: .husky/pre-push is written for husky v9 (upgrade with \`npm install -D husky@9\`)`)
  }
  // seedguard's own repository runs the hook from its build, not from a copy of itself
  if (rangeOf('seedguard') === undefined && pkg.name !== 'seedguard') addDevDependency('seedguard', seedguardRange)
  const prepare = pkg.scripts?.prepare
  if (husky && (prepare === undefined || !/\bhusky\b/.test(prepare))) {
    const value = prepare === undefined || prepare.trim() === '' ? 'husky' : `${prepare} && husky`
    text = applyEdits(text, modify(text, ['scripts', 'prepare'], value, { formattingOptions }))
    changes.push(prepare === undefined ? `added script "prepare": "husky"` : `script "prepare" now ends with \`&& husky\``)
  }
  return { text, changes, warnings }
}
