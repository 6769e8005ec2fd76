// https://www.gnu.org/software/make/manual/make.html#Goals
import { classifyEnvironmentName } from '../production/evidence.js'
import type { ExecutionContext } from '../model/context.js'
import { expand, readMakefile } from '../shell/runners/make.js'
import { dirnameOf } from '../util/paths.js'
import { readShellDocker } from './docker/shell-docker.js'
import { namedTargetContext } from './named-targets.js'
import type { SourceReader } from './types.js'

/**
 * A Makefile's deploy targets as entry points: `make deploy-prod` is a production path even when no
 * file of the repository runs it (named-targets.ts).
 */
const makefile: SourceReader = {
  id: 'makefile',
  title: 'Makefile deploy targets',
  docs: 'https://www.gnu.org/software/make/manual/make.html#Goals',
  files: ['**/Makefile', '**/makefile', '**/GNUmakefile'],
  read(file, project, config) {
    const parsed = readMakefile(project, file)
    if (!parsed) return { contexts: [], problems: [] }
    const contexts: ExecutionContext[] = []
    const base = file.slice(file.lastIndexOf('/') + 1)
    for (const [target, rule] of parsed.rules) {
      if (target.startsWith('.') || target.includes('%') || target.includes('$')) continue
      const context = namedTargetContext('Makefile target', file, { name: target, at: rule.at, span: parsed.lines.span(rule.at, rule.at + target.length) }, { runner: 'make', options: `-f ${base}` }, config)
      if (context) contexts.push(context)
    }
    return { contexts, problems: [] }
  },
  // a recipe's `ansible-playbook -i …` runs the playbook on the inventory it names, unless the target is named for staging
  deploys: {
    read(file, project, config, out) {
      const parsed = readMakefile(project, file)
      if (!parsed) return
      for (const [target, rule] of parsed.rules) {
        const staging = target.toLowerCase().split(/[^a-z0-9]+/).some((w) => classifyEnvironmentName(w, config) === 'not-production')
        for (const line of rule.recipe) {
          // `$(ANSIBLE) -i $(INVENTORY) site.yml` as make runs it, every character at the recipe line
          const text = expand(line.text, parsed.variables, target, rule)
          const found = readShellDocker(project, { text, offsets: (i) => line.start + Math.min(i, line.end - line.start), file: line.lines.file, shell: 'sh' }, dirnameOf(file))
          for (const { command, ...run } of found.playbooks) out.playbookRuns.push({ ...run, production: staging ? 'not-production' : 'unknown', detail: `${command} in Makefile target \`${target}\` (${file})` })
        }
      }
    },
  },
}
export default makefile
