// https://www.gnu.org/software/make/manual/make.html#Goals
import { classifyEnvironmentName } from '../production/evidence.js'
import type { ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { expand, readMakefile } from '../shell/runners/make.js'
import { dirnameOf } from '../util/paths.js'
import { readShellDocker } from './docker/shell-docker.js'
import type { SourceReader } from './types.js'

// a target named for shipping is run by hand (`make deploy`) or by a pipeline seedguard cannot see
const DEPLOY_WORDS = new Set(['deploy', 'release', 'ship', 'publish', 'rollout', 'promote'])

/**
 * A Makefile's deploy targets as entry points: `make deploy-prod` is a production path even when no
 * file of the repository runs it. A target named for production decides; one only named for
 * deploying is production when its recipe deploys (`fly deploy`, `ssh host …`), else uncertain.
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
      const words = target.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)
      const verdicts = words.map((w) => classifyEnvironmentName(w, config))
      if (verdicts.includes('not-production')) continue
      const production = verdicts.includes('production')
      if (!production && !words.some((w) => DEPLOY_WORDS.has(w))) continue
      const span = parsed.lines.span(rule.at, rule.at + target.length)
      const reason: ProductionReason = production
        ? { kind: 'platform-phase', towards: true, detail: `Makefile target \`${target}\` is named for production`, span }
        : { kind: 'platform-phase', towards: true, weak: true, detail: `Makefile target \`${target}\` is named for deploying; which environment it deploys to is not in the files`, span }
      // `make -f <file> <target>` as the command a person types, every character placed on the target's name
      const text = `make -f ${base} ${target}`
      const source: ShellSource = { text, offsets: (i) => rule.at + Math.max(0, i - (text.length - target.length)), file, shell: 'sh' }
      contexts.push({ id: `${file}#${target}`, label: `Makefile target \`${target}\` in ${file}`, span, reasons: [reason], steps: [{ label: `make ${target}`, span, source, cwd: dirnameOf(file), env: {}, reasons: [] }] })
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
