// mysticatea/npm-run-all docs/npm-run-all.md: `build:*` matches one level, `build:**` every level
import { packageIn, scriptsMatching } from './args.js'
import type { Invocation, PackageRunner } from './types.js'

const VALUED = new Set(['--max-parallel', '-r', '--race', '--npm-path', '--print-label', '--aggregate-output'])

const npmRunAll: PackageRunner = {
  id: 'npm-run-all',
  commands: ['npm-run-all', 'run-s', 'run-p', 'npm-run-all2'],
  resolve(words, ctx) {
    const pkg = packageIn(ctx, undefined)
    if (!pkg) return [{ kind: 'unresolved', reason: `no package.json for \`${words[0]!.value}\` in ${ctx.cwd}` }]
    const out: Invocation[] = []
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!
      if (word.value === '--') break
      if (word.value.startsWith('-')) {
        if (VALUED.has(word.value) && word.value !== '-r' && word.value !== '--race') i++
        continue
      }
      if (word.dynamic) {
        out.push({ kind: 'unresolved', reason: `script pattern \`${word.value}\` is only known at run time` })
        continue
      }
      // a pattern's arguments (`"seed -- --force"`) belong to the script, not to the name
      const pattern = word.value.split(/\s+/)[0]!
      out.push(...scriptsMatching(pkg, pattern, `${words[0]!.value} ${pattern}`))
    }
    return out
  },
}

export default npmRunAll
