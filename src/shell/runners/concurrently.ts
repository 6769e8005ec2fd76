// https://github.com/open-cli-tools/concurrently#usage: each argument is a command; `npm:x-*` expands to scripts
import { packageIn, scriptsMatching } from './args.js'
import type { Invocation, PackageRunner } from './types.js'

const VALUED = new Set(['-n', '--names', '-c', '--prefix-colors', '-p', '--prefix', '-l', '--prefix-length', '-t', '--timestamp-format', '-s', '--success', '--max-processes', '-m', '--restart-tries', '--restart-after', '--name-separator', '--default-input-target', '--handle-input', '--kill-signal', '--pad-prefix', '--passthrough-arguments'])
const SHORTCUT = /^(npm|yarn|pnpm|bun):(.+)$/

const concurrently: PackageRunner = {
  id: 'concurrently',
  commands: ['concurrently'],
  resolve(words, ctx) {
    const out: Invocation[] = []
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!
      if (word.value.startsWith('-')) {
        if (VALUED.has(word.value)) i++
        continue
      }
      const shortcut = SHORTCUT.exec(word.value)
      if (!shortcut) {
        out.push({ kind: 'command-string', word })
        continue
      }
      const pkg = packageIn(ctx, undefined)
      const pattern = shortcut[2]!.split(/\s+/)[0]!
      if (!pkg) continue
      out.push(...scriptsMatching(pkg, pattern, `concurrently ${word.value}`))
    }
    return out
  },
}

export default concurrently
