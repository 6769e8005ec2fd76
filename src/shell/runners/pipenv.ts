// https://pipenv.pypa.io/en/latest/scripts.html : `pipenv run x` runs the script x of the Pipfile's
// `[scripts]` (a command line), else the command x in the project's virtualenv.
import { flagAndInline } from './args.js'
import { commandString, entryValue, findScriptTable } from './python-scripts.js'
import type { PackageRunner } from './types.js'

// options of pipenv itself that take a value, given before `run`
const VALUED = new Set(['--python', '--pypi-mirror'])

const pipenv: PackageRunner = {
  id: 'pipenv',
  commands: ['pipenv'],
  resolve(words, ctx) {
    let i = 1
    for (; i < words.length && words[i]!.value.startsWith('-'); i++) if (VALUED.has(flagAndInline(words[i]!.value)[0]!) && !words[i]!.value.includes('=')) i++
    if (words[i]?.value !== 'run') return undefined
    const rest = words.slice(i + 1)
    const name = rest[0]
    if (!name) return []
    const scripts = findScriptTable(ctx.project, ctx.cwd, 'Pipfile', 'scripts')
    if (!scripts || name.dynamic || !scripts.names.has(name.value)) return [{ kind: 'exec', words: rest }]
    const found = commandString(scripts, entryValue(scripts, name.value), `${scripts.file} script \`${name.value}\``, ctx.cwd)
    // `{ call = "pkg:func" }` runs Python code: judged by the script's name only
    return found ? [found] : [{ kind: 'leaf', words: [name] }]
  },
}

export default pipenv
